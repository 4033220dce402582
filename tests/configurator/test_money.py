"""Amounts written for people: grouped, rounded, a true minus sign, in English and Chinese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from configurator.money import format_money


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("-8", "CNY", "\u2212¥8.00"),
        ("1800", "CNY", "¥1,800.00"),
        ("1234567.891", "CNY", "¥1,234,567.89"),
        ("-1234567.5", "CNY", "\u2212¥1,234,567.50"),
        ("-0.004", "CNY", "¥0.00"),
        ("1234567", "JPY", "JP¥1,234,567"),
        ("-2500.5", "USD", "\u2212$2,500.50"),
    ],
)
def test_amounts_are_grouped_with_the_minus_before_the_symbol(language, amount, currency, shown):
    assert format_money(Decimal(amount), currency, language) == shown


def test_an_unknown_language_is_written_as_in_english():
    assert format_money(Decimal("-1800"), "CNY", "xx") == "\u2212¥1,800.00"


def test_an_unknown_currency_is_refused():
    with pytest.raises(KeyError):
        format_money(Decimal("1"), "XXX", "en")
