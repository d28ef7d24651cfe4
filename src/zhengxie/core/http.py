from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse

from .errors import ServiceError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.docx"
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
