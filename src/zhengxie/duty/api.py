"""The scores and the scoring rules (履职考核细则): /api/v1/duty/…, for the office and leaders;
a member's record (履职档案): /api/v1/members/{id}/duty, for the member, the office and leaders."""

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhengxie.core import errors
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.http import docx_response, zip_response
from zhengxie.core.inputs import Id, InSchema, ModelText, Pagination, PeriodFilter
from zhengxie.core.queries import current_term
from zhengxie.core.stats import Scope, response_schema

from . import permissions, queries, services, stats
from .actions import FLAG_ACTIONS, REPORT_ACTIONS, run_flag_action, run_report_action
from .documents import card_docx, card_title, report_docx, report_title
from .models import Audience, DutyCardJob, DutyFlag, DutyRecord, ScoringRule
from .scoring import kind_label
from .workflow import FLAG, REPORT

router = Router(tags=["履职考核"])
NO_TERM = Problem("duty_no_term", "该委员在所选期间没有任职记录。", 404)
NO_RULE = Problem("scoring_rule_missing", "该期间尚未制定履职考核细则。", 404)
Points = Field(None, ge=-9999, le=9999, max_digits=6, decimal_places=2)


class ScoresIn(InSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="年度;不填为本年度")
    sector: Id | None = None
    special_committee: Id | None = None
    station: Id | None = None
    order: str = Field("rank", pattern="^(rank|-rank|name)$", description="rank、-rank 或 name")


class KindScoreOut(Schema):
    kind: str
    label: str
    count: int
    points: Decimal


class ShortfallOut(Schema):
    kind: str
    qualifier: str
    label: str
    required: int
    actual: int


class ScoreOut(Schema):
    member_id: int
    name: str
    sector: str | None
    station: str | None
    rank: int
    total: Decimal
    breakdown: list[KindScoreOut]
    below_minimum: list[ShortfallOut] = Field(description="未达到的最低要求")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.member.name

    @staticmethod
    def resolve_sector(obj) -> str | None:
        return obj.sector_name

    @staticmethod
    def resolve_station(obj) -> str | None:
        return obj.station_name

    @staticmethod
    def resolve_breakdown(obj) -> list[dict]:
        return [
            {"kind": kind, "label": kind_label(kind), **item}
            for kind, item in sorted(obj.breakdown.items())
        ]

    @staticmethod
    def resolve_below_minimum(obj) -> list[dict]:
        return obj.shortfalls


class LineIn(InSchema):
    type: str = Field(
        pattern="^(points|multiplier|minimum)$", description="points、multiplier 或 minimum"
    )
    kind: str = Field(max_length=40)
    applies_to: Audience = Audience.ALL
    qualifier: str = Field("", max_length=40, description="细分(会议类别),仅 points、minimum")
    points: Decimal | None = Points
    cap: Decimal | None = Field(None, ge=0, le=99999, max_digits=7, decimal_places=2)
    with_kind: str = Field("", max_length=40, description="仅 multiplier")
    factor: Decimal | None = Field(None, gt=0, le=99, max_digits=4, decimal_places=2)
    count: int | None = Field(None, ge=1, le=999, description="仅 minimum")


class LineOut(Schema):
    id: int
    type: str
    kind: str
    label: str
    applies_to: str
    qualifier: str = ""
    points: Decimal | None = None
    cap: Decimal | None = None
    with_kind: str = ""
    factor: Decimal | None = None
    count: int | None = None


class RuleIn(InSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="年度;不填为整届")


class FlagSettingsIn(InSchema):
    talk_absences: int = Field(2, ge=1, le=99, description="无故缺席全体会议达此次数即谈话提醒")
    exit_after: int = Field(2, ge=2, le=99, description="本届被谈话提醒的期间达此数即建议退出")
    commend_top: int | None = Field(None, ge=1, le=999, description="表彰候选:前N名")
    commend_share: int | None = Field(None, ge=1, le=100, description="表彰候选:前百分之N")


