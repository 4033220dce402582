"""Streaming a generated production file to a factory or staff member (API and admin)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from production.models import ProductionFile


def production_file_response(row: ProductionFile) -> FileResponse:
    """The file's bytes streamed from storage as an attachment named as listed, with its
    type, ``nosniff`` and its sha256 as ETag. Raises ``Http404`` when storage lost it."""
    try:
        handle = default_storage.open(row.path, "rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404("The file is not in storage.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    response["ETag"] = f'"{row.sha256}"'
    return response
