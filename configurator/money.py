"""Currencies the catalog may price in, their minor units and explicit rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# ISO-4217 code -> (minor-unit digits, symbol)
CURRENCIES: dict[str, tuple[int, str]] = {
    "CNY": (2, "¥"),
    "HKD": (2, "HK$"),
    "USD": (2, "$"),
    "EUR": (2, "€"),
    "GBP": (2, "£"),
    "JPY": (0, "JP¥"),
    "KRW": (0, "₩"),
}


def quantize_money(amount: Decimal, currency: str) -> Decimal:
    """Return ``amount`` rounded half-up to the minor unit of ``currency``.

    Raises ``KeyError`` for a currency not in :data:`CURRENCIES` (definitions refuse those).
    """
    digits = CURRENCIES[currency][0]
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """Return ``amount`` as shown to people, e.g. ``¥180.00``."""
    return f"{CURRENCIES[currency][1]}{quantize_money(amount, currency)}"
