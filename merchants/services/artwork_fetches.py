"""Artwork named by an https URL in a merchant's lines: one recorded fetch per (account,
URL, line), run by a worker through the SSRF guard (``safe_fetch``) and then the very
checks a storefront upload passes (``orders.services.artwork.artwork_upload``).

A line whose artwork is still being fetched cannot be quoted or ordered yet (409
``artwork_pending``); one whose fetch failed is refused with the reason (400
``artwork_fetch_failed``); a fetched one is ordered as if its artwork had been uploaded.
"""

from __future__ import annotations

import ipaddress
import logging
import ssl
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError, Conflict
from c2m.scheduling import task_enqueue
from imaging import ArtworkRejected
from merchants.models import (
    ARTWORK_FETCH_TRANSITIONS,
    ArtworkFetch,
    ArtworkFetchStatus,
    BusinessAccount,
)
from merchants.services.safe_fetch import FetchLimits, FetchRefused, fetch_image, url_check
from merchants.task_names import FETCH_ARTWORK
from orders.selectors.artwork import ArtworkOwner
from orders.services.artwork import artwork_upload

logger = logging.getLogger(__name__)
S = ArtworkFetchStatus
MAX_ATTEMPTS = 3
# A fetch still pending after this long is sent to a worker again when asked for (its
# message may have been lost); running it twice does nothing more.
STALE_AFTER = timedelta(minutes=2)

REASONS: dict[str, Promise] = {
    "invalid_url": _("The artwork URL is not a valid URL."),
    "not_https": _("The artwork URL must start with https://."),
    "unresolvable": _("The artwork URL's host name does not resolve."),
    "private_address": _("The artwork URL points to a private or reserved network address."),
    "too_many_redirects": _("The artwork URL redirects too many times."),
    "http_error": _("The artwork URL did not answer with the image (HTTP error)."),
    "not_an_image": _("The artwork URL does not serve a PNG, JPEG, WebP or TIFF image."),
    "too_large": _("The image at the artwork URL is larger than the upload limit."),
    "timeout": _("The artwork URL took too long to answer."),
    "connection_failed": _("The artwork URL could not be reached (connection or TLS error)."),
    # The storefront's upload checks (imaging.normalize_upload).
    "empty_file": _("The image at the artwork URL is empty."),
    "file_too_large": _("The image at the artwork URL is larger than the upload limit."),
    "unsupported_format": _("The artwork URL does not serve a PNG, JPEG, WebP or TIFF image."),
    "animated_image": _("Animated images cannot be printed."),
    "too_many_pixels": _("The image has too many pixels."),
    "dimensions_too_large": _("The image is too wide or too tall."),
    "image_too_small": _("The image is too small to print."),
    "truncated_image": _("The image is incomplete."),
    "corrupt_image": _("The image is damaged and cannot be read."),
}


def fetch_reason(code: str) -> str:
    """The merchant's wording of a failed fetch's ``reason``, in the active language."""
    return str(REASONS.get(code, _("The artwork at this URL was refused.")))


def artwork_url_refs(options: Mapping[str, Any]) -> dict[str, Any]:
    """``{option code: url}`` for every option value naming its artwork by ``artwork_url``."""
    return {
        code: value["artwork_url"]
        for code, value in options.items()
        if isinstance(value, Mapping) and "artwork_url" in value and "artwork_id" not in value
    }


def artwork_fetches_ensure(
    *, account: BusinessAccount, urls: Mapping[str, str]
) -> dict[str, ArtworkFetch]:
    """The account's fetch of each ``{line: url}``, recorded now (and sent to a worker once
    this transaction commits) when there is none; a pending one gone stale is sent again.
    Call with URLs ``url_check`` passed. A line is recorded by its first 120 characters
    (an option code is the merchant's text)."""
    found = {
        (f.url, f.line): f
        for f in ArtworkFetch.objects.filter(
            account=account, line__in=[k[:120] for k in urls], url__in=list(urls.values())
        )
    }
    fetches: dict[str, ArtworkFetch] = {}
    for key, url in urls.items():
        line = key[:120]
        fetch = found.get((url, line))
        if fetch is None:
            try:
                with transaction.atomic():
                    fetch = ArtworkFetch.objects.create(account=account, url=url, line=line)
            except IntegrityError:  # the same line sent twice at once: one record
                fetch = ArtworkFetch.objects.get(account=account, url=url, line=line)
            else:
                task_enqueue(FETCH_ARTWORK, args=[fetch.pk])
        elif fetch.status == S.PENDING and fetch.updated_at < timezone.now() - STALE_AFTER:
            task_enqueue(FETCH_ARTWORK, args=[fetch.pk])
        fetches[key] = fetch
    return fetches


