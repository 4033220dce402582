"""``Idempotency-Key`` on POSTs of the factory and merchant APIs: the first response is
stored and replayed.

Semantics (as Stripe documents them): a retry with the same key and the same request gets
the first response again, with ``Idempotent-Replayed: true``; the same key with a different
request is refused with 422. Concurrent requests with one key produce one side effect:
the first inserts the key's row and holds it, uncommitted, while it acts; the others' inserts
wait on PostgreSQL's unique index until it commits, then replay its response. If the first
one fails with a server error its transaction rolls back, the row disappears and a retry
acts afresh. Keys are kept at least ``IDEMPOTENCY_KEY_TTL`` (24 h).

Each API keeps its keys per client in a table of its own (``key``, ``fingerprint``,
``response_status``, ``response_body``, ``response_headers``, ``created_at`` and the
client's column), named by the caller.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from c2m.db import session_lock
from c2m.errors import Unprocessable

IDEMPOTENCY_KEY_TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]
    replayed: bool


def idempotency_key_valid(key: str | None) -> bool:
    """1 to 255 printable ASCII characters, no spaces."""
    if not key:
        return False
    return len(key) <= MAX_KEY_LENGTH and all(33 <= ord(c) <= 126 for c in key)


def request_fingerprint(*, method: str, path: str, body: bytes, scope: str | None = None) -> str:
    """SHA-256 of the request (and ``scope``, e.g. sandbox or live); JSON bodies are
    canonicalized so key order does not matter."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    head = f"{method}\n{path}\n" if scope is None else f"{method}\n{path}\n{scope}\n"
    return hashlib.sha256(f"{head}{canonical}".encode()).hexdigest()


def idempotent_call(
    *,
    records: type[models.Model],
    owner: Mapping[str, Any],
    key: str,
    fingerprint: str,
    action: Callable[[], tuple[int, str, dict[str, str]]],
) -> StoredResponse:
    """Run ``action`` once per (``owner``, key) in the ``records`` table and return its
    response, or the stored one.

    ``action`` returns (status, rendered body, headers) and must not raise for client
    errors: they are stored and replayed like successes. Raises ``Unprocessable`` (422,
    ``idempotency_key_reused``) when the key was used for a different request; anything
    ``action`` raises rolls the key back.
    """
    manager: Any = records._default_manager
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = manager.create(**owner, key=key, fingerprint=fingerprint)
        except IntegrityError:
            # Reached only once the first holder committed: its response is in the row.
            record = manager.get(**owner, key=key)
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


def idempotent_call_unlocked(
    *,
    records: type[models.Model],
    owner: Mapping[str, Any],
    key: str,
    fingerprint: str,
    action: Callable[[], tuple[int, str, dict[str, str]]],
) -> StoredResponse:
    """``idempotent_call`` for an action that calls a payment provider, which must run
    with no transaction open (and no lock held), and that is idempotent itself (a
    resubmit resumes the same payment intent).

    Requests with one key are taken one at a time (an advisory lock on the key, no row
    lock, no transaction): a stored response is replayed; otherwise ``action`` runs and
    its response is stored, unless it is a server error (5xx, such as
    ``payment_unconfirmed``: not stored, so the same key asks again). Raises
    ``Unprocessable`` as ``idempotent_call``.
    """
    manager: Any = records._default_manager
    with session_lock(f"idempotency:{records._meta.label}:{sorted(owner.items())}:{key}"):
        record = manager.filter(**owner, key=key).first()
        if record is not None:
            if record.fingerprint != fingerprint:
                raise Unprocessable(
                    "This Idempotency-Key was already used for a different request.",
                    code="idempotency_key_reused",
                )
            return StoredResponse(
                record.response_status, record.response_body, record.response_headers, True
            )
        status, body, headers = action()
        if status >= 500:
            return StoredResponse(status, body, headers, False)
        return idempotent_call(
            records=records,
            owner=owner,
            key=key,
            fingerprint=fingerprint,
            action=lambda: (status, body, headers),
        )


def idempotency_records_purge(
    records: type[models.Model], *, older_than: timedelta = IDEMPOTENCY_KEY_TTL
) -> int:
    """Delete keys older than ``older_than`` (never less than 24 h); return how many."""
    older_than = max(older_than, IDEMPOTENCY_KEY_TTL)
    manager: Any = records._default_manager
    deleted, _ = manager.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
