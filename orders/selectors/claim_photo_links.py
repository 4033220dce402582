"""Short-lived signed links to the thumbnails of a claim's photos, for the customer who
filed it: the order page and the consumer API hand them out, never a photo's id alone.

A link is signed (``django.core.signing``, timestamped) over the photo and the viewer it
was made for: a signed-in customer's link works only in that customer's session; a link
made for a guest (who reached the order by its tracking token) works for whoever holds it
until it expires, as the tracking token does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from c2m.errors import NotFound
from orders.models import ClaimPhoto

CLAIM_PHOTO_SALT = "orders.claim-photo"
# Long enough to read the page, short enough that a copied link soon stops working.
CLAIM_PHOTO_LINK_SECONDS = 30 * 60
THUMBNAIL_SIDE = 240
GUEST = 0


@dataclass(frozen=True)
class ClaimPhotoLink:
    public_id: str
    url: str
    width: int
    height: int


def claim_photo_links(
    photos: Iterable[ClaimPhoto], *, viewer_id: int | None
) -> list[ClaimPhotoLink]:
    """A signed thumbnail link per photo, for ``viewer_id`` (None: a guest)."""
    links = []
    for photo in photos:
        token = signing.dumps(
            [photo.public_id, viewer_id or GUEST], salt=CLAIM_PHOTO_SALT, compress=True
        )
        scale = min(1.0, THUMBNAIL_SIDE / max(photo.width, photo.height, 1))
        links.append(
            ClaimPhotoLink(
                public_id=photo.public_id,
                url=reverse("orders:claim_photo_thumbnail", args=[token]),
                width=max(1, round(photo.width * scale)),
                height=max(1, round(photo.height * scale)),
            )
        )
    return links


def claim_photo_by_token(token: str, *, viewer_id: int | None) -> ClaimPhoto:
    """The photo a link was signed for, if it has not expired and ``viewer_id`` is the
    viewer it was made for; ``NotFound`` for anything else (forged, expired, another
    customer's, a signed-in customer's link opened signed out)."""
    try:
        public_id, made_for = signing.loads(
            str(token)[:300], salt=CLAIM_PHOTO_SALT, max_age=CLAIM_PHOTO_LINK_SECONDS
        )
        if made_for != GUEST and made_for != viewer_id:
            raise ValueError("another viewer's link")
        photo = ClaimPhoto.objects.filter(public_id=str(public_id)).first()
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        photo = None
    if photo is None:
        raise NotFound("No such picture.", code="not_found")
    return photo
