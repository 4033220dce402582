"""Factory API keys: issued once in plain text, kept only as a SHA-256 hash.

A key that checked out is remembered in the web process for ``VERIFIED_KEY_SECONDS``, so
that a poll spends no query on its key. The price: a revoked key keeps working for up to
that long in the other web processes (the process that revoked it forgets it at once).
Expiry is checked on every request.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import secrets
import time
from datetime import datetime, timedelta
from typing import NamedTuple

from django.utils import timezone

from production.models import Factory, FactoryApiKey

KEY_PREFIX = "c2mf"
PREFIX_SHAPE = re.compile(r"[0-9a-f]{1,16}")
# Writing last_used_at on every poll would make each read a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)
VERIFIED_KEY_SECONDS = 5.0
# Above this many remembered keys, the outdated ones are dropped.
VERIFIED_KEY_LIMIT = 1000


class _Verified(NamedTuple):
    """A key's row and its factory's row, trusted until ``until`` (``time.monotonic``)."""

    until: float
    db: str
    key_id: int
    key: tuple
    factory: tuple


# SHA-256 of the plain key → its last verification. Plain dict operations are atomic, so the
# threads of one process share it safely; each request gets its own model instances.
_verified: dict[bytes, _Verified] = {}


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
    for digest, verified in list(_verified.items()):
        if verified.key_id == key.pk:
            _verified.pop(digest, None)


def api_key_authenticate(*, raw: str) -> FactoryApiKey | None:
    """Return the live key that ``raw`` is, or None (unknown, wrong, revoked, expired).

    The key comes with its ``factory``; both are fresh instances the caller may keep.
    """
    digest = hashlib.sha256(raw.encode()).digest()
    verified = _verified.get(digest)
    if verified is not None and verified.until > time.monotonic():
        key = _instances(verified)
    else:
        key = _look_up(raw)
        if key is None:
            _verified.pop(digest, None)
            return None
        verified = _remember(digest, key)
    now = timezone.now()
    if key.revoked_at or (key.expires_at and key.expires_at <= now):
        return None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        FactoryApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
        # Same deadline: noting the use is no reason to trust the key any longer. And a key
        # forgotten meanwhile (revoked) stays forgotten.
        if _verified.get(digest) is verified:
            _verified[digest] = verified._replace(key=_values(key))
    return key


def _look_up(raw: str) -> FactoryApiKey | None:
    parts = raw.split("_", 2)
    # Issued prefixes are hex: anything else (a NUL byte among them) is no key of ours
    # and never reaches the database.
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not PREFIX_SHAPE.fullmatch(parts[1]):
        return None
    key = FactoryApiKey.objects.select_related("factory").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])):
        return None
    return key


def _remember(digest: bytes, key: FactoryApiKey) -> _Verified:
    now = time.monotonic()
    if len(_verified) >= VERIFIED_KEY_LIMIT:
        for old, verified in list(_verified.items()):
            if verified.until <= now:
                _verified.pop(old, None)
    verified = _Verified(
        now + VERIFIED_KEY_SECONDS, key._state.db, key.pk, _values(key), _values(key.factory)
    )
    _verified[digest] = verified
    return verified


def _values(instance: FactoryApiKey | Factory) -> tuple:
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields)


def _instances(verified: _Verified) -> FactoryApiKey:
    # JSON fields hold mutable dicts and lists: each request gets its own copy.
    factory_values = [
        copy.deepcopy(v) if isinstance(v, dict | list) else v for v in verified.factory
    ]
    factory = Factory.from_db(verified.db, None, factory_values)
    key = FactoryApiKey.from_db(verified.db, None, verified.key)
    key.factory = factory
    return key


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
