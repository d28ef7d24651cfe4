"""Pages of the scoring (履职考核): the scores table with its groups and the members who have not
engaged, and the rules' editor (the office and leaders read; the office sets the rules); and
the member's record (履职档案): their own, or any member's for the office and the leaders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengxie.core import inputs, statspage
from zhengxie.core.actionforms import act_from_page
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attempt, docx_response, zip_response
from zhengxie.core.queries import current_term
from zhengxie.members.models import LiaisonStation, Member, Sector, SpecialCommittee
from zhengxie.members.queries import current_members

from . import permissions, queries, services
from .actions import FLAG_ACTIONS, REPORT_ACTIONS
from .documents import card_docx, card_title, report_docx, report_title
from .forms import (
    FlagSettingsForm,
    LineForm,
    RecordForForm,
    ReportForm,
    RuleForm,
    flag_action_fields,
    flag_payload_from_post,
    report_action_fields,
    report_payload_from_post,
)
from .models import DutyFlag
from .queries import AGGREGATE_DEFINITION
from .scoring import kind_label
from .stats import APP
from .workflow import FLAG, REPORT

NO_TERM = "尚未设置本届,无法制定考核细则。"


@allowed(permissions.can_read_scores)
def scores_page(request):
    term = current_term(request.user.committee)
    rules = list(queries.rules_of_term(term)) if term else []
    rule_id = inputs.query_id(request, "rule", "考核期间")
    criteria = queries.ScoreFilter(
        sector=inputs.query_id(request, "sector", "界别"),
        special_committee=inputs.query_id(request, "special_committee", "专委会"),
        station=inputs.query_id(request, "station", "联络工作站"),
        order=request.GET.get("order", "rank")
        if request.GET.get("order") in queries.SORTS
        else "rank",
    )
    rule = _chosen(rules, rule_id)
    context = {
        "rules": rules,
        "rule": rule,
        "criteria": criteria,
        "form": RuleForm(),
        "can_edit": permissions.can_set_rules(request.user),
    }
    if rule is not None:
        context |= {
            "scores": [_row(s) for s in queries.scores(rule, criteria)],
            "aggregates": queries.aggregates(rule),
            "definition": AGGREGATE_DEFINITION,
            "not_engaged": queries.not_engaged(rule),
            **_filters(request.user.committee_id),
        }
    return render(request, "duty/scores.html", context)


def _chosen(rules: list, rule_id: int | None):
    """The asked rule set, else this year's, else the latest."""
    year = timezone.localdate().year
    by_id = {r.pk: r for r in rules}
    if rule_id is not None:
        return by_id.get(rule_id)
    return next((r for r in rules if r.year == year), rules[-1] if rules else None)


def _line_row(line) -> tuple:
    with_kind = getattr(line, "with_kind", "")
    label = kind_label(line.kind, getattr(line, "qualifier", ""))
    return label, line, kind_label(with_kind) if with_kind else "不限"


def _row(score) -> dict:
    items = [(kind_label(k), v) for k, v in sorted(score.breakdown.items())]
    return {"score": score, "items": items}


def _filters(committee_id: int) -> dict:
    return {
        "sectors": Sector.objects.filter(committee_id=committee_id),
        "special_committees": SpecialCommittee.objects.filter(committee_id=committee_id),
        "stations": LiaisonStation.objects.filter(committee_id=committee_id),
    }


@require_POST
@allowed(permissions.can_set_rules)
def rule_new(request):
    form, term = RuleForm(request.POST), current_term(request.user.committee)
    if term is None:
        messages.error(request, NO_TERM)
    elif not form.is_valid():
        messages.error(request, "年度应为2000至2100之间的整数。")
    else:
        year = form.cleaned_data["year"]
        try:
            rule = services.scoring_rule_create(actor=request.user, term=term, year=year)
        except ServiceError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, "考核细则已建立,积分已按默认分值计算。")
            return redirect("duty_rule", rule_id=rule.pk)
    return redirect("duty_scores")


@require_http_methods(["GET", "POST"])
@allowed(permissions.can_read_scores)
def rule_page(request, rule_id: int):
    rule = queries.rule_for_user(request.user, rule_id)
    form = LineForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_set_rules(request.user):
            raise PermissionDenied
        if form.is_valid() and attempt(
            request,
            lambda: services.scoring_line_add(actor=request.user, rule=rule, line=form.line()),
            "条目已保存,积分已重新计算。",
        ):
            return redirect("duty_rule", rule_id=rule.pk)
    lines = {
        name: [_line_row(line) for line in found] for name, found in queries.lines_of(rule).items()
    }
    return render(
        request,
        "duty/rule.html",
        {
            "rule": rule,
            "lines": lines,
            "form": form,
            "flag_form": FlagSettingsForm(initial=_flag_settings(rule)),
            "can_edit": permissions.can_set_rules(request.user),
        },
    )


