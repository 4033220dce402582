"""Currencies the catalog may price in, their minor units, explicit rounding, and how an
amount is written for people in each language (Babel's CLDR data)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, get_currency_symbol

# ISO-4217 code -> (minor-unit digits, symbol the shop shows in every language)
CURRENCIES: dict[str, tuple[int, str]] = {
    "CNY": (2, "¥"),
    "HKD": (2, "HK$"),
    "USD": (2, "$"),
    "EUR": (2, "€"),
    "GBP": (2, "£"),
    "JPY": (0, "JP¥"),
    "KRW": (0, "₩"),
}
# A true minus sign (U+2212) before the symbol: "−¥8.00", never "¥-8.00".
MINUS = "\u2212"


def quantize_money(amount: Decimal, currency: str) -> Decimal:
    """Return ``amount`` rounded half-up to the minor unit of ``currency``.

    Raises ``KeyError`` for a currency not in :data:`CURRENCIES` (definitions refuse those).
    """
    digits = CURRENCIES[currency][0]
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str, language: str = "en") -> str:
    """Return ``amount`` as shown to people in ``language`` (a Django language code such
    as "en" or "zh-hans"): rounded to the minor unit, grouped by the language's rules, the
    shop's symbol, a minus sign before the symbol: ``¥1,800.00``, ``−¥8.00``.

    Raises ``KeyError`` for a currency not in :data:`CURRENCIES`.
    """
    value = quantize_money(amount, currency)
    locale = _locale(language)
    text = format_currency(abs(value), currency, locale=locale, currency_digits=True)
    text = text.replace(get_currency_symbol(currency, locale), CURRENCIES[currency][1], 1)
    return f"{MINUS}{text}" if value < 0 else text


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")
