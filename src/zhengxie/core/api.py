from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from . import permissions, queries
from .inputs import InSchema, ModelText
from .models import AttachedFile, User
from .services import api_token_issue, api_token_revoke, user_authenticate

router = Router(tags=["基础"])


class AttachedFileOut(Schema):
    """A file as every app's API lists it; `url` downloads it (for those its audience holds)."""

    id: int
    name: str
    size: int
    uploaded_at: datetime
    url: str


def attached_files_out(user, record, *, audience, url: str) -> list[dict]:
    """The files of `record` that the app's audience rule gives `user`, each downloaded at
    `url`/<id>."""
    return [attached_file_out(f, f"{url}/{f.pk}") for f in audience(user, record)]


def attached_file_out(attachment: AttachedFile, url: str) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.name,
        "size": attachment.size,
        "uploaded_at": attachment.uploaded_at,
        "url": url,
    }


class TokenIn(InSchema):
    username: ModelText(User, "username")
    password: str


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    roles: list[str]
    committee_id: int | None
    member_id: int | None
    handling_unit_id: int | None


class SessionOut(Schema):
    id: int
    term: int
    number: int
    label: str
    start_date: date
    end_date: date


@router.post("/auth/token", auth=None, response=TokenOut, summary="登录,取得访问令牌")
def token(request, payload: TokenIn):
    user = user_authenticate(username=payload.username, password=payload.password)
    # From a browser already logged in as the same person: the token ends with that session.
    same_session = request.user.is_authenticated and request.user.pk == user.pk
    session_key = request.session.session_key if same_session else ""
    return {"token": api_token_issue(user=user, session_key=session_key)}


@router.delete("/auth/token", response={204: None}, summary="注销当前访问令牌")
def token_revoke(request):
    api_token_revoke(key=request.api_token_key)
    return Status(204, None)


@router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    user = request.auth
    member = getattr(user, "member", None)
    account = getattr(user, "unit_account", None)
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": str(user),
        "roles": sorted(user.roles),
        "committee_id": user.committee_id,
        "member_id": member.pk if member else None,
        "handling_unit_id": account.unit_id if account else None,
    }


@router.get("/sessions", response=list[SessionOut], summary="届次与会议")
def sessions(request):
    if not permissions.is_business_user(request.auth) or request.auth.committee is None:
        raise PermissionDenied
    return [
        {
            "id": s.pk,
            "term": s.term.number,
            "number": s.number,
            "label": s.label,
            "start_date": s.start_date,
            "end_date": s.end_date,
        }
        for s in queries.sessions_of(request.auth.committee)
    ]