def _flag_settings(rule) -> dict:
    return {name: getattr(rule, name) for name in services.FLAG_SETTINGS}


@require_POST
@allowed(permissions.can_set_rules)
def line_remove(request, rule_id: int, line_type: str, line_id: int):
    rule = queries.rule_for_user(request.user, rule_id)
    line = queries.line_for(rule, line_type, line_id)
    attempt(
        request,
        lambda: services.scoring_line_remove(actor=request.user, line=line),
        "条目已删除,积分已重新计算。",
    )
    return redirect("duty_rule", rule_id=rule.pk)


@require_POST
@allowed(permissions.can_set_rules)
def recompute(request, rule_id: int):
    rule = queries.rule_for_user(request.user, rule_id)
    attempt(
        request,
        lambda: services.scores_recompute(actor=request.user, rule=rule),
        "已按最新履职台账重新计算。",
    )
    return redirect(f"/duty/scores/?rule={rule.pk}")


@allowed(permissions.can_read_scores)
def stats_page(request):
    """The registry's duty figures for the period, each with its 口径; ?format=xlsx exports them."""
    return statspage.stats_page(request, APP, "duty/stats.html")


@allowed(permissions.can_read_scores)
def stats_members(request):
    """The members a duty figure counts (`?counted=members|active|trained&from=&to=`)."""
    rows = statspage.counted_rows(request, APP, queries.committee_members(request.user))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "duty/stats_members.html", {"page": page})


@allowed(permissions.can_read_scores)
def stats_records(request):
    """The records a duty figure counts (`?counted=records|by_category&item=&from=&to=`)."""
    rows = statspage.counted_rows(request, APP, queries.committee_records(request.user))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    page.object_list = [(r, kind_label(r.kind, r.qualifier)) for r in page.object_list]
    return render(request, "duty/stats_records.html", {"page": page})


@allowed(permissions.has_record)
def my_record(request):
    member = getattr(request.user, "member", None)
    if member is None:
        raise Http404
    return _record_page(request, member)


@allowed(lambda user: user.is_authenticated)
def member_record(request, member_id: int):
    return _record_page(request, queries.member_for_record(request.user, member_id))


def _record_page(request, member):
    terms = queries.terms_of(member)
    year = inputs.query_year(request, default=timezone.localdate().year)
    term_id = inputs.query_id(request, "term", "届次")
    period = queries.period_of_record(terms, year or timezone.localdate().year, term_id)
    if period is None and term_id is None:
        # A year outside every term: the terms are still offered, whole.
        own = member.user_id == request.user.pk
        context = {"member": member, "terms": terms, "year": year, "own": own}
        return render(request, "duty/record.html", context)
    if period is None:
        raise Http404
    context = {
        "member": member,
        "terms": terms,
        "years": _years(period.term),
        "view": queries.duty_record_view(member, period, request.user),
        "own": member.user_id == request.user.pk,
    }
    if permissions.can_record_for(request.user):
        context["form"] = RecordForForm(initial={"date": timezone.localdate()})
    if permissions.can_read_flags(request.user):
        # Every period's flags of the member: the office's and the leaders' only.
        context["flags"] = queries.flags_for(request.user, queries.FlagFilter(member=member.pk))
    return render(request, "duty/record.html", context)


def _years(term) -> list[int]:
    last = min((term.end_date or timezone.localdate()).year, timezone.localdate().year)
    return list(range(last, term.start_date.year - 1, -1))


@require_POST
@allowed(permissions.can_record_for)
def record_for(request, member_id: int):
    member = queries.member_for_record(request.user, member_id)
    form = RecordForForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        attempt(
            request,
            lambda: services.duty_record_for(
                actor=request.user, member=member, **form.cleaned_data
            ),
            "已代委员记入履职档案。",
        )
    return redirect("duty_member_record", member_id=member.pk)


# 成绩单: a member's card for a period, and the bulk ZIP of every member's.


def _own_member(user) -> Member | None:
    return Member.objects.filter(user=user, committee_id=user.committee_id).first()


