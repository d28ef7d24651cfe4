"""Pages of consultation activities, their pre-meeting materials and 书面协商 requests."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhengxie.core import inputs, roles
from zhengxie.core.actionforms import act_from_page, run_action
from zhengxie.core.decorators import allowed
from zhengxie.core.errors import ServiceError
from zhengxie.core.http import attachment_response, attempt_upload
from zhengxie.core.permissions import is_staff
from zhengxie.core.statspage import counted_rows
from zhengxie.members.permissions import unit_account

from ..actions.activities import ACTIONS, MATERIAL_ACTIONS, WRITTEN_ACTIONS
from ..forms.activities import (
    ConsultationForm,
    WrittenRequestForm,
    action_fields,
    payload_from_post,
    written_action_fields,
    written_payload_from_post,
)
from ..models import Form, Level
from ..queries import activities as reads
from ..services import activities as services
from ..stats import APP
from ..workflow.activities import CONSULTATION, WRITTEN_REQUEST


def _taking_part(user) -> bool:
    return user.committee_id is not None and user.has_role(roles.STAFF, roles.LEADER, roles.MEMBER)


def _unit(user) -> bool:
    return unit_account(user) is not None


def _staff_or_unit(user) -> bool:
    return is_staff(user) or _unit(user)


def _with_late(rows) -> list[tuple]:
    """Each row with whether it is late today (a material, a written request)."""
    today = timezone.localdate()
    return [(row, row.is_late(today)) for row in rows]


@allowed(_taking_part)
def consultation_list(request):
    criteria = reads.ConsultationFilter(
        form=inputs.query_text(request, "form", "协商形式") or None,
        level=inputs.query_text(request, "level", "组织层级") or None,
        year=inputs.query_year(request),
    )
    named = reads.named(reads.NAMED_CONSULTATIONS, request.user, request.GET.get("filter", ""))
    rows = reads.consultations_for(request.user) if named is None else named
    rows = counted_rows(request, APP, reads.filtered(rows, criteria))
    return render(
        request,
        "consultations/activities/list.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "forms": Form.choices,
            "levels": Level.choices,
            "criteria": criteria,
            "office": reads.reads_whole(request.user),
            "can_create": is_staff(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@allowed(is_staff)
def consultation_new(request):
    form = ConsultationForm(request.user.committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "协商活动已创建。")
            return redirect("consultation_detail", consultation_id=consultation.pk)
    return render(request, "consultations/activities/new.html", {"form": form})


@allowed(_taking_part)
def consultation_detail(request, consultation_id: int):
    user, now = request.user, timezone.now()
    c = reads.consultation_for_user(user, consultation_id)
    actions = CONSULTATION.available(user, c, fields=action_fields)
    return render(
        request,
        "consultations/activities/detail.html",
        {
            "c": c,
            "office": reads.reads_whole(user),
            "actions": [a for a in actions if reads.offered_now(c, a["name"], now)],
            "steps": reads.steps_for(user, c),
            "opinions": reads.opinions_for(user, c),
            "materials": _with_late(reads.material_requests_for(user, c).prefetch_related("files")),
            "units_present": reads.unit_attendance_for(user, c),
            "members_present": reads.members_present_for(user, c),
            "participants": c.local_participants.all(),
            "proposals": c.proposals.all(),
            "attendance": reads.meeting_attendance(c),
            "speeches": reads.speeches_of(user, c),
            "online_open": c.online_open(now),
        },
    )


@require_POST
@allowed(_taking_part)
def consultation_act(request, consultation_id: int, action: str):
    consultation = reads.consultation_for_user(request.user, consultation_id)
    act_from_page(request, CONSULTATION, ACTIONS, consultation, action, payload_from_post)
    return redirect("consultation_detail", consultation_id=consultation.pk)


@require_POST
@allowed(_staff_or_unit)
def material_upload(request, consultation_id: int):
    request_id = inputs.read_id(request, request.POST, "request", "会前材料") or 0
    owed = reads.material_request_for_user(request.user, request_id)
    if owed.consultation_id != consultation_id:
        raise Http404
    attempt_upload(
        request,
        lambda upload: run_action(MATERIAL_ACTIONS, request.user, owed, "submit", {"file": upload}),
        "会前材料已报送。",
    )
    if is_staff(request.user):
        return redirect("consultation_detail", consultation_id=consultation_id)
    return redirect("unit_materials")


@allowed(_staff_or_unit)
def unit_materials(request):
    """A department's own materials: what it owes and what it has sent."""
    rows = reads.owed_by_my_unit(request.user).prefetch_related("files")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/activities/materials.html",
        {"page": page, "rows": _with_late(page)},
    )