class RuleOut(Schema):
    id: int
    term: str
    year: int | None
    period: str
    scored_at: datetime | None
    lines: list[LineOut]
    flag_settings: FlagSettingsIn


def _require(predicate, user) -> None:
    if not predicate(user):
        raise PermissionDenied


def _rule_out(rule: ScoringRule) -> dict:
    lines = [
        {"type": name, "label": kind_label(line.kind), **_line_values(line)}
        for name, found in queries.lines_of(rule).items()
        for line in found
    ]
    return {
        "id": rule.pk,
        "term": rule.term.label,
        "year": rule.year,
        "period": rule.period_label,
        "scored_at": rule.scored_at,
        "lines": lines,
        "flag_settings": {name: getattr(rule, name) for name in services.FLAG_SETTINGS},
    }


def _line_values(line) -> dict:
    return {"id": line.pk, **{f: getattr(line, f) for f in services.LINE_FIELDS[type(line)]}}


@router.get("/duty/scores", response=list[ScoreOut], summary="委员履职积分与排名")
@paginate(Pagination)
def scores(request, filters: Query[ScoresIn]):
    _require(permissions.can_read_scores, request.auth)
    year = filters.year or timezone.localdate().year
    rule = queries.rule_of_year(current_term(request.auth.committee), year)
    if rule is None:
        raise ServiceError(NO_RULE)
    criteria = filters.dict(exclude={"year"})
    return queries.scores(rule, queries.ScoreFilter(**criteria))


@router.get("/duty/rules", response=list[RuleOut], summary="本届履职考核细则")
def rules(request):
    _require(permissions.can_read_scores, request.auth)
    term = current_term(request.auth.committee)
    return [_rule_out(rule) for rule in queries.rules_of_term(term)] if term else []


@router.post("/duty/rules", response={201: RuleOut}, summary="制定某年度(或整届)的考核细则")
def rule_create(request, payload: RuleIn):
    _require(permissions.can_set_rules, request.auth)
    term = current_term(request.auth.committee)
    if term is None:
        raise ServiceError(errors.CONFLICT, "尚未设置本届。")
    rule = services.scoring_rule_create(actor=request.auth, term=term, year=payload.year)
    return Status(201, _rule_out(rule))


@router.post("/duty/rules/{rule_id}/lines", response={201: RuleOut}, summary="增加细则条目")
def line_add(request, rule_id: Id, payload: LineIn):
    _require(permissions.can_set_rules, request.auth)
    rule = queries.rule_for_user(request.auth, rule_id)
    model = queries.LINE_MODELS[payload.type]
    values = payload.dict(include=set(services.LINE_FIELDS[model]))
    services.scoring_line_add(actor=request.auth, rule=rule, line=model(**values))
    return Status(201, _rule_out(rule))


@router.put(
    "/duty/rules/{rule_id}/lines/{line_type}/{line_id}", response=RuleOut, summary="修改细则条目"
)
def line_update(request, rule_id: Id, line_type: str, line_id: Id, payload: LineIn):
    _require(permissions.can_set_rules, request.auth)
    rule = queries.rule_for_user(request.auth, rule_id)
    line = queries.line_for(rule, line_type, line_id)
    if payload.type != line_type:
        raise ServiceError(errors.BAD_INPUT, "条目类型不能修改。")
    values = payload.dict(include=set(services.LINE_FIELDS[type(line)]))
    services.scoring_line_update(actor=request.auth, line=line, **values)
    return _rule_out(rule)


@router.delete(
    "/duty/rules/{rule_id}/lines/{line_type}/{line_id}", response=RuleOut, summary="删除细则条目"
)
def line_remove(request, rule_id: Id, line_type: str, line_id: Id):
    _require(permissions.can_set_rules, request.auth)
    rule = queries.rule_for_user(request.auth, rule_id)
    services.scoring_line_remove(
        actor=request.auth, line=queries.line_for(rule, line_type, line_id)
    )
    return _rule_out(rule)