@require_GET
@allowed(permissions.can_open_cards)
def cards_page(request):
    office, member = permissions.can_read_scores(request.user), _own_member(request.user)
    term = current_term(request.user.committee) if request.user.committee else None
    periods = queries.card_periods(term, timezone.localdate()) if term else []
    jobs = queries.card_jobs(term) if office and term else {}
    context = {
        "term": term,
        "member": member,
        "office": office,
        "rows": [(year, label, jobs.get(year)) for year, label in periods],
        "can_send": permissions.can_send_cards(request.user),
    }
    return render(request, "duty/cards.html", context)


@require_GET
@login_required
def card_download(request, member_id: int):
    member = queries.member_for_record(request.user, member_id)
    year = inputs.query_year(request, label="年度")
    if inputs.refused(request):
        return redirect("duty_cards")
    try:
        term, today = queries.card_term(request.user.committee), timezone.localdate()
        card = queries.card_of(member, term, year, today)
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("duty_cards")
    return docx_response(card_docx(card, today=today), card_title(card))


@require_POST
@allowed(permissions.can_read_scores)
def card_job_new(request):
    year = inputs.read_int(request, request.POST, "year", "年度", low=1900, high=2199)
    if inputs.refused(request):
        return redirect("duty_cards")
    try:
        job, joined = services.duty_card_job_request(
            actor=request.user,
            term=queries.card_term(request.user.committee),
            year=year,
            to_employer=request.POST.get("to_employer") == "on",
        )
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, JOINED if joined else STARTED)
    return redirect("duty_cards")


JOINED = "该期间的成绩单正在生成,已为您显示其进度。"
STARTED = "已开始生成全体委员成绩单,完成后可下载ZIP文件。"


@require_GET
@allowed(permissions.can_read_scores)
def card_job(request, job_id: int):
    """The job's progress, which the cards page polls while it runs."""
    job = queries.card_job_for_user(request.user, job_id)
    can_send = permissions.can_send_cards(request.user)
    return render(request, "duty/_card_job.html", {"job": job, "can_send": can_send})


@require_GET
@allowed(permissions.can_read_scores)
def card_job_download(request, job_id: int):
    job = queries.card_job_for_user(request.user, job_id)
    try:
        opened = services.duty_card_job_download(actor=request.user, job=job)
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("duty_cards")
    return zip_response(opened, str(job))


@require_POST
@allowed(permissions.can_send_cards)
def card_job_send(request, job_id: int):
    job = queries.card_job_for_user(request.user, job_id)
    attempt(
        request,
        lambda: services.duty_cards_send(actor=request.user, job=job),
        "已通知本期在任的委员查看本人的成绩单。",
    )
    return redirect("duty_cards")


@require_POST
@allowed(permissions.can_set_rules)
def rule_flags(request, rule_id: int):
    rule = queries.rule_for_user(request.user, rule_id)
    form = FlagSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.BAD_SETTINGS.detail)
    else:
        attempt(
            request,
            lambda: services.scoring_rule_flags_set(
                actor=request.user, rule=rule, **form.cleaned_data
            ),
            "提示规则已保存,已重新提示。",
        )
    return redirect("duty_rule", rule_id=rule.pk)


# What the flags page filters by; blank is every one.
FLAG_KINDS, FLAG_STATES = {"", *DutyFlag.Kind.values}, {"", *DutyFlag.State.values}


def _flag_filter(request) -> queries.FlagFilter:
    kind, state = request.GET.get("kind", ""), request.GET.get("state", "")
    known = kind in FLAG_KINDS and state in FLAG_STATES
    if not known:
        inputs.refuse_input(request, "提示类别或状态无效,已显示全部。")
    return queries.FlagFilter(
        kind=kind if known else "",
        state=state if known else "",
        rule=inputs.query_id(request, "rule", "考核期间"),
        member=inputs.query_id(request, "member", "委员"),
    )


@allowed(permissions.can_read_flags)
def flags_page(request):
    """谈话提醒, 退出建议 and 表彰候选 of the committee, by kind and state."""
    criteria = _flag_filter(request)
    rows = queries.flags_for(request.user, criteria)
    term = current_term(request.user.committee)
    return render(
        request,
        "duty/flags.html",
        {
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "criteria": criteria,
            "kinds": DutyFlag.Kind.choices,
            "states": DutyFlag.State.choices,
            "rules": list(queries.rules_of_term(term)) if term else [],
        },
    )


@allowed(permissions.can_read_flags)
def flag_page(request, flag_id: int):
    flag = queries.flag_for_user(request.user, flag_id)
    return render(
        request,
        "duty/flag.html",
        {"flag": flag, "actions": FLAG.available(request.user, flag, fields=flag_action_fields)},
    )


