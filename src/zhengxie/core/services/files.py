"""The one way a file is stored on a record: checked, saved, audited."""

from datetime import datetime
from pathlib import Path
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from ..audit import audit_log
from ..auditlabels import ACTIONS
from ..files import check_upload
from ..models import AttachedFile, User

F = TypeVar("F", bound=AttachedFile)
NAME_LENGTH = AttachedFile._meta.get_field("name").max_length


def _shortened(name: str) -> str:
    """A name too long for the column loses the end of its stem, never its extension: the
    download is named, and served as, what was uploaded."""
    if len(name) <= NAME_LENGTH:
        return name
    suffix = Path(name).suffix  # one of check_upload's, so short
    return name[: NAME_LENGTH - len(suffix)] + suffix


def file_store(
    *,
    actor: User,
    attachment: F,
    upload: UploadedFile,
    action: str,
    target: models.Model,
    after: dict | None = None,
    now: datetime | None = None,
) -> F:
    """Check `upload` (`check_upload`), store it as the unsaved `attachment` (its record and
    purpose already set by the app, which has decided who may attach what) and audit `action`
    on `target`, in the target's committee. Joins the caller's transaction, so its lock and
    permission check hold for the write, or opens its own."""
    if action not in ACTIONS:
        raise ValueError(f"undeclared audit action {action!r}")
    check_upload(upload)
    now = now or timezone.now()
    with transaction.atomic():
        attachment.name = _shortened(upload.name)
        attachment.size = upload.size
        attachment.uploaded_by = actor
        attachment.uploaded_at = now
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        audit_log(
            actor=actor,
            action=action,
            target=target,
            after={"file": attachment.name, "size": attachment.size, **(after or {})},
            now=now,
        )
    return attachment
