"""Per-customer keys to the consumer API."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from c2m.errors import NotFound
from orders.models import CustomerApiToken

PREFIX = "c2mc_"


def customer_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def customer_token_create(*, customer, name: str) -> tuple[CustomerApiToken, str]:
    """Return the token row and the key, which is never stored and cannot be shown again."""
    key = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = CustomerApiToken.objects.create(
            customer=customer, name=name[:60], prefix=key[:12], key_hash=customer_token_hash(key)
        )
    return token, key


def customer_token_revoke(*, customer, token_id: int) -> None:
    """Raises ``NotFound`` for another customer's token."""
    updated = CustomerApiToken.objects.filter(
        pk=token_id, customer=customer, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise NotFound("No such token.")