@require_POST
@allowed(permissions.can_read_flags)
def flag_act(request, flag_id: int, action: str):
    flag = queries.flag_for_user(request.user, flag_id)
    act_from_page(request, FLAG, FLAG_ACTIONS, flag, action, flag_payload_from_post)
    return redirect("duty_flag", flag_id=flag.pk)


def _opens_reports(user) -> bool:
    """A report's own pages: its audience is checked by the query, so others get 404."""
    return user.is_authenticated and user.committee_id is not None


@allowed(permissions.has_record_or_reads)
def reports_page(request):
    """述职: a member's own, or every one of the committee for the office and leaders."""
    rows = queries.reports_for(request.user)
    drafts_any = permissions.can_set_rules(request.user)
    return render(
        request,
        "duty/reports.html",
        {
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "form": ReportForm(initial={"year": timezone.localdate().year}),
            "members": current_members(request.user.committee_id) if drafts_any else None,
            "own": getattr(request.user, "member", None),
        },
    )


@require_POST
@allowed(permissions.has_record_or_reads)
def report_new(request):
    form = ReportForm(request.POST)
    member_id = inputs.read_id(request, request.POST, "member", "委员")
    own = getattr(request.user, "member", None)
    if not form.is_valid() or (member_id is None and own is None):
        messages.error(request, "请选择委员并填写2000至2100之间的年度。")
        return redirect("duty_reports")
    member = queries.member_for_record(request.user, member_id or own.pk)
    try:
        report = services.duty_report_draft(
            actor=request.user, member=member, year=form.cleaned_data["year"]
        )
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("duty_reports")
    messages.success(request, "已根据履职档案起草述职,请修改后提交。")
    return redirect("duty_report", report_id=report.pk)


@allowed(_opens_reports)
def report_page(request, report_id: int):
    report = queries.report_for_user(request.user, report_id)
    actions = REPORT.available(request.user, report, fields=report_action_fields)
    return render(request, "duty/report.html", {"report": report, "actions": actions})


@require_GET
@allowed(_opens_reports)
def report_docx_page(request, report_id: int):
    report = queries.report_for_user(request.user, report_id)
    content = report_docx(report, queries.report_membership(report))
    return docx_response(content, report_title(report))


@require_POST
@allowed(_opens_reports)
def report_act(request, report_id: int, action: str):
    report = queries.report_for_user(request.user, report_id)
    act_from_page(request, REPORT, REPORT_ACTIONS, report, action, report_payload_from_post)
    return redirect("duty_report", report_id=report.pk)


urls = [
    path("reports/", reports_page, name="duty_reports"),
    path("reports/new/", report_new, name="duty_report_new"),
    path("reports/<int:report_id>/", report_page, name="duty_report"),
    path("reports/<int:report_id>/act/<str:action>/", report_act, name="duty_report_act"),
    path("reports/<int:report_id>.docx", report_docx_page, name="duty_report_docx"),
    path("stats/", stats_page, name="duty_stats"),
    path("stats/members/", stats_members, name="duty_stats_members"),
    path("stats/records/", stats_records, name="duty_stats_records"),
    path("record/", my_record, name="duty_record"),
    path("record/members/<int:member_id>/", member_record, name="duty_member_record"),
    path("record/members/<int:member_id>/add/", record_for, name="duty_record_for"),
    path("flags/", flags_page, name="duty_flags"),
    path("flags/<int:flag_id>/", flag_page, name="duty_flag"),
    path("flags/<int:flag_id>/act/<str:action>/", flag_act, name="duty_flag_act"),
    path("rules/<int:rule_id>/flags/", rule_flags, name="duty_rule_flags"),
    path("scores/", scores_page, name="duty_scores"),
    path("rules/new/", rule_new, name="duty_rule_new"),
    path("rules/<int:rule_id>/", rule_page, name="duty_rule"),
    path("rules/<int:rule_id>/recompute/", recompute, name="duty_recompute"),
    path("cards/", cards_page, name="duty_cards"),
    path("cards/members/<int:member_id>.docx", card_download, name="duty_card"),
    path("cards/jobs/new/", card_job_new, name="duty_card_job_new"),
    path("cards/jobs/<int:job_id>/", card_job, name="duty_card_job"),
    path("cards/jobs/<int:job_id>/download/", card_job_download, name="duty_card_job_download"),
    path("cards/jobs/<int:job_id>/send/", card_job_send, name="duty_card_job_send"),
    path(
        "rules/<int:rule_id>/lines/<str:line_type>/<int:line_id>/remove/",
        line_remove,
        name="duty_line_remove",
    ),
]
