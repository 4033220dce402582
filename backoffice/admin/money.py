"""Money as staff read it in the admin: the amount in the page's language with its currency."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language

from configurator.money import CURRENCIES, format_money


def money_text(amount: Decimal | None, currency: str) -> str:
    """``¥1,800.00`` (grouped as the page's language groups it), ``CUR 12.50`` for a
    currency the shop does not price in, "—" for no amount."""
    if amount is None:
        return "—"
    if currency not in CURRENCIES:
        return f"{currency} {amount}"
    return format_money(Decimal(amount), currency, get_language() or "en")
