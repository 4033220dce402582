"""``Idempotency-Key`` for factory POSTs, per factory (semantics: ``c2m.idempotency``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from c2m import idempotency
from c2m.errors import ApplicationError
from c2m.idempotency import IDEMPOTENCY_KEY_TTL, StoredResponse, request_fingerprint
from production.models import Factory, IdempotencyRecord

__all__ = ["StoredResponse", "idempotency_records_purge", "idempotent_call", "request_fingerprint"]


class InvalidIdempotencyKey(ApplicationError):
    code = "invalid_idempotency_key"


def idempotency_key_check(key: str) -> None:
    """Refuse keys that are empty, too long or not printable ASCII (400)."""
    if not idempotency.idempotency_key_valid(key):
        raise InvalidIdempotencyKey(
            "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.",
            errors={"Idempotency-Key": ["Invalid value."]},
        )


def idempotent_call(
    *,
    factory: Factory,
    key: str,
    fingerprint: str,
    action: Callable[[], tuple[int, str, dict[str, str]]],
) -> StoredResponse:
    """Run ``action`` once per (factory, key) and return its response, or the stored one
    (``c2m.idempotency.idempotent_call``); 400 for a malformed key."""
    idempotency_key_check(key)
    return idempotency.idempotent_call(
        records=IdempotencyRecord,
        owner={"factory": factory},
        key=key,
        fingerprint=fingerprint,
        action=action,
    )


def idempotency_records_purge(*, older_than: timedelta = IDEMPOTENCY_KEY_TTL) -> int:
    """Delete factory keys older than ``older_than`` (never less than 24 h)."""
    return idempotency.idempotency_records_purge(IdempotencyRecord, older_than=older_than)
