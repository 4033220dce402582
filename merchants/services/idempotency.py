"""``Idempotency-Key`` on every merchant POST, as on the factory API: the first response
is stored and replayed for the same key and request; the same key with another request
is refused (422). Concurrent requests with one key wait on the unique index and replay
the first one's response. Keys are kept at least ``IDEMPOTENCY_KEY_TTL`` (24 h)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.errors import ApplicationError, Unprocessable
from merchants.models import MerchantIdempotencyRecord

IDEMPOTENCY_KEY_TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]
    replayed: bool


def request_fingerprint(*, method: str, path: str, body: bytes, sandbox: bool) -> str:
    """SHA-256 of the request; JSON bodies are canonicalized so key order does not matter."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    return hashlib.sha256(f"{method}\n{path}\n{sandbox}\n{canonical}".encode()).hexdigest()


def idempotency_key_check(key: str | None) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not all(33 <= ord(c) <= 126 for c in key):
        raise ApplicationError(
            "Send an Idempotency-Key of 1 to 255 printable ASCII characters without spaces.",
            code="invalid_idempotency_key",
            errors={"Idempotency-Key": ["Required: 1 to 255 printable ASCII characters."]},
        )
    return key


def idempotent_call(
    *,
    account_id: int,
    key: str,
    fingerprint: str,
    action: Callable[[], tuple[int, str, dict[str, str]]],
) -> StoredResponse:
    """Run ``action`` once per (account, key); return its response or the stored one.
    Raises ``Unprocessable`` (``idempotency_key_reused``)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = MerchantIdempotencyRecord.objects.create(
                    account_id=account_id, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            record = MerchantIdempotencyRecord.objects.get(account_id=account_id, key=key)
            if record.fingerprint != fingerprint:
                raise Unprocessable(
                    "This Idempotency-Key was already used for a different request.",
                    code="idempotency_key_reused",
                ) from None
            assert record.response_status is not None
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
    older_than = max(older_than, IDEMPOTENCY_KEY_TTL)
    deleted, _ = MerchantIdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
