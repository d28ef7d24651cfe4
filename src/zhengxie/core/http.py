from collections.abc import Callable
from urllib.parse import quote

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404

from .errors import ServiceError
from .files import content_type
from .models import AttachedFile

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


def zip_response(opened, filename: str) -> FileResponse:
    """A ZIP built for its reader (成绩单 of every member): under its Chinese name, kept by no
    cache."""
    response = FileResponse(opened, content_type="application/zip")
    response["Content-Disposition"] = attachment(f"{filename}.zip")
    response["Cache-Control"] = "private, no-store"
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


NO_FILE = "请选择要上传的文件。"


def attempt_upload(request, store: Callable[[UploadedFile], object], success: str) -> bool:
    """A page's upload: the file posted as "file", stored by `store` (the app's service), the
    user told how it went — the service's own refusal (type, size, an empty file) included."""
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, NO_FILE)
        return False
    return attempt(request, lambda: store(upload), success)


def attachment_response(
    user,
    parent: models.Model,
    pk: int,
    *,
    audience: Callable[[object, models.Model], QuerySet[AttachedFile]],
) -> FileResponse:
    """Serve file `pk` of `parent` if the app's audience rule gives it to `user`; 404 if not,
    so an outsider does not learn the file exists. Every file is behind an audience: no cache
    (the browser's, a proxy's) keeps a copy for the next person at the same desk."""
    stored = get_object_or_404(audience(user, parent), pk=pk)
    response = FileResponse(stored.file.open("rb"), content_type=content_type(stored.name))
    response["Content-Disposition"] = attachment(stored.name)
    response["Cache-Control"] = "private, no-store"
    return response
