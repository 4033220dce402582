"""Storefront template helpers: bilingual labels, money, and optional partials."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

from orders.configurator.messages import Label
from orders.configurator.money import CURRENCIES, format_money

register = template.Library()


def current_language() -> str:
    """Return the configurator's language code for the active language: "zh-hans" or "en"."""
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


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
    """Return ``amount`` as shown to people, e.g. ``¥180.00`` (the plain amount if unknown)."""
    if amount in (None, ""):
        return ""
    if currency not in CURRENCIES:
        return f"{currency} {amount}"
    return format_money(Decimal(str(amount)), currency)


@register.simple_tag(takes_context=True)
def include_if_exists(context: template.Context, name: str, **extra: Any) -> str:
    """Render template ``name`` with the current context (plus ``extra``) if it exists.

    Lets a page include a partial another part of the project provides (the artwork
    upload, the live preview) before that part is merged; renders nothing until then.
    """
    try:
        partial = get_template(name)
    except template.TemplateDoesNotExist:
        return ""
    flat = context.flatten() | extra
    return partial.render(flat, context.get("request"))


ARTWORK_PARTIAL = "orders/partials/artwork_upload.html"


@register.simple_tag(takes_context=True)
def artwork_upload_slot(
    context: template.Context, product: Any, option_code: str, option_label: str = ""
) -> str:
    """Render the artwork upload control of ``option_code``; "" while none is available.

    Uses the artwork feature's own ``artwork_upload`` tag function (which shows the
    visitor's chosen artwork and its preflight) when it exists, else its partial alone.
    """
    try:
        partial = get_template(ARTWORK_PARTIAL)
    except template.TemplateDoesNotExist:
        return ""
    try:
        tags = importlib.import_module("orders.templatetags.artwork")
    except ImportError:
        tags = None
    if tags is not None and hasattr(tags, "artwork_upload"):
        data = tags.artwork_upload(context, product, option_code, option_label, "configurator")
    else:
        request = context.get("request")
        data = context.flatten() | {
            "sku": product.sku,
            "option_code": option_code,
            "option_label": option_label,
            "form_id": "configurator",
            "next": request.get_full_path() if request else "",
        }
    return partial.render(data, context.get("request"))


@register.simple_tag
def template_exists(name: str) -> bool:
    """Return whether template ``name`` can be loaded."""
    try:
        get_template(name)
    except template.TemplateDoesNotExist:
        return False
    return True
