"""The picture of an ordered design, behind a signed per-line link (see
orders.selectors.line_thumbnails): for the order page, emails and the admin."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from c2m.errors import ApplicationError
from orders.selectors.line_thumbnails import THUMBNAIL_PIXELS, order_line_by_thumbnail_token
from orders.services.previews import order_line_preview, preview_key_matches


@require_GET
def order_line_thumbnail(request: HttpRequest, token: str) -> HttpResponse:
    """The line's design as WebP (a 404 for a wrong token or a product without preview)."""
    try:
        line = order_line_by_thumbnail_token(token)
        preview = order_line_preview(line=line, size=THUMBNAIL_PIXELS)
    except (ApplicationError, ValueError, OSError):
        raise Http404 from None
    if preview_key_matches(request.headers.get("If-None-Match", ""), preview.key):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(preview.image, content_type="image/webp")
    response["ETag"] = f'"{preview.key}"'
    # An ordered design never changes; the link is the permission, so keep it private.
    response["Cache-Control"] = "private, max-age=86400"
    # Two-view pictures name their views ("Front", "Back") in the reader's language.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    response["X-Content-Type-Options"] = "nosniff"
    return response
