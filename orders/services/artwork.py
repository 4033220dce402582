"""Customer artwork: storing uploads for their owner and judging where they are placed."""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Collection, Mapping
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from imaging import (
    ArtworkRejected,
    Placement,
    PreflightReport,
    PrintArea,
    UploadLimits,
    normalize_upload,
    preflight,
    preview_source,
)
from imaging.print_setups import print_setup_for
from orders.models import Artwork
from orders.selectors.artwork import (
    ArtworkOwner,
    artwork_get_owned,
    artwork_refs,
    artworks_owned,
)

__all__ = [
    "artwork_get_owned",
    "artwork_preflight",
    "artwork_preflight_by_area",
    "artwork_upload",
    "artworks_adopt_shared",
    "artworks_check_configuration",
    "as_upload_error",
    "placement_from",
    "upload_limits",
]

logger = logging.getLogger(__name__)
PREVIEW_SOURCE_SIDE = 1000


def upload_limits() -> UploadLimits:
    """The upload limits from settings, read now (tests and operators may change them)."""
    side = settings.ARTWORK_MIN_SIDE
    return UploadLimits(
        max_bytes=settings.ARTWORK_MAX_BYTES,
        max_pixels=settings.ARTWORK_MAX_PIXELS,
        min_width=side,
        min_height=side,
    )


def artwork_upload(
    *,
    owner: ArtworkOwner,
    file: bytes | BinaryIO,
    limits: UploadLimits | None = None,
    original_name: str = "",
) -> tuple[Artwork, bool]:
    """Normalize an upload, store it for ``owner`` and return ``(artwork, created)``.

    The same picture uploaded twice by the same owner returns the first artwork
    (``created`` False). Raises ``ArtworkRejected`` (400; 413 for ``file_too_large``) for
    anything we will not store, and ``ApplicationError`` when there is no owner.
    """
    if owner.user_id is None and not owner.guest_token:
        raise ApplicationError("An upload needs a customer or a session.", code="no_owner")
    try:
        normalized = normalize_upload(file, limits=limits or upload_limits())
    except ArtworkRejected as error:
        raise as_upload_error(error) from None
    mine = _exact_owner(owner)
    existing = Artwork.objects.filter(mine, sha256=normalized.sha256).first()
    if existing is not None:
        return existing, False

    sha = normalized.sha256
    path = _store(f"artwork/{sha[:2]}/{sha}.png", normalized.png)
    buffer = io.BytesIO()
    preview_source(normalized.open(), PREVIEW_SOURCE_SIDE).save(buffer, "PNG", compress_level=1)
    preview_path = _store(f"artwork/{sha[:2]}/{sha}-preview.png", buffer.getvalue())
    try:
        with transaction.atomic():
            artwork = Artwork.objects.create(
                public_id=f"art_{secrets.token_urlsafe(16)}",
                customer_id=owner.user_id,
                guest_token="" if owner.user_id is not None else str(owner.guest_token),
                sha256=sha,
                path=path,
                preview_path=preview_path,
                width=normalized.width,
                height=normalized.height,
                has_alpha=normalized.has_alpha,
                source_format=normalized.source_format,
                size=len(normalized.png),
                original_name=_display_name(original_name),
            )
    except IntegrityError:
        # The same owner uploaded the same picture concurrently: the first one wins.
        return Artwork.objects.get(mine, sha256=sha), False
    logger.info("artwork %s stored (%s, %d bytes)", artwork.public_id, sha[:12], artwork.size)
    return artwork, True


def artworks_adopt_shared(
    *, options: Mapping[str, Any], shared: Collection[str], owner: ArtworkOwner
) -> dict[str, Any]:
    """``options`` with every artwork from a shared design (``shared``: the ids its verified
    token names) replaced by the owner's own copy, made now if they have none.

    A copy is a new row for the owner over the same stored files (they are named by
    content); the sharer's artwork is never changed. Artworks not in ``shared``, or gone,
    stay as they are, for the ownership check to refuse.
    """
    refs = {code: i for code, i in artwork_refs(options).items() if i in set(shared)}
    if not refs:
        return dict(options)
    if owner.user_id is None and not owner.guest_token:
        raise ApplicationError("Adopting artwork needs a customer or a session.", code="no_owner")
    mine = artworks_owned(public_ids=refs.values(), owner=owner)
    originals = {a.public_id: a for a in Artwork.objects.filter(public_id__in=refs.values())}
    adopted = dict(options)
    for code, public_id in refs.items():
        original = originals.get(public_id)
        if public_id in mine or original is None:
            continue
        copy = _artwork_copy(original, owner)
        adopted[code] = {**options[code], "artwork_id": copy.public_id}
    return adopted


def _artwork_copy(original: Artwork, owner: ArtworkOwner) -> Artwork:
    existing = Artwork.objects.filter(_exact_owner(owner), sha256=original.sha256).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Artwork.objects.create(
                public_id=f"art_{secrets.token_urlsafe(16)}",
                customer_id=owner.user_id,
                guest_token="" if owner.user_id is not None else str(owner.guest_token),
                sha256=original.sha256,
                path=original.path,
                preview_path=original.preview_path,
                width=original.width,
                height=original.height,
                has_alpha=original.has_alpha,
                source_format=original.source_format,
                size=original.size,
                original_name=original.original_name,
            )
    except IntegrityError:  # the same shopper's other tab copied it a moment ago
        return Artwork.objects.get(_exact_owner(owner), sha256=original.sha256)


