"""The JSON API: /api/v1/…, OpenAPI at /api/docs. Errors are {"detail", "code"}."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from zhengxie.core import errors, inputs
from zhengxie.core.errors import ServiceError
from zhengxie.core.services import api_token_resolve


class ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_resolve(key=token)
        if user is not None:
            request.user = user
            request.api_token_key = token
        return user


api = NinjaAPI(
    title="政协履职协商平台 API",
    version="1",
    docs_url="/docs",
    auth=BearerToken(),
    urls_namespace="api",
    renderer=ChineseJSONRenderer(),
)


def _problem(request, problem: errors.Problem, detail: str | None = None, **extra):
    body = {"detail": detail or problem.detail, "code": problem.code, **extra}
    return api.create_response(request, body, status=problem.status)


@api.exception_handler(ServiceError)
def on_service_error(request, exc: ServiceError):
    extra = {"errors": [str(e) for e in exc.errors]} if exc.errors else {}
    return _problem(request, exc.problem, exc.detail, **extra)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    fields = dict.fromkeys(p for p in map(inputs.describe_error, exc.errors) if p)
    detail = f"提交的内容有误:{'、'.join(fields) or '格式不正确'}"
    return _problem(request, errors.BAD_INPUT, detail, errors=_plain(exc.errors))


def _plain(value):
    """Validation errors as JSON can carry them (pydantic puts exceptions in `ctx`)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return _problem(request, errors.TOO_LARGE)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _problem(
        request,
        errors.TOKEN_INVALID if request.headers.get("Authorization") else errors.NOT_AUTHENTICATED,
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _problem(request, errors.FORBIDDEN)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _problem(request, errors.NOT_FOUND)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    problem = {
        400: errors.BAD_INPUT,
        401: errors.NOT_AUTHENTICATED,
        403: errors.FORBIDDEN,
        404: errors.NOT_FOUND,
        409: errors.CONFLICT,
    }.get(exc.status_code, errors.BAD_INPUT)
    return _problem(request, problem)


def _register_routers() -> None:
    from zhengxie.consultations.api import router as consultations_router
    from zhengxie.core.api import router as core_router
    from zhengxie.duty.api import router as duty_router
    from zhengxie.duty.selfreport_api import router as self_report_router
    from zhengxie.fieldwork.api import router as fieldwork_router
    from zhengxie.meetings.api import router as meetings_router
    from zhengxie.members.api import router as members_router
    from zhengxie.opinions.api import router as opinions_router
    from zhengxie.proposals.api import router as proposals_router
    from zhengxie.reports.api import router as reports_router
    from zhengxie.reports.approximation_api import router as approximation_router

    api.add_router("/v1/", core_router)
    api.add_router("/v1/", members_router)
    api.add_router("/v1/", proposals_router)
    api.add_router("/v1/", meetings_router)
    api.add_router("/v1/", opinions_router)
    api.add_router("/v1/", consultations_router)
    api.add_router("/v1/", fieldwork_router)
    api.add_router("/v1/", duty_router)
    api.add_router("/v1/", self_report_router)
    api.add_router("/v1/", reports_router)
    api.add_router("/v1/", approximation_router)


_register_routers()


@csrf_exempt
def unknown_path(request):
    """A path under /api/ that no operation serves answers as the API does, not with the
    site's HTML page."""
    return _problem(request, errors.NOT_FOUND)
