"""``Idempotency-Key`` for factory POSTs: the first response is stored and replayed.

Semantics (as Stripe documents them): a retry with the same key and the same request gets
the first response again, with ``Idempotent-Replayed: true``; the same key with a different
request is refused with 422. Concurrent requests with one key produce one side effect:
the first inserts the key's row and holds it, uncommitted, while it acts; the others' inserts
wait on PostgreSQL's unique index until it commits, then replay its response. If the first
one fails with a server error its transaction rolls back, the row disappears and a retry
acts afresh. Keys are kept at least ``IDEMPOTENCY_KEY_TTL`` (24 h).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.errors import ApplicationError, Unprocessable
from production.models import Factory, IdempotencyRecord

IDEMPOTENCY_KEY_TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]
    replayed: bool


class InvalidIdempotencyKey(ApplicationError):
    code = "invalid_idempotency_key"


def request_fingerprint(*, method: str, path: str, body: bytes) -> str:
    """SHA-256 of the request; JSON bodies are canonicalized so key order does not matter."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    return hashlib.sha256(f"{method}\n{path}\n{canonical}".encode()).hexdigest()


def idempotency_key_check(key: str) -> None:
    """Refuse keys that are empty, too long or not printable ASCII (400)."""
    if not key or len(key) > MAX_KEY_LENGTH or not all(33 <= ord(c) <= 126 for c in key):
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
    """Run ``action`` once per (factory, key) and return its response, or the stored one.

    ``action`` returns (status, rendered body, headers) and must not raise for client errors: they
    are stored and replayed like successes. Raises ``Unprocessable`` (422) when the key was
    used for a different request; anything ``action`` raises rolls the key back.
    """
    idempotency_key_check(key)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    factory=factory, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            # Reached only once the first holder committed: its response is in the row.
            record = IdempotencyRecord.objects.get(factory=factory, key=key)
            if record.fingerprint != fingerprint:
                raise Unprocessable(
                    "This Idempotency-Key was already used for a different request.",
                    code="idempotency_key_reused",
                ) from None
            assert record.response_status is not None  # committed with its response
            return StoredResponse(
                record.response_status, record.response_body, record.response_headers, True
            )
        status, body, headers = action()
        record.response_status = status
        record.response_body = body
        record.response_headers = headers
        record.save(update_fields=["response_status", "response_body", "response_headers"])
    return StoredResponse(status, body, headers, False)


def idempotency_records_purge(*, older_than: timedelta = IDEMPOTENCY_KEY_TTL) -> int:
    """Delete keys older than ``older_than`` (never less than 24 h); return how many."""
    older_than = max(older_than, IDEMPOTENCY_KEY_TTL)
    deleted, _ = IdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
