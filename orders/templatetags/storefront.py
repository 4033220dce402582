"""Storefront template helpers: bilingual labels, money, invoice instructions and
preflight warnings."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template

from configurator.messages import Label
from configurator.money import CURRENCIES, format_money
from orders.language import current_language
from orders.models import Order
from orders.selectors.invoice import InvoiceInstructions, invoice_instructions
from orders.selectors.shop_pages import shop_page_links

register = template.Library()


@register.filter
def preflight_warnings(preflight: Any) -> list[Any]:
    """The artwork warnings of a stored preflight (per option code) that are not "ok"."""
    if not isinstance(preflight, Mapping):
        return []
    return [r.get("message", {}) for r in preflight.values() if r.get("level") != "ok"]


@register.filter
def localized(value: Any, field: str = "") -> str:
    """Return ``value`` in the current language.

    ``value`` is a :class:`Label`, a ``{"en", "zh-hans"}`` dict, or (with ``field``) a
    model whose ``<field>_zh`` holds the Chinese text. English is the fallback.
    """
    language = current_language()
    if field:
        english = getattr(value, field, "")
        chinese = getattr(value, f"{field}_zh", "") if language == "zh-hans" else ""
        return chinese or english or ""
    if isinstance(value, Label):
        return value.get(language)
    if isinstance(value, Mapping):
        return str(value.get(language) or value.get("en") or "")
    return "" if value is None else str(value)


@register.filter
def money(amount: Any, currency: str) -> str:
    """Return ``amount`` as shown to people in the current language, e.g. ``¥1,800.00``
    or ``−¥8.00`` (``CUR 12.5`` for a currency the shop does not price in)."""
    if amount in (None, ""):
        return ""
    if currency not in CURRENCIES:
        return f"{currency} {amount}"
    return format_money(Decimal(str(amount)), currency, current_language())


@register.simple_tag
def invoice_for(order: Order) -> InvoiceInstructions | None:
    """``{% invoice_for order as invoice %}``: how to pay ``order``'s invoice, or None."""
    return invoice_instructions(order=order)


@register.inclusion_tag("orders/partials/footer_links.html")
def footer_links() -> dict[str, Any]:
    """The footer's links to the shop's pages (terms, returns, privacy, contact)."""
    return {"links": shop_page_links()}


@register.filter
def sold_services(line: Any) -> list[dict[str, Any]]:
    """The paid services an order line was sold with, from its frozen price breakdown."""
    return [
        entry
        for entry in getattr(line, "price_breakdown", None) or []
        if isinstance(entry, dict) and entry.get("kind") == "service"
    ]


@register.filter
def warranty_of(line: Any) -> Any:
    """The line's registered warranty (prefetched), or None before delivery."""
    return getattr(line, "warranty", None)
