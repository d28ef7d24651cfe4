"""Home panels and navigation of consultation: what each role must do next."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.home import Panel, PanelRow, list_counter, register_home_panels, register_nav
from zhengxie.members.permissions import unit_account

from .models import ConsultationPlan
from .queries import activities as reads
from .queries import outcomes as outcome_queries
from .queries import topics as topic_queries

P = ConsultationPlan.State


def _taking_part(user) -> bool:
    return user.committee_id is not None and user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER)


register_nav("协商活动", "consultation_list", _taking_part, order=45, group="协商")
register_nav("书面协商", "written_request_list", _taking_part, order=46, group="协商")


def _unit(user) -> bool:
    # The role first: asking for the unit account costs a query on every page.
    return user.has_role(roles.UNIT) and unit_account(user) is not None


register_nav("会前材料", "unit_materials", _unit, order=47, group="协商")


def _business(user) -> bool:
    """Topics and the plan: the office, leaders, members and units of the committee."""
    return _taking_part(user) or _unit(user)


register_nav("协商议题", "topic_list", _business, order=40, group="协商")
register_nav("年度协商计划", "plan_list", _business, order=41, group="协商")
register_nav("征集议题", "solicitation_list", _business, order=42, group="协商")


def _row(label: str, count: int, page: str, alert: bool = False) -> PanelRow:
    return PanelRow(label, count, reverse(page), alert=alert and count > 0)


def _counter(user, lists: dict, name: str, page: str, alert: bool = False) -> PanelRow:
    label = lists[name][0]
    return list_counter(label, reads.named(lists, user, name), page, name, alert)


@register_home_panels
def activities_panel(user) -> list[Panel]:
    if not _taking_part(user):
        return []
    consultations, written = reads.NAMED_CONSULTATIONS, reads.NAMED_WRITTEN
    rows = [_counter(user, consultations, "planned", "consultation_list")]
    if user.has_role(roles.STAFF):
        rows += [
            _counter(user, written, "unanswered", "written_request_list"),
            _counter(user, consultations, "late_materials", "consultation_list", alert=True),
        ]
    if user.has_role(roles.LEADER):
        rows.append(_counter(user, consultations, "no_research", "consultation_list", alert=True))
    if getattr(user, "member", None) is not None:
        rows.append(_counter(user, written, "awaiting_me", "written_request_list", alert=True))
    return [Panel("协商", rows, order=45)]


@register_home_panels
def unit_materials_panel(user) -> list[Panel]:
    if not _unit(user):
        return []
    owed = reads.owed_by_my_unit(user).filter(received_at=None).count()
    return [Panel("会前材料", [_row("待报送", owed, "unit_materials", alert=True)], order=45)]


def _topics_row(user, name: str, label: str) -> PanelRow:
    return list_counter(label, topic_queries.named_list(user, name), "topic_list", name)


def _unanswered_row(user, label: str, alert: bool) -> PanelRow:
    rows = topic_queries.unanswered(user, timezone.localdate())
    return list_counter(label, rows, "solicitation_list", "unanswered", alert)


def _plans_row(user, state: str, label: str) -> PanelRow:
    count = topic_queries.plans_for(user).filter(state=state).count()
    return PanelRow(label, count, f"{reverse('plan_list')}?state={state}", alert=count > 0)


@register_home_panels
def staff_panel(user) -> list[Panel]:
    if not user.has_role(roles.STAFF):
        return []
    rows = [
        _topics_row(user, "to_screen", "待筛选的议题建议"),
        _unanswered_row(user, "尚有对象未答复的征集通知", alert=False),
        _plans_row(user, P.DRAFTING, "起草中的年度协商计划"),
        _plans_row(user, P.PASSED, "待登记党委定题的计划"),
    ]
    return [Panel("协商议题与计划", rows, order=40)]


@register_home_panels
def leader_panel(user) -> list[Panel]:
    if not user.has_role(roles.LEADER) or user.has_role(roles.STAFF):
        return []
    row = _plans_row(user, P.SUBMITTED, "待主席会议审议的协商计划")
    return [Panel("年度协商计划", [row], order=40)]


@register_home_panels
def member_panel(user) -> list[Panel]:
    if getattr(user, "member", None) is None or not user.has_role(roles.MEMBER):
        return []
    rows = [
        _topics_row(user, "to_cosign", "邀请我联名的议题"),
        _unanswered_row(user, "待答复的征集议题通知", alert=True),
    ]
    return [Panel("协商议题", rows, order=41)]


@register_home_panels
def unit_panel(user) -> list[Panel]:
    if not _unit(user):
        return []
    row = _unanswered_row(user, "待答复的征集议题通知", alert=True)
    return [Panel("协商议题征集", [row], order=41)]


def _office(user) -> bool:
    return user.committee_id is not None and outcome_queries.office(user)


def _member(user) -> bool:
    # Every page draws the menu: a role check, no query (the page itself reads the member).
    return user.committee_id is not None and user.has_role(roles.MEMBER)


register_nav("协商成果跟踪", "outcome_board", _office, order=50, group="协商")
register_nav(
    "成果批示落实",
    "outcome_tasks",
    lambda u: _office(u) or _unit(u),
    order=51,
    group="协商",
)
register_nav("我参与的协商成果", "outcome_mine", _member, order=52, group="协商")
register_nav("协商成效评估", "outcome_evaluations", _office, order=53, group="协商")


def _outcome_row(user, name: str, today, label: str, alert: bool = True) -> PanelRow:
    """A counter whose link opens the board's list of exactly what it counts."""
    rows = outcome_queries.named_list(user, name, today)
    return list_counter(label, rows, "outcome_board", name, alert)


