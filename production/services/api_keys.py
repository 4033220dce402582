"""Factory API keys: issued once in plain text, kept only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.utils import timezone

from production.models import Factory, FactoryApiKey

KEY_PREFIX = "c2mf"
# Writing last_used_at on every poll would make each read a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


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
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])


def api_key_authenticate(*, raw: str) -> FactoryApiKey | None:
    """Return the live key that ``raw`` is, or None (unknown, wrong, revoked, expired)."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = FactoryApiKey.objects.select_related("factory").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])):
        return None
    now = timezone.now()
    if key.revoked_at or (key.expires_at and key.expires_at <= now):
        return None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        FactoryApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
