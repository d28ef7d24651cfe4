"""How the work reports write numbers: GET/PUT /api/v1/reports/approximations, the office's."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema

from zhengxie.core.inputs import InSchema
from zhengxie.core.permissions import is_staff

from . import queries, services
from .models import Approximation

router = Router(tags=["工作报告"])


class ApproximationIn(InSchema):
    target: str = Field(
        max_length=80,
        description="counts 全部数量、rates 全部比率,或 应用.统计键(proposals.registered)",
    )
    style: Approximation.Style = Field(description="exact 准确数;数量:多、余、近;比率:以上")


class ApproximationOut(Schema):
    target: str
    label: str
    style: str
    style_label: str
    set_at: datetime | None


def _out(row: Approximation | None, payload: ApproximationIn) -> dict:
    target = queries.target(payload.target)
    style = Approximation.Style(row.style if row else payload.style)
    return {
        "target": payload.target,
        "label": target.label,
        "style": style.value,
        "style_label": style.label,
        "set_at": row.set_at if row else None,
    }


@router.get("/reports/approximations", response=list[ApproximationOut], summary="工作报告数字写法")
def approximations(request):
    if not is_staff(request.auth):
        raise PermissionDenied
    return [
        {
            "target": row.target,
            "label": target.label if target else row.target,
            "style": row.style,
            "style_label": row.get_style_display(),
            "set_at": row.set_at,
        }
        for row, target in queries.approximations_of(request.auth.committee)
    ]


@router.put(
    "/reports/approximations", response=ApproximationOut, summary="设置一项工作报告数字写法"
)
def approximation_put(request, payload: ApproximationIn):
    row = services.approximation_set(actor=request.auth, target=payload.target, style=payload.style)
    return _out(row, payload)
