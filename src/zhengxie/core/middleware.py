"""Per-request context the audit trail needs (the client's address), and the gate of
one-time passwords."""

from contextvars import ContextVar

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

_ip: ContextVar[str] = ContextVar("request_ip", default="")


def current_ip() -> str:
    return _ip.get()


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets. Of a list the
    last entry counts: the one our proxy appended, while earlier ones are the client's say."""
    header = settings.CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    address = forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
    return address[:45]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _ip.reset(token)


class PasswordChangeMiddleware:
    """Someone logged in with a one-time password reaches nothing but the page that replaces
    it (and logout). The API refuses such accounts a token, so it needs no gate here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            open_paths = (reverse("password_change"), reverse("logout"), "/static/", "/api/")
            if not request.path.startswith(open_paths):
                return redirect("password_change")
        return self.get_response(request)
