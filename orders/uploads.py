"""Keeping artwork uploads bounded before Django reads the request body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, load_handler
from django.http import HttpRequest

from c2m.errors import ApplicationError
from imaging import ArtworkRejected
from orders.services.artwork import as_upload_error

# Room for the multipart framing and the small form fields around the file.
MULTIPART_OVERHEAD = 64 * 1024


class ArtworkSizeLimitHandler(FileUploadHandler):
    """Stops receiving a file once it passes ``max_bytes`` (a client may lie about sizes)."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def artwork_upload_guard(request: HttpRequest) -> ArtworkSizeLimitHandler:
    """Refuse a body larger than the artwork limit from its header; bound the rest.

    Call before anything reads ``request.POST``/``FILES``. Files above
    ``FILE_UPLOAD_MAX_MEMORY_SIZE`` go to a temporary file, never all into memory. Raises
    ``ArtworkRejected`` ``file_too_large`` (413). Returns the handler: ``exceeded`` tells a
    file dropped half-way for its size.
    """
    max_bytes = settings.ARTWORK_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_bytes + MULTIPART_OVERHEAD:
        raise too_large(max_bytes)
    limiter = ArtworkSizeLimitHandler(request, max_bytes)
    request.upload_handlers = [
        limiter,
        *(load_handler(path, request) for path in settings.FILE_UPLOAD_HANDLERS),
    ]
    return limiter


def too_large(max_bytes: int) -> ArtworkRejected:
    mb = max_bytes / (1024 * 1024)
    error = ArtworkRejected(
        "file_too_large",
        message={
            "en": f"The file is larger than {mb:g} MB. Please upload a smaller image.",
            "zh-hans": f"文件超过 {mb:g} MB，请上传更小的图片。",
        },
        params={"max_bytes": max_bytes},
    )
    return as_upload_error(error)


def uploaded_image(files: Mapping[str, Any], limiter: ArtworkSizeLimitHandler) -> Any:
    """The API request's ``file`` (an uploaded file): 413 when the guard stopped it for
    its size, 400 ``file_required`` when none was sent."""
    upload = files.get("file")
    if upload is not None:
        return upload
    if limiter.exceeded:
        raise too_large(limiter.max_bytes)
    raise ApplicationError(
        "Choose an image file to upload.",
        code="file_required",
        errors={"file": ["Choose an image file to upload."]},
    )