def as_upload_error(error: ArtworkRejected) -> ArtworkRejected:
    """``error`` as interfaces show it: 413 for size, the message on the ``file`` field."""
    if error.code == "file_too_large":
        error.status = 413
    message = error.message["zh-hans" if _is_zh() else "en"]
    error.errors = {"file": [message]}
    error.detail = message
    return error


def artwork_preflight(
    *,
    artwork: Artwork,
    area: PrintArea,
    placement: Placement,
    blocked_below_dpi: float | None = None,
) -> PreflightReport:
    """How well ``artwork`` prints placed in ``area`` (DPI level, transparency, coverage).

    ``blocked_below_dpi`` defaults to the ``ARTWORK_BLOCKED_BELOW_DPI`` setting.
    """
    threshold = (
        settings.ARTWORK_BLOCKED_BELOW_DPI if blocked_below_dpi is None else blocked_below_dpi
    )
    return preflight(
        width_px=artwork.width,
        height_px=artwork.height,
        area_mm=(area.width_mm, area.height_mm),
        placement=placement,
        blocked_below_dpi=threshold,
        has_alpha=artwork.has_alpha,
    )


def artwork_preflight_by_area(
    *,
    artwork: Artwork,
    sku: str | None,
    placement: Placement | None = None,
    areas: Collection[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Preflight of ``artwork`` in each print area of product ``sku`` (``{}`` without one),
    or only in ``areas`` when given (the areas of the option it was uploaded for)."""
    setup = print_setup_for(sku) if sku else None
    if setup is None:
        return {}
    return {
        area.name: preflight_dict(
            artwork_preflight(
                artwork=artwork,
                area=area,
                placement=placement or Placement(),
                blocked_below_dpi=setup.blocked_below_dpi,
            )
        )
        for area in setup.areas
        if areas is None or area.name in areas
    }


def artworks_check_configuration(
    *, sku: str, values: Mapping[str, Any], owner: ArtworkOwner
) -> dict[str, dict[str, Any]]:
    """Check every artwork a configuration uses; return its preflight per option code.

    For the configuration service to call before storing a configuration (and to store the
    reports with it). Raises ``ApplicationError`` ``invalid_configuration`` naming the
    option when an artwork is not the owner's (worded as if it did not exist) or when its
    placement is ``blocked``; a ``warning`` passes.
    """
    refs = artwork_refs(values)
    owned = artworks_owned(public_ids=refs.values(), owner=owner)
    setup = print_setup_for(sku)
    errors: dict[str, list[str]] = {}
    reports: dict[str, dict[str, Any]] = {}
    for code, public_id in refs.items():
        artwork = owned.get(public_id)
        if artwork is None:
            errors[code] = [_("This artwork does not exist. Please upload it again.")]
            continue
        value = values[code]
        try:
            area = setup.area(value.get("print_area")) if setup else None
        except KeyError:
            area = None
        if area is None:
            continue
        report = artwork_preflight(
            artwork=artwork,
            area=area,
            placement=placement_from(value.get("placement")),
            blocked_below_dpi=setup.blocked_below_dpi if setup else None,
        )
        reports[code] = preflight_dict(report)
        if report.level == "blocked":
            errors[code] = [report.message["zh-hans" if _is_zh() else "en"]]
    if errors:
        raise ApplicationError(
            _("The configuration is not valid."), code="invalid_configuration", errors=errors
        )
    return reports


def placement_from(raw: Any) -> Placement:
    """A ``Placement`` from a configuration's placement dict (decimal strings); raises
    ``ApplicationError`` ``invalid_placement`` for numbers out of range or not numbers."""
    raw = raw if isinstance(raw, Mapping) else {}
    fields: dict[str, float] = {}
    for name in ("offset_x", "offset_y", "scale", "rotation_deg"):
        if raw.get(name) in (None, ""):
            continue
        try:
            fields[name] = float(Decimal(str(raw[name])))
        except (InvalidOperation, ValueError, OverflowError):
            raise _bad_placement(name) from None
    try:
        return Placement(**fields)
    except ValueError as error:
        raise _bad_placement(str(error).split()[0]) from None


def preflight_dict(report: PreflightReport) -> dict[str, Any]:
    return asdict(report)


def _bad_placement(name: str) -> ApplicationError:
    return ApplicationError(
        _("The placement is not valid."),
        code="invalid_placement",
        errors={name: [_("Enter a number in the allowed range.")]},
    )


def _exact_owner(owner: ArtworkOwner) -> Q:
    if owner.user_id is not None:
        return Q(customer_id=owner.user_id)
    return Q(customer__isnull=True, guest_token=owner.guest_token)


def _store(name: str, data: bytes) -> str:
    """Save content-addressed bytes once; equal names hold equal bytes, so reuse them."""
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def _display_name(name: str) -> str:
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:200]


def _is_zh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("zh")
