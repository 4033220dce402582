"""``Idempotency-Key`` on every merchant POST, per business account, as on the factory API
(semantics: ``c2m.idempotency``); sandbox and live requests never share a key's answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from c2m import idempotency
from c2m.errors import ApplicationError
from c2m.idempotency import IDEMPOTENCY_KEY_TTL, StoredResponse
from merchants.models import MerchantIdempotencyRecord

__all__ = ["StoredResponse", "idempotency_records_purge", "idempotent_call", "request_fingerprint"]


def request_fingerprint(*, method: str, path: str, body: bytes, sandbox: bool) -> str:
    return idempotency.request_fingerprint(method=method, path=path, body=body, scope=str(sandbox))


def idempotency_key_check(key: str | None) -> str:
    """The key, or 400 when it is missing (required on every POST) or malformed."""
    if key is None or not idempotency.idempotency_key_valid(key):
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
    """Run ``action`` once per (account, key); return its response or the stored one."""
    return idempotency.idempotent_call(
        records=MerchantIdempotencyRecord,
        owner={"account_id": account_id},
        key=key,
        fingerprint=fingerprint,
        action=action,
    )


def idempotent_call_unlocked(
    *,
    account_id: int,
    key: str,
    fingerprint: str,
    action: Callable[[], tuple[int, str, dict[str, str]]],
) -> StoredResponse:
    """``idempotent_call`` for a request that pays: the action runs with no transaction
    open (see ``c2m.idempotency.idempotent_call_unlocked``)."""
    return idempotency.idempotent_call_unlocked(
        records=MerchantIdempotencyRecord,
        owner={"account_id": account_id},
        key=key,
        fingerprint=fingerprint,
        action=action,
    )


def idempotency_records_purge(*, older_than: timedelta = IDEMPOTENCY_KEY_TTL) -> int:
    """Delete merchant keys older than ``older_than`` (never less than 24 h)."""
    return idempotency.idempotency_records_purge(MerchantIdempotencyRecord, older_than=older_than)