@allowed(lambda user: _taking_part(user) or _unit(user))
def material_file(request, consultation_id: int, file_id: int):
    consultation = reads.consultation_for_materials(request.user, consultation_id)
    return attachment_response(
        request.user, consultation, file_id, audience=reads.material_files_for
    )


# 书面协商 requests.


@require_http_methods(["GET", "POST"])
@allowed(_taking_part)
def written_list(request):
    form = WrittenRequestForm(request.POST or None) if is_staff(request.user) else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                written = services.written_request_create(actor=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, exc.detail)
            else:
                return redirect("written_request_detail", request_id=written.pk)
    named = reads.named(reads.NAMED_WRITTEN, request.user, request.GET.get("filter", ""))
    rows = reads.written_requests_for(request.user) if named is None else named
    page = Paginator(counted_rows(request, APP, rows), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/activities/written_list.html",
        {"page": page, "rows": _with_late(page), "form": form},
    )


@allowed(_taking_part)
def written_detail(request, request_id: int):
    user = request.user
    written = reads.written_request_for_user(user, request_id)
    return render(
        request,
        "consultations/activities/written_detail.html",
        {
            "w": written,
            "office": reads.reads_whole(user),
            "actions": WRITTEN_REQUEST.available(user, written, fields=written_action_fields),
            "opinions": reads.written_opinions_for(user, written),
            "files": reads.written_files_for(user, written),
            "late": written.is_late(timezone.localdate()),
        },
    )


@require_POST
@allowed(_taking_part)
def written_act(request, request_id: int, action: str):
    written = reads.written_request_for_user(request.user, request_id)
    act_from_page(
        request, WRITTEN_REQUEST, WRITTEN_ACTIONS, written, action, written_payload_from_post
    )
    return redirect("written_request_detail", request_id=written.pk)


@require_POST
@allowed(is_staff)
def written_upload(request, request_id: int):
    written = reads.written_request_for_user(request.user, request_id)
    attempt_upload(
        request,
        lambda upload: services.written_request_attach(
            actor=request.user, request=written, upload=upload
        ),
        "征求意见稿已上传。",
    )
    return redirect("written_request_detail", request_id=written.pk)


@allowed(_taking_part)
def written_file(request, request_id: int, file_id: int):
    written = reads.written_request_for_user(request.user, request_id)
    return attachment_response(request.user, written, file_id, audience=reads.written_files_for)


urls = [
    path("activities/", consultation_list, name="consultation_list"),
    path("activities/new/", consultation_new, name="consultation_new"),
    path("<int:consultation_id>/", consultation_detail, name="consultation_detail"),
    path("<int:consultation_id>/act/<str:action>/", consultation_act, name="consultation_act"),
    path("<int:consultation_id>/materials/", material_upload, name="material_upload"),
    path("<int:consultation_id>/materials/<int:file_id>/", material_file, name="material_file"),
    path("materials/", unit_materials, name="unit_materials"),
    path("written-requests/", written_list, name="written_request_list"),
    path("written-requests/<int:request_id>/", written_detail, name="written_request_detail"),
    path("written-requests/<int:request_id>/act/<str:action>/", written_act, name="written_act"),
    path("written-requests/<int:request_id>/files/", written_upload, name="written_upload"),
    path(
        "written-requests/<int:request_id>/files/<int:file_id>/",
        written_file,
        name="written_file",
    ),
]
