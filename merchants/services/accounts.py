"""Business accounts, their members, API keys and price lists: what operators set up."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from c2m.errors import ApplicationError, NotFound
from merchants.models import BusinessAccount, BusinessMember, ContractPrice, MerchantApiKey

LIVE_PREFIX = "c2mm_live_"
SANDBOX_PREFIX = "c2mm_test_"


@dataclass(frozen=True)
class MerchantKey:
    """An authenticated merchant request's key: whose account, and whether sandbox."""

    key_id: int
    account_id: int
    sandbox: bool


def business_account_create(
    *,
    name: str,
    contact_email: str,
    payment_terms: str = "card",
    discount_percent: Decimal = Decimal("0"),
    credit_limit: Decimal = Decimal("0"),
    net_days: int = 30,
) -> BusinessAccount:
    """A new, active account (operators create them)."""
    with transaction.atomic():
        return BusinessAccount.objects.create(
            public_id="biz_" + secrets.token_hex(8),
            name=name,
            contact_email=contact_email,
            payment_terms=payment_terms,
            discount_percent=discount_percent,
            credit_limit=credit_limit,
            net_days=net_days,
            artwork_token="biz-" + secrets.token_urlsafe(32),
        )


def business_member_add(*, account: BusinessAccount, user, role: str = "member") -> BusinessMember:
    member, _ = BusinessMember.objects.update_or_create(
        account=account, user=user, defaults={"role": role}
    )
    return member


def contract_price_set(
    *, account: BusinessAccount, product, unit_price: Decimal | None
) -> ContractPrice | None:
    """Set (or with None remove) the account's unit price for ``product``."""
    if unit_price is None:
        ContractPrice.objects.filter(account=account, product=product).delete()
        return None
    if unit_price <= 0:
        raise ApplicationError("A contract price must be positive.", code="invalid_price")
    price, _ = ContractPrice.objects.update_or_create(
        account=account, product=product, defaults={"unit_price": unit_price}
    )
    return price


def merchant_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def merchant_key_create(
    *, account: BusinessAccount, name: str, sandbox: bool = False
) -> tuple[MerchantApiKey, str]:
    """Return the key row and the key, which is never stored and cannot be shown again."""
    key = (SANDBOX_PREFIX if sandbox else LIVE_PREFIX) + secrets.token_urlsafe(32)
    row = MerchantApiKey.objects.create(
        account=account,
        name=name[:60],
        sandbox=sandbox,
        prefix=key[:16],
        key_hash=merchant_key_hash(key),
    )
    return row, key


def merchant_key_revoke(*, account: BusinessAccount, key_id: int) -> None:
    """Raises ``NotFound`` for another account's key or one already revoked."""
    updated = MerchantApiKey.objects.filter(
        pk=key_id, account=account, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise NotFound("No such key.")


def merchant_key_authenticate(*, raw: str) -> MerchantKey | None:
    """The live key behind ``raw`` of an active account, or None."""
    if not raw.startswith((LIVE_PREFIX, SANDBOX_PREFIX)) or len(raw) > 200:
        return None
    row = (
        MerchantApiKey.objects.filter(
            key_hash=merchant_key_hash(raw), revoked_at__isnull=True, account__is_active=True
        )
        .values("pk", "account_id", "sandbox")
        .first()
    )
    if row is None:
        return None
    MerchantApiKey.objects.filter(pk=row["pk"]).update(last_used_at=timezone.now())
    return MerchantKey(row["pk"], row["account_id"], row["sandbox"])