def _task_row(user, name: str, today, label: str, alert: bool = True) -> PanelRow:
    rows = outcome_queries.NAMED_TASK_LISTS[name][1](user, today)
    return list_counter(label, rows, "outcome_tasks", name, alert)


@register_home_panels
def outcome_office_panel(user) -> list[Panel]:
    """Staff: outcomes to send, tasks overdue, feedback to forward to the members; leaders:
    outcomes sent and awaiting a leader's instruction."""
    today = timezone.localdate()
    if user.committee_id is not None and user.has_role(roles.STAFF):
        rows = [
            _outcome_row(user, "to_send", today, "协商成果待报送", alert=False),
            _task_row(user, "overdue", today, "成果批示落实超期"),
            _outcome_row(user, "feedback_to_forward", today, "落实反馈待转告委员"),
        ]
    elif _office(user):
        rows = [_outcome_row(user, "awaiting_instruction", today, "已报送待批示", alert=False)]
    else:
        return []
    return [Panel("协商成果", rows, order=41)]


@register_home_panels
def outcome_unit_panel(user) -> list[Panel]:
    if not _unit(user):
        return []
    today = timezone.localdate()
    rows = [
        _task_row(user, "open", today, "待反馈落实情况", alert=False),
        _task_row(user, "overdue", today, "已超期"),
    ]
    return [Panel("协商成果批示落实", rows, order=42)]


@register_home_panels
def outcome_member_panel(user) -> list[Panel]:
    if not _member(user):
        return []
    # One query for the three: the results to rate are counted as `to_rate` lists them.
    counts = outcome_queries.mine(user).aggregate(
        total=Count("pk"),
        informed=Count("pk", filter=Q(informed_at__isnull=False)),
        to_rate=Count("pk", filter=outcome_queries.unrated(getattr(user, "member", None))),
    )
    link = reverse("outcome_mine")
    to_rate = counts["to_rate"]
    label = outcome_queries.NAMED_MINE_LISTS["to_rate"][0]
    rows = [
        PanelRow("我参与的协商成果", counts["total"], link),
        PanelRow("已有最终结果", counts["informed"]),  # a figure: the list is the row above
        PanelRow(label, to_rate, f"{link}?filter=to_rate", alert=to_rate > 0),
    ]
    return [Panel("我参与的协商成果", rows, order=43)]