@router.post("/duty/rules/{rule_id}/recompute", response=RuleOut, summary="按台账重新计算积分")
def recompute(request, rule_id: Id):
    _require(permissions.can_set_rules, request.auth)
    rule = queries.rule_for_user(request.auth, rule_id)
    services.scores_recompute(actor=request.auth, rule=rule)
    return _rule_out(queries.rule_for_user(request.auth, rule_id))


# One field per registered statistic (stats.py): a statistic declared there is served here.
StatsOut = response_schema(
    "DutyStatsOut",
    stats.APP,
    period=(str, Field(description="统计期间,如“2026年1月1日至2026年6月30日”")),
)


@router.get("/duty/stats", response=StatsOut, summary="履职统计")
def duty_stats(request, filters: Query[PeriodFilter]):
    _require(permissions.can_read_scores, request.auth)
    scope = Scope(request.auth.committee, start=filters.start, end=filters.end)
    return stats.duty_stats(scope)


class RecordIn(InSchema):
    year: int | None = Field(None, ge=1900, le=2199, description="年度;不填为本年度")
    term: Id | None = Field(None, description="届次 id:整届;与 year 同给时以届次为准")


class SourceOut(Schema):
    noun: str = Field(description="来源类别(提案、会议…);无来源为空")
    title: str
    status: str
    url: str = Field(description="来源页面;读者无权打开时为空")


class RecordOut(Schema):
    id: int
    date: date
    kind: str
    label: str
    qualifier: str
    note: str
    hours: Decimal | None
    points: Decimal = Field(description="按本期考核细则计得的分值(封顶前)")
    on_behalf: bool = Field(description="机关代委员记录")
    source: SourceOut


class RecordForIn(InSchema):
    kind: str = Field(max_length=40, description="可代记的履职类别(training、other…)")
    date: date
    note: ModelText(DutyRecord, "note")
    hours: Decimal | None = Field(None, ge=Decimal("0.5"), le=999, max_digits=5, decimal_places=1)


def _record_row(row: queries.RecordRow) -> dict:
    record = row.record
    return {
        "id": record.pk,
        "date": record.date,
        "kind": record.kind,
        "label": row.label,
        "qualifier": record.qualifier,
        "note": record.note,
        "hours": record.hours,
        "points": row.points,
        "on_behalf": record.recorded_by_id is not None,
        "source": asdict(row.source),
    }


@router.get("/members/{member_id}/duty", response=list[RecordOut], summary="委员履职档案")
@paginate(Pagination)
def member_duty(request, member_id: Id, filters: Query[RecordIn]):
    """The member's records of a year or a whole term with the points each earned: the member's
    own, or any member's of the committee for the office and leaders; 404 otherwise."""
    member = queries.member_for_record(request.auth, member_id)
    year = filters.year or timezone.localdate().year
    period = queries.period_of_record(queries.terms_of(member), year, filters.term)
    if period is None:
        raise ServiceError(NO_TERM)
    return [_record_row(row) for row in queries.duty_record_view(member, period, request.auth).rows]


@router.post("/members/{member_id}/duty", response={201: RecordOut}, summary="代委员记录履职")
def member_duty_add(request, member_id: Id, payload: RecordForIn):
    member = queries.member_for_record(request.auth, member_id)
    _require(permissions.can_record_for, request.auth)
    record = services.duty_record_for(actor=request.auth, member=member, **payload.dict())
    return Status(201, _record_row(queries.record_row(record)))


# 成绩单: one member's card, and the bulk jobs that zip every member's.


class CardIn(InSchema):
    year: int | None = Field(None, ge=1900, le=2199, description="年度;不填为整届")


class CardJobIn(InSchema):
    year: int | None = Field(None, ge=1900, le=2199, description="年度;不填为整届")
    to_employer: bool = Field(False, description="每份成绩单以委员所在单位为主送")


class CardJobOut(Schema):
    id: int
    state: str = Field(description="queued、running、done 或 failed")
    state_label: str
    year: int | None
    period: str
    done: int
    total: int
    error: str
    joined: bool = Field(False, description="本次请求加入了该期间正在进行的任务")
    download_url: str | None


