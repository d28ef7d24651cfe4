"""Per-request context the audit trail needs (the client's address)."""

from contextvars import ContextVar

_ip: ContextVar[str] = ContextVar("request_ip", default="")


def current_ip() -> str:
    return _ip.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _ip.set(request.META.get("REMOTE_ADDR", ""))
        try:
            return self.get_response(request)
        finally:
            _ip.reset(token)
