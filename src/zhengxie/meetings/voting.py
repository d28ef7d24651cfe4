"""Votes and elections (表决、选举): one ballot per eligible present member, no proxy, secret
ballots stored only as tallies, results final only when the ballot closes."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.models import User

from . import audit_actions
from .models import CheckIn, Invitation, Meeting, Share, Vote, VoteOption, VoteParticipation
from .permissions import may_run_votes
from .queries import live_counts
from .workflow import VOTE, VOTE_STATE

CHOICES = {"for": "votes_for", "against": "votes_against", "abstain": "abstentions"}
NOT_ELIGIBLE = Problem("not_eligible", "只有已签到的出席委员可以投票,不得委托投票。", 403)
ALREADY_VOTED = Problem("already_voted", "您已投过票。", 409)
BAD_BALLOT = Problem("bad_ballot", "选票须对每一项选择赞成、反对或弃权。")
NOT_FINAL = Problem("not_final", "投票尚未结束,结果未产生。", 409)
NO_OPTIONS = Problem("no_options", "请至少列出一项表决内容或一名候选人。")
BAD_VOTE_RULE = Problem("bad_vote_rule", "请选择有效的表决类型、到会要求和通过规则。")
NO_QUORUM = Problem("no_quorum", "到会人数不足,不能开始表决。", 409)


def _runs_votes(actor: User, meeting: Meeting) -> None:
    if not may_run_votes(actor, meeting):
        raise ServiceError(errors.FORBIDDEN)


def vote_create(
    *,
    actor: User,
    meeting: Meeting,
    kind: str,
    title: str,
    options: list[str],
    secret: bool = True,
    quorum: str = Vote.Quorum.HALF,
    pass_base: str = Vote.Base.MEMBERS,
    pass_share: str = Share.HALF,
) -> Vote:
    """By default a vote opens only with more than half of the body present and passes with
    more than half of all its members (全体委员/全体常务委员过半数); both are set per vote."""
    _runs_votes(actor, meeting)
    if (
        kind not in Vote.Kind.values
        or quorum not in Vote.Quorum.values
        or pass_base not in Vote.Base.values
        or pass_share not in Share.values
    ):
        raise ServiceError(BAD_VOTE_RULE)
    labels = [o.strip() for o in options if o.strip()] or ([title] if kind == "motion" else [])
    if not labels:
        raise ServiceError(NO_OPTIONS)
    # Not durable: the demo loader creates votes inside its one transaction.
    with transaction.atomic():
        vote = Vote.objects.create(
            meeting=meeting,
            kind=kind,
            title=title.strip(),
            secret=secret,
            quorum=quorum,
            pass_base=pass_base,
            pass_share=pass_share,
        )
        VoteOption.objects.bulk_create(
            VoteOption(vote=vote, label=label, position=i) for i, label in enumerate(labels)
        )
        audit_log(
            actor=actor,
            action=audit_actions.VOTE_CREATE,
            target=meeting,
            after={
                "title": vote.title,
                "secret": secret,
                "options": labels,
                "quorum": vote.get_quorum_display(),
                "rule": vote.rule_label(),
            },
        )
    return vote


def _move(actor: User, vote: Vote, action: str, stamp: str) -> Vote:
    """Open or close (`workflow.VOTE`); both take 应到 and 实到 as they stand, and opening
    needs the quorum."""
    # Not durable: the demo loader runs its votes inside its one transaction.
    with transaction.atomic():
        vote, transition = VOTE.begin(actor, vote, action)
        target = transition.target
        counts = live_counts(vote.meeting)
        vote.expected, vote.present = counts["expected"], counts["present"]
        if target == Vote.State.OPEN and not vote.quorum_met(vote.present, vote.expected):
            raise ServiceError(
                NO_QUORUM,
                f"到会人数不足,不能开始表决:应到{vote.expected}人,实到{vote.present}人,"
                f"本项表决须{vote.get_quorum_display()}。",
            )
        vote.state = target
        setattr(vote, stamp, timezone.now())
        vote.save(update_fields=["state", stamp, "expected", "present"])
        audit_log(
            actor=actor,
            action=transition.audit,
            target=vote.meeting,
            after={
                "vote": vote.title,
                "ballots_cast": vote.ballots_cast,
                "expected": vote.expected,
                "present": vote.present,
            },
        )
    return vote


def vote_open(*, actor: User, vote: Vote) -> Vote:
    return _move(actor, vote, "open", "opened_at")


def vote_close(*, actor: User, vote: Vote) -> Vote:
    return _move(actor, vote, "close", "closed_at")


def _eligible(member, meeting: Meeting) -> bool:
    invited = Invitation.objects.filter(
        meeting=meeting, member=member, role=Invitation.Role.INVITEE
    ).exists()
    return invited and CheckIn.objects.filter(meeting=meeting, member=member).exists()


def ballot_cast(*, actor: User, vote: Vote, choices: dict[str, str]) -> None:
    """The member's own ballot: a choice for every option. The participation row and the
    tally increments share one transaction, so a ballot is counted exactly when its voter is
    recorded; for a secret vote the choices are added to the tallies and not kept."""
    member = getattr(actor, "member", None)
    if member is None or not _eligible(member, vote.meeting):
        raise ServiceError(NOT_ELIGIBLE)
    options = list(vote.options.values_list("pk", flat=True))
    picked = {int(k): v for k, v in choices.items() if str(k).isdigit()}
    if set(picked) != set(options) or not set(picked.values()) <= set(CHOICES):
        raise ServiceError(BAD_BALLOT)
    try:
        # Not durable: the demo loader casts ballots inside its one transaction.
        with transaction.atomic():
            # A ballot waits for an opening or closing under way, so none is counted after
            # the vote closed (the result is final when it closes).
            locked = Vote.objects.select_for_update().get(pk=vote.pk)
            if locked.state != Vote.State.OPEN:
                raise ServiceError(VOTE_STATE)
            VoteParticipation.objects.create(
                vote=locked,
                member=member,
                open_choices=None if locked.secret else {str(k): v for k, v in picked.items()},
            )
            for option_id, choice in picked.items():
                VoteOption.objects.filter(pk=option_id).update(
                    **{CHOICES[choice]: F(CHOICES[choice]) + 1}
                )
            Vote.objects.filter(pk=locked.pk).update(ballots_cast=F("ballots_cast") + 1)
            # The audit says that a ballot was cast, never what it said; it commits with
            # the ballot, so no ballot is counted without its event.
            audit_log(
                actor=actor,
                action=audit_actions.BALLOT,
                target=vote.meeting,
                after={"vote": locked.title},
            )
    except IntegrityError as exc:
        raise ServiceError(ALREADY_VOTED) from exc


def vote_result(vote: Vote) -> dict:
    """Published totals, stated with 应到, 实到, 投票 and the rule applied; each option's for +
    against + abstain equals the ballots cast."""
    vote.refresh_from_db()
    if vote.state != Vote.State.CLOSED:
        raise ServiceError(NOT_FINAL)
    options = [
        {
            "id": o.pk,
            "label": o.label,
            "for": o.votes_for,
            "against": o.votes_against,
            "abstain": o.abstentions,
            "adds_up": o.votes_for + o.votes_against + o.abstentions == vote.ballots_cast,
            "passed": vote.passes(o.votes_for),
        }
        for o in vote.options.all()
    ]
    rule, needed = vote.rule_label(), vote.votes_needed()
    return {
        "id": vote.pk,
        "title": vote.title,
        "secret": vote.secret,
        "expected": vote.expected,
        "present": vote.present,
        "ballots_cast": vote.ballots_cast,
        "voters": vote.participations.count(),
        "quorum": vote.get_quorum_display(),
        "rule": rule,
        "votes_needed": needed,
        "summary": f"应到{vote.expected}人,实到{vote.present}人,投票{vote.ballots_cast}人;"
        f"以{rule}为通过(至少{needed}票)。",
        "options": options,
    }
