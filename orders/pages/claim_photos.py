"""A claim photo's thumbnail, behind a short-lived link signed for the customer who filed
the claim (``orders.selectors.claim_photo_links``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from c2m.errors import ApplicationError
from orders.models import CustomerApiToken
from orders.pages.shopper import customer_id
from orders.selectors.claim_photo_links import THUMBNAIL_SIDE, claim_photo_by_token
from orders.services.api_tokens import customer_token_hash
from orders.services.claim_photos import claim_photo_thumbnail


def _viewer(request: HttpRequest) -> int | None:
    """Who is looking: the signed-in customer, or the API caller's ``Token`` (a link the
    consumer API handed out is signed for the token's customer)."""
    signed_in = customer_id(request)
    if signed_in is not None:
        return signed_in
    keyword, _, key = request.headers.get("Authorization", "").partition(" ")
    if keyword != "Token" or not key.strip():
        return None
    return (
        CustomerApiToken.objects.filter(
            key_hash=customer_token_hash(key.strip()),
            revoked_at__isnull=True,
            customer__is_active=True,
        )
        .values_list("customer_id", flat=True)
        .first()
    )


@require_GET
def claim_photo_thumbnail_view(request: HttpRequest, token: str) -> HttpResponse:
    """The photo as a small WebP; 404 for a forged or expired link or another viewer's."""
    try:
        photo = claim_photo_by_token(token, viewer_id=_viewer(request))
        thumbnail = claim_photo_thumbnail(photo, side=THUMBNAIL_SIDE)
    except (ApplicationError, OSError):
        raise Http404 from None
    response = HttpResponse(thumbnail, content_type="image/webp")
    # The link is the permission and it is short-lived: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=600"
    response["Content-Disposition"] = f'inline; filename="{photo.public_id}.webp"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ("Cookie", "Authorization"))
    return response
