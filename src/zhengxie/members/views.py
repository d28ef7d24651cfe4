from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengxie.core import inputs
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import xlsx_response
from zhengxie.core.permissions import can_manage_accounts

from . import exports, queries, services
from .forms import (
    DirectoryFilterForm,
    ExitForm,
    FullRosterForm,
    LiaisonForm,
    MemberForm,
    RosterForm,
    UnitAccountForm,
    UnitForm,
)
from .models import Liaison
from .permissions import (
    can_export_full_roster,
    can_manage_members,
    can_view_directory,
    can_view_units,
)
from .presenters import visible_id_number, visible_phone
from .roster import COLUMNS


def _term_for_user(user):
    term = queries.current_term(user.committee) if user.committee else None
    if term is None:
        raise Http404("本政协尚未设立本届。")
    return term


def _directory_criteria(request, term, form, params=None) -> queries.DirectoryFilter:
    if (params or request.GET).get("filter") == "my_contacts":
        return queries.my_contacts_filter(request.user, term) or queries.DirectoryFilter()
    if not form.is_valid():
        return queries.DirectoryFilter()
    data = form.cleaned_data
    return queries.DirectoryFilter(
        q=data["q"],
        standing=data["standing"],
        sector=data["sector"].pk if data["sector"] else None,
        special_committee=data["special_committee"].pk if data["special_committee"] else None,
        station=data["station"].pk if data["station"] else None,
    )


@allowed(can_view_directory)
def directory(request):
    term = _term_for_user(request.user)
    form = DirectoryFilterForm(request.user.committee, request.GET or None)
    rows = queries.directory(term, _directory_criteria(request, term, form))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.directory_xlsx(request.user, rows), f"委员名册_{term.label}")
    people = [(m, visible_phone(request.user, m.member)) for m in rows]
    full_form = FullRosterForm(initial={"query": request.GET.urlencode()})
    template = (
        "members/_directory_rows.html"
        if request.headers.get("HX-Request")
        else ("members/directory.html")
    )
    return render(
        request,
        template,
        {
            "form": form,
            "people": people,
            "term": term,
            "can_manage": can_manage_members(request.user),
            "full_form": full_form if can_export_full_roster(request.user) else None,
        },
    )


@require_POST
@allowed(can_export_full_roster)
def directory_export_full(request):
    """The roster with full ID numbers: only with a stated reason, which the audit keeps."""
    term = _term_for_user(request.user)
    form = FullRosterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "导出含完整身份证号的名册须写明用途(至少4个字)。")
        return redirect("directory")
    params = QueryDict(form.cleaned_data["query"])
    filters = DirectoryFilterForm(request.user.committee, params or None)
    rows = list(queries.directory(term, _directory_criteria(request, term, filters, params)))
    try:
        services.roster_export_full(
            actor=request.user,
            term=term,
            reason=form.cleaned_data["reason"],
            rows=len(rows),
            filters=dict(params.items()),
        )
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return redirect("directory")
    content = exports.directory_xlsx(request.user, rows, full_id_numbers=True)
    return xlsx_response(content, f"委员名册_{term.label}_含完整身份证号")


@require_GET
@allowed(can_view_directory)
def pick_members(request):
    """Matches for a member picker (core/widgets.py): current members, no contact details."""
    q = inputs.query_text(request, "q", "查找内容")
    not_user = request.user if request.GET.get("not_me") == "1" else None
    rows = queries.pick_members(request.user.committee, q, not_user=not_user)
    options = [(m.member_id, m.member.name, f"{m.sector.name} · {m.title}") for m in rows]
    return render(request, "widgets/_picker_options.html", {"options": options, "q": q})


@require_GET
@allowed(can_view_units)
def pick_units(request):
    q = inputs.query_text(request, "q", "查找内容")
    rows = queries.pick_units(request.user.committee, q)
    options = [(u.pk, u.name, u.get_kind_display()) for u in rows]
    return render(request, "widgets/_picker_options.html", {"options": options, "q": q})