def artwork_urls_resolve(
    *, account: BusinessAccount, options: Sequence[Mapping[str, Any]], prefix: str = "lines"
) -> list[dict[str, Any]]:
    """Each line's ``options`` with every ``artwork_url`` replaced by the ``artwork_id`` of
    its fetched artwork (fetches are recorded and started for URLs seen the first time).

    Raises ``ApplicationError`` ``invalid_lines`` (a URL that is not https),
    ``artwork_fetch_failed`` (400; the reason per line) and ``Conflict`` ``artwork_pending``
    (409: send the request again, with a new Idempotency-Key, once fetched). Errors are
    keyed ``<prefix>[<i>].options.<option>``.
    """
    wanted: dict[str, str] = {}
    bad: dict[str, list[str]] = {}
    for i, line_options in enumerate(options):
        for code, url in artwork_url_refs(line_options).items():
            key = f"{prefix}[{i}].options.{code}"
            try:
                url_check(url)
            except FetchRefused as refused:
                bad[key] = [fetch_reason(refused.code)]
                continue
            wanted[key] = url
    if bad:
        raise ApplicationError(
            gettext("Some artwork URLs are not valid."), code="invalid_lines", errors=bad
        )
    if not wanted:
        return [dict(o) for o in options]
    fetches = artwork_fetches_ensure(account=account, urls=wanted)
    failed = {k: [fetch_reason(f.reason)] for k, f in fetches.items() if f.status == S.FAILED}
    if failed:
        raise ApplicationError(
            gettext("Some artwork could not be fetched from its URL."),
            code="artwork_fetch_failed",
            errors=failed,
        )
    pending = {
        k: [gettext("Still being fetched; send the request again shortly.")]
        for k, f in fetches.items()
        if f.status == S.PENDING
    }
    if pending:
        raise Conflict(
            gettext("Artwork is still being fetched from its URL; try again in a moment."),
            code="artwork_pending",
            errors=pending,
        )
    resolved = []
    for i, line_options in enumerate(options):
        line = dict(line_options)
        for code in artwork_url_refs(line_options):
            fetch = fetches[f"{prefix}[{i}].options.{code}"]
            assert fetch.artwork is not None
            value = {k: v for k, v in line[code].items() if k != "artwork_url"}
            line[code] = value | {"artwork_id": fetch.artwork.public_id}
        resolved.append(line)
    return resolved


def artwork_fetch_run(*, fetch_id: int, ssl_context: ssl.SSLContext | None = None) -> str:
    """Fetch a pending URL and store its artwork for the account; return the status now.

    Idempotent: a fetch no longer pending is left as it is. A refusal that may pass later
    (timeout, connection, 5xx) leaves it pending for the task to try again, up to
    ``MAX_ATTEMPTS``; anything else fails it with its reason.
    """
    fetch = ArtworkFetch.objects.select_related("account").get(pk=fetch_id)
    if fetch.status != S.PENDING:
        return fetch.status
    limits = FetchLimits(
        max_bytes=settings.ARTWORK_MAX_BYTES,
        timeout_seconds=settings.ARTWORK_FETCH_TIMEOUT_SECONDS,
        max_redirects=settings.ARTWORK_FETCH_MAX_REDIRECTS,
    )
    networks = [
        ipaddress.ip_network(n, strict=False) for n in settings.ARTWORK_FETCH_ALLOWED_NETWORKS
    ]
    try:
        data = fetch_image(
            fetch.url, limits=limits, allowed_networks=networks, ssl_context=ssl_context
        )
        artwork, _created = artwork_upload(
            owner=ArtworkOwner(guest_token=fetch.account.artwork_token),
            file=data,
            original_name=urlsplit(fetch.url).path.rsplit("/", 1)[-1],
        )
    except FetchRefused as refused:
        logger.info("artwork fetch %s refused: %s", fetch.pk, refused)
        if not refused.permanent and fetch.attempts + 1 < MAX_ATTEMPTS:
            return _attempted(fetch.pk)
        return _move(fetch.pk, S.FAILED, reason=refused.code, detail=refused.detail)
    except ArtworkRejected as rejected:
        return _move(fetch.pk, S.FAILED, reason=rejected.code, detail=rejected.code)
    return _move(fetch.pk, S.FETCHED, artwork_id=artwork.pk)


def _attempted(fetch_id: int) -> str:
    with transaction.atomic():
        fetch = lock_one(ArtworkFetch.objects, pk=fetch_id)
        if fetch.status == S.PENDING:
            fetch.attempts += 1
            fetch.save(update_fields=["attempts", "updated_at"])
        return fetch.status


def _move(fetch_id: int, to: str, **changes: Any) -> str:
    """The one writer of a fetch's status (a fetch another worker finished is kept)."""
    with transaction.atomic():
        fetch = lock_one(ArtworkFetch.objects, pk=fetch_id)
        if fetch.status != S.PENDING:
            return fetch.status
        check_transition(ARTWORK_FETCH_TRANSITIONS, fetch.status, to, what="artwork fetch")
        fetch.status = to
        fetch.attempts += 1
        changes["detail"] = str(changes.get("detail", ""))[:200]
        for field, value in changes.items():
            setattr(fetch, field, value)
        fetch.save(update_fields=["status", "attempts", "updated_at", *changes])
    return to
