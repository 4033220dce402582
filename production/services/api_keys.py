"""Factory API keys: issued once in plain text, kept only as a SHA-256 hash.

A key's row is remembered in the web process for ``VERIFIED_KEY_SECONDS`` (by its prefix),
so that a poll spends no query on its key; the secret is checked against the remembered
hash on every request, and so is expiry. The price: a revoked key keeps working for up to
that long in the other web processes (the process that revoked it forgets it at once).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from cachetools import TTLCache, cached
from django.db.models import Q
from django.utils import timezone

from production.models import Factory, FactoryApiKey

KEY_PREFIX = "c2mf"
PREFIX_SHAPE = re.compile(r"[0-9a-f]{1,16}")
# Writing last_used_at on every poll would make each read a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)
VERIFIED_KEY_SECONDS = 5.0
REMEMBERED_KEYS = 1000


@dataclass(frozen=True, slots=True)
class LiveKey:
    """A key that checked out: what a request needs of it (no secret, no model)."""

    id: int
    prefix: str
    name: str
    factory_id: int


def api_key_create(
    *, factory: Factory, name: str, expires_at: datetime | None = None
) -> tuple[FactoryApiKey, str]:
    """Issue a key; return it and its plain text, which is never shown again."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    key = FactoryApiKey.objects.create(
        factory=factory, name=name, prefix=prefix, key_hash=_hash(secret), expires_at=expires_at
    )
    return key, f"{KEY_PREFIX}_{prefix}_{secret}"


def api_key_revoke(*, key: FactoryApiKey) -> None:
    """Revoke the key: refused at once by this process, within seconds by the others."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    with _KEY_ROWS_LOCK:
        _key_row.cache.pop(_key_row.cache_key(key.prefix), None)


def api_key_authenticate(*, raw: str) -> LiveKey | None:
    """Return the live key that ``raw`` is, or None (unknown, wrong, revoked, expired)."""
    parts = raw.split("_", 2)
    # Issued prefixes are hex: anything else (a NUL byte among them) is no key of ours
    # and never reaches the database.
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not PREFIX_SHAPE.fullmatch(parts[1]):
        return None
    row = _key_row(parts[1])
    if row is None or not hmac.compare_digest(row.key_hash, _hash(parts[2])):
        return None
    now = timezone.now()
    if row.revoked_at or (row.expires_at and row.expires_at <= now):
        return None
    _note_use(row.id, now)
    return LiveKey(id=row.id, prefix=parts[1], name=row.name, factory_id=row.factory_id)


_KEY_ROWS_LOCK = threading.Lock()


# The clocks are looked up on each call, so that tests can move them.
@cached(
    TTLCache(maxsize=REMEMBERED_KEYS, ttl=VERIFIED_KEY_SECONDS, timer=lambda: time.monotonic()),
    lock=_KEY_ROWS_LOCK,
)
def _key_row(prefix: str):
    """The key's row as plain values (a named tuple), or None; remembered a few seconds."""
    rows = FactoryApiKey.objects.filter(prefix=prefix).values_list(
        "id", "name", "factory_id", "key_hash", "expires_at", "revoked_at", named=True
    )[:1]
    return rows[0] if rows else None


_noted: TTLCache = TTLCache(
    maxsize=REMEMBERED_KEYS,
    ttl=LAST_USED_RESOLUTION.total_seconds(),
    timer=lambda: time.monotonic(),
)
_noted_lock = threading.Lock()


def _note_use(key_id: int, now: datetime) -> None:
    """Set the key's ``last_used_at``, at most once a minute per process."""
    with _noted_lock:
        if key_id in _noted:
            return
        _noted[key_id] = True
    FactoryApiKey.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION), pk=key_id
    ).update(last_used_at=now)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
