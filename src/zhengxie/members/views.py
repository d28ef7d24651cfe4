from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import xlsx_response

from . import exports, queries, services
from .forms import DirectoryFilterForm, ExitForm, MemberForm, RosterForm
from .permissions import can_manage_members, can_view_directory, can_view_units
from .presenters import visible_id_number, visible_phone
from .roster import COLUMNS


def _term_for_user(user):
    term = queries.current_term(user.committee) if user.committee else None
    if term is None:
        raise Http404("本政协尚未设立本届。")
    return term


def _directory_criteria(form: DirectoryFilterForm) -> queries.DirectoryFilter:
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
    rows = queries.directory(term, _directory_criteria(form))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.directory_xlsx(request.user, rows), f"委员名册_{term.label}")
    people = [(m, visible_phone(request.user, m.member)) for m in rows]
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
        },
    )


@allowed(can_view_directory)
def member_detail(request, member_id: int):
    member = queries.member_for_committee(request.user.committee, member_id)
    if member is None:
        raise Http404
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


@allowed(can_view_units)
def units(request):
    q = request.GET.get("q", "")
    rows = queries.handling_units(request.user.committee, q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.units_xlsx(rows), "承办单位")
    return render(request, "members/units.html", {"units": rows, "q": q})


@allowed(can_manage_members)
def liaison_network(request):
    term = _term_for_user(request.user)
    coverage = queries.liaison_coverage(term)
    memberships = list(queries.directory(term))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.liaison_xlsx(coverage, memberships), "联系委员")
    rows = [(m, coverage.contacts.get(m.pk, [])) for m in memberships]
    return render(
        request, "members/liaison.html", {"term": term, "coverage": coverage, "rows": rows}
    )


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
