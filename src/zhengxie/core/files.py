"""Uploaded files: PDF, Word (.docx) and images only, checked by their first bytes."""

from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from .errors import Problem, ServiceError

MAX_SIZE = 10 * 1024 * 1024
# Extension → the bytes such a file starts with; the name alone proves nothing.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# What a download of each accepted kind is served as; the browser is told, never left to
# guess from the bytes (nosniff).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
FILE_TYPE = Problem("file_type", "只能上传 PDF、Word(.docx)或图片(JPG、PNG)文件。")
FILE_SIZE = Problem("file_size", "文件不能超过10MB。")
FILE_EMPTY = Problem("file_empty", "文件是空的。")


def check_upload(upload: UploadedFile) -> None:
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ServiceError(FILE_TYPE)
    if upload.size > MAX_SIZE:
        raise ServiceError(FILE_SIZE)
    if upload.size == 0:
        raise ServiceError(FILE_EMPTY)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise ServiceError(FILE_TYPE, "文件内容与扩展名不符,请检查文件。")


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
