"""Attachments, collection calls and the committee's proposal settings."""

from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Committee, Session, User
from zhengxie.core.services.files import file_store

from .. import audit_actions
from ..models import Attachment, CollectionCall, Proposal, ProposalPolicy, Reply
from ..permissions import may_attach

ATTACH_FORBIDDEN = Problem("attach_forbidden", "现在不能为该提案上传附件。", 403)
CALL_DATES = Problem("call_dates", "征集截止日期不能早于开始日期。")
POLICY_VALUE = Problem("policy_value", "设置的数值超出合理范围。")
S = Proposal.State


def _reply_awaiting_file(proposal: Proposal, purpose: str) -> Reply | None:
    """A signed reply uploaded after the reply was submitted belongs to that reply; one
    uploaded before waits for it (`proposal_reply` links it)."""
    if purpose != Attachment.Purpose.REPLY or proposal.state != S.REPLY_PENDING:
        return None
    return proposal.replies.filter(round=proposal.round).order_by("-id").first()


def attachment_add(
    *,
    actor: User,
    proposal: Proposal,
    upload: UploadedFile,
    purpose: str,
    now: datetime | None = None,
) -> Attachment:
    """A file on a proposal: the proposer's material, or the unit's signed reply (复文)."""
    require(purpose in Attachment.Purpose.values, errors.BAD_INPUT)
    with transaction.atomic(durable=True):
        # Locked, so the file joins the reply the proposal has now, not one just returned.
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not may_attach(actor, locked, purpose):
            raise ServiceError(ATTACH_FORBIDDEN)
        attachment = file_store(
            actor=actor,
            attachment=Attachment(
                proposal=locked, purpose=purpose, reply=_reply_awaiting_file(locked, purpose)
            ),
            upload=upload,
            action=audit_actions.ATTACH,
            target=locked,
            after={"purpose": purpose},
            now=now,
        )
    return attachment


def collection_call_save(
    *,
    actor: User,
    session: Session,
    outline: str,
    opens_on: date,
    closes_on: date,
    deadline_months: int | None = None,
    fixed_deadline: date | None = None,
) -> CollectionCall:
    """Open (or change) a session's call for proposals: its outline and window."""
    require(actor.has_role(roles.STAFF), errors.FORBIDDEN)
    require(closes_on >= opens_on, CALL_DATES)
    require(bool(outline.strip()), errors.BAD_INPUT, "请填写征集提纲。")
    fields = ["outline", "opens_on", "closes_on", "deadline_months", "fixed_deadline"]
    with transaction.atomic(durable=True):
        existing = CollectionCall.objects.filter(session=session).first()
        before = snapshot(existing, fields) if existing else None
        call, _ = CollectionCall.objects.update_or_create(
            session=session,
            defaults={
                "outline": outline.strip(),
                "opens_on": opens_on,
                "closes_on": closes_on,
                "deadline_months": deadline_months,
                "fixed_deadline": fixed_deadline,
            },
        )
        audit_log(
            actor=actor,
            action=audit_actions.COLLECTION_CALL,
            target=session,
            committee=session.term.committee,
            before=before,
            after=snapshot(call, fields),
        )
    return call


POLICY_FIELDS = [
    "review_replies",
    "relief_working_days",
    "deadline_months",
    "reply_copied_to",
    "collective_duty_for_members",
    "implementation_basis",
]


def proposal_defaults_create(committee: Committee) -> dict[str, object]:
    """The default handling rules: a step of `core.services.committee_setup`, which audits
    what it made."""
    _, created = ProposalPolicy.objects.get_or_create(committee=committee)
    return {"proposal_policy": True} if created else {}


def proposal_policy_update(*, actor: User, committee: Committee, **changes) -> ProposalPolicy:
    require(actor.has_role(roles.STAFF), errors.FORBIDDEN)
    require(set(changes) <= set(POLICY_FIELDS), errors.BAD_INPUT)
    require(1 <= changes.get("relief_working_days", 7) <= 30, POLICY_VALUE)
    require(1 <= changes.get("deadline_months", 3) <= 12, POLICY_VALUE)
    basis = changes.get("implementation_basis", ProposalPolicy.ImplementationBasis.A_OF_REGISTERED)
    require(basis in ProposalPolicy.ImplementationBasis.values, POLICY_VALUE)
    with transaction.atomic(durable=True):
        policy, _ = ProposalPolicy.objects.get_or_create(committee=committee)
        before = snapshot(policy, list(changes))
        for name, value in changes.items():
            setattr(policy, name, value)
        policy.save()
        audit_log(
            actor=actor,
            action=audit_actions.POLICY,
            target=committee,
            committee=committee,
            before=before,
            after=snapshot(policy, list(changes)),
        )
    return policy
