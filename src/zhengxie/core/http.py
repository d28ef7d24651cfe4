from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse

from .errors import ServiceError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(filename: str) -> str:
    """Content-Disposition for a download under its full Chinese name (《各界反映》第11期):
    RFC 5987 `filename*`, every reserved character escaped, a "/" included."""
    return f"attachment; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = attachment(f"{filename}.xlsx")
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = attachment(f"{filename}.docx")
    return response


def attempt(request, action, success: str) -> bool:
    """Run a service call from a page; tell the user how it went in a flash message."""
    try:
        action()
    except ServiceError as exc:
        messages.error(request, exc.detail)
        return False
    messages.success(request, success)
    return True