def _job_out(job: DutyCardJob, joined: bool = False) -> dict:
    url = reverse("api:card_job_download", args=[job.pk]) if job.ready else None
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": job.get_state_display(),
        "year": job.year,
        "period": job.period_label,
        "done": job.done,
        "total": job.total,
        "error": job.error,
        "joined": joined,
        "download_url": url,
    }


@router.get("/members/{member_id}/card.docx", summary="委员履职成绩单(Word)")
def card(request, member_id: Id, filters: Query[CardIn]):
    member = queries.member_for_record(request.auth, member_id)
    today, term = timezone.localdate(), queries.card_term(request.auth.committee)
    found = queries.card_of(member, term, filters.year, today)
    return docx_response(card_docx(found, today=today), card_title(found))


@router.post("/duty/cards/jobs", response={202: CardJobOut}, summary="生成全体委员成绩单(ZIP)")
def card_job_create(request, payload: CardJobIn):
    _require(permissions.can_read_scores, request.auth)
    job, joined = services.duty_card_job_request(
        actor=request.auth,
        term=queries.card_term(request.auth.committee),
        year=payload.year,
        to_employer=payload.to_employer,
    )
    return Status(202, _job_out(job, joined))


@router.get("/duty/cards/jobs/{job_id}", response=CardJobOut, summary="成绩单生成进度")
def card_job(request, job_id: Id):
    return _job_out(queries.card_job_for_user(request.auth, job_id))


@router.get(
    "/duty/cards/jobs/{job_id}/download",
    summary="下载全体委员成绩单(ZIP)",
    url_name="card_job_download",
)
def card_job_download(request, job_id: Id):
    job = queries.card_job_for_user(request.auth, job_id)
    return zip_response(services.duty_card_job_download(actor=request.auth, job=job), str(job))


class SentOut(Schema):
    members: int


@router.post("/duty/cards/jobs/{job_id}/send", response=SentOut, summary="通知委员查看本人成绩单")
def card_job_send(request, job_id: Id):
    job = queries.card_job_for_user(request.auth, job_id)
    return {"members": services.duty_cards_send(actor=request.auth, job=job)}


@router.put(
    "/duty/rules/{rule_id}/flags", response=RuleOut, summary="设置谈话提醒、退出和表彰候选规则"
)
def flag_settings(request, rule_id: Id, payload: FlagSettingsIn):
    _require(permissions.can_set_rules, request.auth)
    rule = queries.rule_for_user(request.auth, rule_id)
    services.scoring_rule_flags_set(actor=request.auth, rule=rule, **payload.dict())
    return _rule_out(queries.rule_for_user(request.auth, rule_id))


# Flags: 谈话提醒, 建议退出, 表彰候选 — the office and leaders read, the office acts.


class FlagsIn(InSchema):
    kind: DutyFlag.Kind | None = None
    state: DutyFlag.State | None = None
    rule_id: Id | None = Field(None, description="考核期间(细则编号)")
    member_id: Id | None = None


class FlagOut(Schema):
    id: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    member_id: int
    member: str
    rule_id: int
    period: str
    reasons: list[str]
    raised_at: datetime
    talked_on: date | None
    talked_by: str
    note: str
    closed_at: datetime | None
    closed_by: str | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.outcome_label

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.member.name

    @staticmethod
    def resolve_period(obj) -> str:
        return f"{obj.rule.term.label}{obj.rule.period_label}"

    @staticmethod
    def resolve_closed_by(obj) -> str | None:
        return str(obj.closed_by) if obj.closed_by_id else None


class FlagDetailOut(FlagOut):
    actions: list[str] = Field(description="当前用户现在可进行的步骤")

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return [tr.action for tr in FLAG.offered(context["request"].auth, obj)]


@router.get("/duty/flags", response=list[FlagOut], summary="谈话提醒、退出建议和表彰候选")
@paginate(Pagination)
def flags(request, filters: Query[FlagsIn]):
    _require(permissions.can_read_flags, request.auth)
    criteria = queries.FlagFilter(
        kind=filters.kind or "",
        state=filters.state or "",
        rule=filters.rule_id,
        member=filters.member_id,
    )
    return queries.flags_for(request.auth, criteria)


