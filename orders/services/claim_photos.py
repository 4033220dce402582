"""Claim photos: through the same upload checks as artwork (size, type, pixel flood,
decompression bombs), re-encoded before they are stored."""

from __future__ import annotations

import io
import secrets
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from imaging import ArtworkRejected, UploadLimits, normalize_upload
from orders.models import Claim, ClaimPhoto
from orders.services.artwork import as_upload_error


def claim_photo_limits() -> UploadLimits:
    side = settings.CLAIM_PHOTO_MIN_SIDE
    return UploadLimits(
        max_bytes=settings.ARTWORK_MAX_BYTES,
        max_pixels=settings.ARTWORK_MAX_PIXELS,
        min_width=side,
        min_height=side,
    )


def claim_photo_store(*, claim: Claim, file: bytes | BinaryIO) -> ClaimPhoto:
    """Check, re-encode and store one photo of ``claim``; return its row.

    Raises ``ArtworkRejected`` (400; 413 when too large) for anything we will not store.
    Call inside the claim's transaction: the row goes with it (the stored file is named by
    content, so a rolled-back upload leaves at most a file a later one reuses).
    """
    try:
        normalized = normalize_upload(file, limits=claim_photo_limits())
    except ArtworkRejected as error:
        raise as_upload_error(error) from None
    sha = normalized.sha256
    name = f"claims/{sha[:2]}/{sha}.png"
    path = (
        name
        if default_storage.exists(name)
        else default_storage.save(name, ContentFile(normalized.png))
    )
    return ClaimPhoto.objects.create(
        claim=claim,
        public_id=f"cph_{secrets.token_urlsafe(16)}",
        path=path,
        sha256=sha,
        width=normalized.width,
        height=normalized.height,
        size=len(normalized.png),
    )


def claim_photo_bytes(photo: ClaimPhoto) -> bytes:
    with default_storage.open(photo.path, "rb") as handle:
        return handle.read()


# A day: a stored photo never changes (it is named by its content).
THUMBNAIL_CACHE_SECONDS = 24 * 3600


def claim_photo_thumbnail(photo: ClaimPhoto, *, side: int) -> bytes:
    """The photo fitted in ``side`` × ``side`` pixels, as WebP; cached by content and size.

    Raises ``OSError`` when the stored file is missing or unreadable.
    """
    key = f"claim-photo-thumbnail:{photo.sha256}:{side}"
    thumbnail = cache.get(key)
    if thumbnail is None:
        with Image.open(io.BytesIO(claim_photo_bytes(photo))) as image:
            image.draft("RGB", (side, side))
            picture = image.convert("RGB")
        picture.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        picture.save(out, "WEBP", quality=80, method=4)
        thumbnail = out.getvalue()
        cache.set(key, thumbnail, THUMBNAIL_CACHE_SECONDS)
    return thumbnail