@allowed(can_view_directory)
def member_detail(request, member_id: int):
    member = queries.member_for_user(request.user, member_id)
    memberships = queries.member_memberships(member)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "memberships": memberships,
            "phone": visible_phone(request.user, member),
            "id_number": visible_id_number(request.user, member),
        },
    )


@allowed(can_view_directory)
def organisation(request):
    committee = request.user.committee
    term = _term_for_user(request.user)
    sectors = queries.sectors(committee, term)
    specials = queries.special_committees(committee, term)
    stations = queries.liaison_stations(committee, term)
    export = request.GET.get("format")
    if export == "sectors":
        return xlsx_response(exports.named_counts_xlsx("界别", sectors), "界别")
    if export == "special_committees":
        paired = ("对口部门", lambda s: "、".join(u.name for u in s.paired_units.all()))
        return xlsx_response(exports.named_counts_xlsx("专委会", specials, paired), "专委会")
    if export == "stations":
        return xlsx_response(
            exports.named_counts_xlsx(
                "联络工作站", stations, ("所在乡镇(街道)", lambda s: s.township)
            ),
            "联络工作站",
        )
    return render(
        request,
        "members/organisation.html",
        {
            "term": term,
            "sectors": sectors,
            "specials": specials,
            "stations": stations,
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(can_view_units)
def units(request):
    q = inputs.query_text(request, "q", "搜索内容")
    rows = queries.handling_units(request.user.committee, q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.units_xlsx(rows), "承办单位")
    can_manage = can_manage_members(request.user)
    form = UnitForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                unit = services.handling_unit_create(
                    actor=request.user, committee=request.user.committee, **form.cleaned_data
                )
            except ServiceError as exc:
                form.add_error("name", exc.detail)
            else:
                messages.success(request, f"已添加承办单位{unit.name}。")
                return redirect("units")
    return render(
        request,
        "members/units.html",
        {"units": rows, "q": q, "form": form, "can_manage": can_manage},
    )


def _unit_accounts(viewer, unit):
    """Who works for the unit, for the committee's staff and the unit itself; login names
    stay with the administrators' account pages."""
    own = unit.accounts.filter(user=viewer).exists()
    if not (can_manage_members(viewer) or own):
        return None
    return unit.accounts.select_related("user").order_by("user__display_name", "pk")


@require_http_methods(["GET", "POST"])
@allowed(can_view_units)
def unit_detail(request, unit_id: int):
    unit = queries.unit_for_user(request.user, unit_id)
    can_manage = can_manage_members(request.user)
    form = UnitForm(request.POST or None, initial=model_to_dict(unit))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.handling_unit_update(actor=request.user, unit=unit, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error("name", exc.detail)
            else:
                messages.success(request, "已保存。")
                return redirect("unit_detail", unit_id=unit.pk)
    return render(
        request,
        "members/unit_detail.html",
        {
            "unit": unit,
            "form": form,
            "can_manage": can_manage,
            "accounts": _unit_accounts(request.user, unit),
        },
    )


@require_POST
@allowed(can_manage_members)
def unit_active(request, unit_id: int):
    unit = queries.unit_for_user(request.user, unit_id)
    active = request.POST.get("active") == "1"
    services.handling_unit_update(actor=request.user, unit=unit, is_active=active)
    messages.success(request, f"{unit.name}已{'启用' if active else '停用'}。")
    return redirect("unit_detail", unit_id=unit.pk)


@require_http_methods(["GET", "POST"])
@allowed(can_manage_members)
def liaison_network(request):
    term = _term_for_user(request.user)
    form = LiaisonForm(queries.directory(term), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.liaison_set(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "联系关系已保存。")
            return redirect("liaison")
    coverage = queries.liaison_coverage(term)
    memberships = list(queries.directory(term))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.liaison_xlsx(coverage, memberships), "联系委员")
    rows = [(m, coverage.contacts.get(m.pk, [])) for m in memberships]
    return render(
        request,
        "members/liaison.html",
        {"term": term, "coverage": coverage, "rows": rows, "form": form},
    )


@require_POST
@allowed(can_manage_members)
def liaison_remove(request, contact_id: int, member_id: int):
    term = _term_for_user(request.user)
    liaison = get_object_or_404(Liaison, term=term, contact_id=contact_id, member_id=member_id)
    services.liaison_remove(actor=request.user, liaison=liaison)
    messages.success(request, "已取消该联系关系。")
    return redirect("liaison")


@require_http_methods(["GET", "POST"])
@allowed(can_manage_members)
def roster_import(request):
    term = _term_for_user(request.user)
    form = RosterForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.roster_import(
                actor=request.user,
                committee=request.user.committee,
                term=term,
                content=form.cleaned_data["file"].read(),
            )
        except ServiceError as exc:
            problems = exc.errors
            messages.error(request, f"{exc.detail}共发现{len(problems)}处问题,请修改后重新上传。")
        else:
            messages.success(request, f"已导入{count}名委员。")
            return redirect("directory")
    return render(
        request,
        "members/roster_import.html",
        {
            "form": form,
            "problems": problems,
            "term": term,
            "columns": COLUMNS,
        },
    )


def _membership_for_staff(request, member_id: int):
    term = _term_for_user(request.user)
    membership = (
        queries.directory(term, queries.DirectoryFilter(include_left=True))
        .filter(member_id=member_id, member__committee=request.user.committee)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def _initial(membership) -> dict:
    member = membership.member
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    initial["birth_month"] = f"{member.birth_month:%Y-%m}" if member.birth_month else ""
    return {
        **initial,
        "sector": membership.sector_id,
        "standing": membership.standing,
        "post": membership.post,
        "station": membership.station_id,
        "special_committees": list(membership.special_committees.all()),
        "heads": membership.heads_id,
    }


@require_http_methods(["GET", "POST"])
@allowed(can_manage_members)
def member_new(request):
    term = _term_for_user(request.user)
    form = MemberForm(request.user.committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.member_create(
                actor=request.user,
                committee=request.user.committee,
                term=term,
                sector=data["sector"],
                standing=data["standing"],
                post=data["post"],
                station=data["station"],
                special_committees=data["special_committees"],
                heads=data["heads"],
                **form.person(),
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, f"已添加委员{membership.member.name}。")
            return redirect("member_detail", member_id=membership.member_id)
    return render(request, "members/member_form.html", {"form": form, "term": term})


@require_http_methods(["GET", "POST"])
@allowed(can_manage_members)
def member_edit(request, member_id: int):
    membership = _membership_for_staff(request, member_id)
    form = MemberForm(request.user.committee, request.POST or None, initial=_initial(membership))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_edit(
                actor=request.user,
                membership=membership,
                person=form.person(),
                sector=data["sector"],
                standing=data["standing"],
                post=data["post"],
                station=data["station"],
                special_committees=data["special_committees"],
                heads=data["heads"],
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "已保存。")
            return redirect("member_detail", member_id=member_id)
    return render(
        request,
        "members/member_form.html",
        {
            "form": form,
            "membership": membership,
            "exit_form": ExitForm(),
            "term": membership.term,
        },
    )


@require_POST
@allowed(can_manage_members)
def member_exit(request, member_id: int):
    membership = _membership_for_staff(request, member_id)
    form = ExitForm(request.POST)
    if form.is_valid():
        try:
            services.member_exit(
                actor=request.user,
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["left_reason"],
            )
            messages.success(request, f"{membership.member.name}已退出{membership.term.label}。")
        except ServiceError as exc:
            messages.error(request, exc.detail)
    else:
        messages.error(request, "请填写退出日期和原因。")
    return redirect("member_detail", member_id=member_id)


@require_http_methods(["GET", "POST"])
@allowed(can_manage_accounts)
def unit_account_new(request):
    """系统管理员 creates a handling unit's login, bound to its unit."""
    form = UnitAccountForm(request.user.committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.unit_account_create(
                actor=request.user,
                unit=data["unit"],
                username=data["username"],
                password=data["password"],
                display_name=data["display_name"],
                is_approver=data["is_approver"],
            )
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, f"已为{account.unit.name}创建账号 {account.user.username}。")
            return redirect("account_list")
    return render(request, "members/unit_account_form.html", {"form": form})
