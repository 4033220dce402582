"""Pricing a normalized configuration: deterministic Decimal arithmetic, no eval()."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from c2m.errors import ApplicationError

from .components import PriceComponent, Tier
from .definition import ProductDefinition
from .messages import Label, in_every_language
from .money import format_money, quantize_money
from .results import NormalizedConfiguration, PriceBreakdown, PriceLine

_CHOICE_KINDS = ("choice", "multi_choice", "colour")
OPTION_AND_VALUE = pgettext_lazy("a price line: an option and its value", "%(option)s: %(value)s")
PER_CHARACTER = ngettext_lazy(
    "%(count)s character × %(rate)s", "%(count)s characters × %(rate)s", "count"
)
PRICE_FROM = ngettext_lazy("Price from %(count)s piece", "Price from %(count)s pieces", "count")
PERCENT_OFF = ngettext_lazy(
    "%(percent)s%% off from %(count)s piece", "%(percent)s%% off from %(count)s pieces", "count"
)


class ConfigurationOutdated(ApplicationError):
    """The configuration was validated against another product or definition version."""

    status = 409
    code = "configuration_outdated"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _tier(definition: ProductDefinition, quantity: int) -> tuple[PriceComponent, Tier] | None:
    for component in definition.price_components:
        if component.kind == "quantity_break":
            reached = [t for t in component.tiers if t.min_quantity <= quantity]
            return (component, reached[-1]) if reached else None
    return None


def _choice_lines(definition: ProductDefinition, values: dict[str, Any]) -> list[PriceLine]:
    lines = []
    for option in definition.options:
        if option.kind not in _CHOICE_KINDS or option.code not in values:
            continue
        current = values[option.code]
        for code in current if isinstance(current, list) else [current]:
            value = option.value(code)
            if value is None or not value.price_delta:
                continue
            text = in_every_language(
                OPTION_AND_VALUE, {"option": option.label, "value": value.label}
            )
            label = Label(text["en"], text["zh-hans"])
            reason = in_every_language(_("Option surcharge"))
            amount = quantize_money(value.price_delta, definition.currency)
            lines.append(PriceLine(f"{option.code}.{code}", label, amount, reason))
    return lines


def _component_line(
    definition: ProductDefinition, component: PriceComponent, values: dict[str, Any]
) -> PriceLine | None:
    currency = definition.currency
    if component.kind == "per_unit":
        if not all(f in values for f in component.factors):
            return None
        measure = component.conversion
        for factor in component.factors:
            measure *= Decimal(values[factor])
        rate, unit = format_money(component.rate, currency), component.unit
        worked = f"{_plain(measure)} {unit} × {rate}/{unit}"
        amount = quantize_money(measure * component.rate, currency)
        return PriceLine(component.code, component.label, amount, {"en": worked, "zh-hans": worked})
    if component.kind == "per_character":
        text = values.get(component.option) if component.option else None
        count = sum(not ch.isspace() for ch in text["text"]) if text else 0
        charged = count - component.free_characters
        if charged <= 0:
            return None
        rate = format_money(component.rate, currency)
        reason = in_every_language(PER_CHARACTER, {"count": charged, "rate": rate})
        amount = quantize_money(charged * component.rate, currency)
        return PriceLine(component.code, component.label, amount, reason)
    if component.kind == "surcharge":
        reason = in_every_language(_("Per piece"))
        amount = quantize_money(component.amount, currency)
        return PriceLine(component.code, component.label, amount, reason)
    if component.kind == "service":
        each = _("Service, per piece") if component.per_unit else _("Service, once per order line")
        amount = quantize_money(component.amount, currency)
        return PriceLine(
            component.code,
            component.label,
            amount,
            in_every_language(each),
            per_unit=component.per_unit,
        )
    if component.kind == "setup_fee":
        reason = in_every_language(_("Once per order line"))
        amount = quantize_money(component.amount, currency)
        return PriceLine(component.code, component.label, amount, reason, per_unit=False)
    return None


def price(definition: ProductDefinition, configuration: NormalizedConfiguration) -> PriceBreakdown:
    """Return the price breakdown of a configuration ``validate`` accepted for ``definition``.

    Per-unit lines (base price, choice deltas, per-unit and per-character components,
    quantity-break discount) sum to the unit price; set-up fees are added once per line.
    Every line is rounded half-up to the currency's minor unit before summing.
    Raises :class:`ConfigurationOutdated` if the configuration belongs to another
    product or definition version (re-validate it first).
    """
    if (configuration.sku, configuration.version) != (definition.sku, definition.version):
        raise ConfigurationOutdated(
            f"Configuration for {configuration.sku} v{configuration.version} does not match "
            f"{definition.sku} v{definition.version}; validate it again."
        )
    currency, values, quantity = definition.currency, configuration.values, configuration.quantity
    tier = _tier(definition, quantity)
    base, base_reason = definition.base_price, in_every_language(_("Base price"))
    if tier and tier[1].base_price is not None:
        base = tier[1].base_price
        n = tier[1].min_quantity
        base_reason = in_every_language(PRICE_FROM, {"count": n})
    lines = [PriceLine("base", definition.name, quantize_money(base, currency), base_reason)]
    lines += _choice_lines(definition, values)
    for component in definition.price_components:
        if component.when is None or component.when.holds(values):
            line = _component_line(definition, component, values)
            if line is not None:
                lines.append(line)
    percent_off = tier[1].percent_off if tier else None
    if tier and percent_off:
        component, t = tier
        # A volume discount is on the goods: services keep their price.
        services = {c.code for c in definition.price_components if c.kind == "service"}
        before = sum(
            (line.amount for line in lines if line.per_unit and line.code not in services),
            Decimal(0),
        )
        discount = -quantize_money(before * percent_off / 100, currency)
        percent = _plain(percent_off)
        reason = in_every_language(PERCENT_OFF, {"percent": percent, "count": t.min_quantity})
        lines.append(PriceLine(component.code, component.label, discount, reason))
    unit_price = sum((line.amount for line in lines if line.per_unit), Decimal(0))
    one_off = sum((line.amount for line in lines if not line.per_unit), Decimal(0))
    subtotal = quantize_money(unit_price * quantity, currency)
    return PriceBreakdown(
        currency=currency,
        lines=tuple(lines),
        unit_price=quantize_money(unit_price, currency),
        quantity=quantity,
        subtotal=subtotal,
        one_off=quantize_money(one_off, currency),
        total=quantize_money(subtotal + one_off, currency),
    )


def lead_time_days(definition: ProductDefinition, configuration: NormalizedConfiguration) -> int:
    """Return the product's default lead days plus the ``extra_lead_days`` of chosen values.

    Recipes and factory capacity refine this later, outside the configurator.
    """
    days = definition.default_lead_days
    for code, current in configuration.values.items():
        option = definition.option_index.get(code)
        if option is None or option.kind not in _CHOICE_KINDS:
            continue
        for value_code in current if isinstance(current, list) else [current]:
            value = option.value(value_code)
            days += value.extra_lead_days if value else 0
    return days