@router.get("/duty/flags/{flag_id}", response=FlagDetailOut, summary="履职提示详情")
def flag_detail(request, flag_id: Id):
    return queries.flag_for_user(request.auth, flag_id)


@router.post(
    "/duty/flags/{flag_id}/actions/{action}",
    response=FlagDetailOut,
    summary="办理履职提示",
    description="动作:" + "、".join(FLAG_ACTIONS) + "。各类提示只能进行其本类的步骤。",
)
def flag_act(request, flag_id: Id, action: str, payload: Body[dict] = None):
    if action not in FLAG_ACTIONS:
        raise Http404
    flag = queries.flag_for_user(request.auth, flag_id)
    run_flag_action(request.auth, flag, action, payload or {})
    return queries.flag_for_user(request.auth, flag_id)


# 述职: a member reads and writes their own; the office and leaders read every one of the
# committee, the office schedules and assesses.


class ReportIn(InSchema):
    member_id: Id | None = Field(None, description="委员编号;不填为本人")
    year: int | None = Field(None, ge=2000, le=2100, description="年度;不填为本年度")
    term_id: Id | None = Field(None, description="届次 id:整届述职")


class ReportOut(Schema):
    id: int
    member_id: int
    member: str
    period: str
    year: int | None
    state: str
    state_label: str
    title: str
    submitted_at: datetime | None
    meeting_id: int | None
    meeting: str | None
    grade: str
    grade_label: str
    assessment: str

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.member.name

    @staticmethod
    def resolve_period(obj) -> str:
        return obj.period_label

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_meeting(obj) -> str | None:
        return obj.meeting.title if obj.meeting_id else None

    @staticmethod
    def resolve_grade_label(obj) -> str:
        return obj.get_grade_display()


class ReportDetailOut(ReportOut):
    text: str
    return_reason: str = Field(description="退回修改的理由,再次提交后清空")
    actions: list[str] = Field(description="当前用户现在可进行的步骤")

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return [tr.action for tr in REPORT.offered(context["request"].auth, obj)]


@router.get("/duty/reports", response=list[ReportOut], summary="述职")
@paginate(Pagination)
def reports(request):
    return queries.reports_for(request.auth)


@router.post("/duty/reports", response={201: ReportDetailOut}, summary="起草述职")
def report_create(request, payload: ReportIn):
    user = request.auth
    own = getattr(user, "member", None)
    if payload.member_id is None and own is None:
        raise ServiceError(errors.BAD_INPUT, "请选择委员。")
    member = queries.member_for_record(user, payload.member_id or own.pk)
    term = None
    if payload.term_id is not None:
        term = next((t for t in queries.terms_of(member) if t.pk == payload.term_id), None)
        if term is None:
            raise ServiceError(services.REPORT_NO_TERM)
    report = services.duty_report_draft(actor=user, member=member, year=payload.year, term=term)
    return Status(201, queries.report_for_user(user, report.pk))


@router.get("/duty/reports/{report_id}/docx", summary="述职报告(Word)")
def report_document(request, report_id: Id):
    report = queries.report_for_user(request.auth, report_id)
    return docx_response(
        report_docx(report, queries.report_membership(report)), report_title(report)
    )


@router.get("/duty/reports/{report_id}", response=ReportDetailOut, summary="述职详情")
def report_detail(request, report_id: Id):
    return queries.report_for_user(request.auth, report_id)


@router.post(
    "/duty/reports/{report_id}/actions/{action}",
    response=ReportDetailOut,
    summary="述职的步骤",
    description="动作:" + "、".join(REPORT_ACTIONS) + "。",
)
def report_act(request, report_id: Id, action: str, payload: Body[dict] = None):
    if action not in REPORT_ACTIONS:
        raise Http404
    report = queries.report_for_user(request.auth, report_id)
    run_report_action(request.auth, report, action, payload or {})
    return queries.report_for_user(request.auth, report_id)
