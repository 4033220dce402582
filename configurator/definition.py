"""A product defined as data: ``ProductDefinition.from_dict`` / ``to_dict``.

Schema::

    {"sku": str, "name": label, "version": int >= 1, "currency": "CNY",
     "base_price": "59.00", "default_lead_days": int,
     "quantity": {"min": int, "max": int, "multiple_of": int},
     "groups": [{"code", "label"}],
     "options": [option dicts, see options.py],
     "rules": [rule dicts (rules.py) or ids of shared rules],
     "price_components": [component dicts, see components.py],
     "warranty_months"?: int >= 0,     # the maker's warranty from delivery (0: none)
     "return_days"?: int >= 0,         # days after delivery it may be returned (0: never)
     "return_personalised"?: bool}     # personalised pieces (text, artwork) too (policy)

A label is ``{"en": str, "zh-hans": str}``; decimals are strings such as ``"12.50"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from c2m.errors import ApplicationError

from ._reader import Reader
from .components import PriceComponent, check_component
from .messages import Label
from .money import CURRENCIES
from .options import Option
from .rules import Rule, check_rule


class DefinitionError(ApplicationError):
    """The product definition is inconsistent; ``problems`` lists every problem found."""

    code = "invalid_product_definition"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            f"Invalid product definition ({len(problems)} problems): " + "; ".join(problems[:5]),
            errors={"definition": list(problems)},
        )
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    label: Label


@dataclass(frozen=True, slots=True)
class QuantityRule:
    min: int = 1
    max: int = 10_000
    multiple_of: int = 1


@dataclass(frozen=True)
class ProductDefinition:
    """An immutable, checked product definition. Build it with :meth:`from_dict`."""

    sku: str
    name: Label
    version: int
    currency: str
    base_price: Decimal
    default_lead_days: int
    quantity: QuantityRule
    groups: tuple[Group, ...]
    options: tuple[Option, ...]
    rules: tuple[Rule, ...] = ()
    price_components: tuple[PriceComponent, ...] = ()
    warranty_months: int = 0
    return_days: int = 0
    return_personalised: bool = False
    # Derived lookups, kept out of equality and repr.
    option_index: Mapping[str, Option] = field(init=False, repr=False, compare=False)
    visibility_order: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "option_index", {o.code: o for o in self.options})
        object.__setattr__(self, "visibility_order", _visibility_order(self))

    def rules_of(self, kind: str) -> tuple[Rule, ...]:
        """Return this product's rules of ``kind`` in definition order."""
        return tuple(rule for rule in self.rules if rule.kind == kind)

    @classmethod
    def from_dict(
        cls, data: object, *, shared_rules: Mapping[str, Mapping[str, Any]] | None = None
    ) -> ProductDefinition:
        """Return the definition read from ``data``.

        Entries of ``rules`` that are strings are looked up by id in ``shared_rules``.
        Raises :class:`DefinitionError` listing every problem when the data is malformed
        or inconsistent (unknown kinds, rules naming missing options or values, min > max,
        step <= 0, duplicate codes, unknown currency, visibility cycles, ...).
        """
        r = Reader()
        d = r.mapping(data, "product")
        quantity = r.mapping(d.get("quantity", {}), "quantity")
        q = QuantityRule(
            min=r.integer(quantity, "min", "quantity", default=1, minimum=1),
            max=r.integer(quantity, "max", "quantity", default=10_000, minimum=1),
            multiple_of=r.integer(quantity, "multiple_of", "quantity", default=1, minimum=1),
        )
        if q.min > q.max:
            r.add("quantity", f"min {q.min} is greater than max {q.max}")
        currency = r.string(d, "currency", "product")
        if currency and currency not in CURRENCIES:
            r.add("product.currency", f"{currency!r} is not a supported ISO-4217 currency")
        groups = tuple(
            Group(r.code(g, "code", p), r.label(g, "label", p))
            for i, item in enumerate(r.items(d, "groups", "product"))
            for p in [f"groups[{i}]"]
            for g in [r.mapping(item, p)]
        )
        options = tuple(
            Option.from_dict(r.mapping(item, f"options[{i}]"), f"options[{i}]", r)
            for i, item in enumerate(r.items(d, "options", "product"))
        )
        rules = tuple(_read_rules(d, shared_rules or {}, r))
        components = tuple(
            PriceComponent.from_dict(
                r.mapping(c, f"price_components[{i}]"), f"price_components[{i}]", r
            )
            for i, c in enumerate(r.items(d, "price_components", "product"))
        )
        _check_consistency(groups, options, rules, components, r)
        base_price = r.decimal(d, "base_price", "product")
        if base_price < 0:
            r.add("product.base_price", "must not be negative")
        fields: dict[str, Any] = {
            "sku": r.code(d, "sku", "product"),
            "name": r.label(d, "name", "product"),
            "version": r.integer(d, "version", "product", minimum=1),
            "currency": currency,
            "base_price": base_price,
            "default_lead_days": r.integer(d, "default_lead_days", "product", minimum=0),
            "warranty_months": r.integer(d, "warranty_months", "product", default=0, minimum=0),
            "return_days": r.integer(d, "return_days", "product", default=0, minimum=0),
            "return_personalised": d.get("return_personalised") is True,
        }
        if not isinstance(d.get("return_personalised", False), bool):
            r.add("product.return_personalised", "must be true or false")
        if r.problems:
            raise DefinitionError(r.problems)
        definition = cls(
            **fields,
            quantity=q,
            groups=groups,
            options=options,
            rules=rules,
            price_components=components,
        )
        if len(definition.visibility_order) != len(options):
            raise DefinitionError(["rules: visible_when rules form a cycle"])
        return definition

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able dict (shared rules inlined) that reads back equal."""
        return {
            "sku": self.sku,
            "name": self.name.to_dict(),
            "version": self.version,
            "currency": self.currency,
            "base_price": str(self.base_price),
            "default_lead_days": self.default_lead_days,
            "quantity": {
                "min": self.quantity.min,
                "max": self.quantity.max,
                "multiple_of": self.quantity.multiple_of,
            },
            "groups": [{"code": g.code, "label": g.label.to_dict()} for g in self.groups],
            "options": [o.to_dict() for o in self.options],
            "rules": [rule.to_dict() for rule in self.rules],
            "price_components": [c.to_dict() for c in self.price_components],
        } | (
            ({"warranty_months": self.warranty_months} if self.warranty_months else {})
            | ({"return_days": self.return_days} if self.return_days else {})
            | ({"return_personalised": True} if self.return_personalised else {})
        )


def _read_rules(
    d: Mapping[str, Any], shared: Mapping[str, Mapping[str, Any]], r: Reader
) -> list[Rule]:
    rules = []
    for i, item in enumerate(r.items(d, "rules", "product")):
        path = f"rules[{i}]"
        if isinstance(item, str):
            if item not in shared:
                r.add(path, f"unknown shared rule {item!r}")
                continue
            path, item = f"{path}<{item}>", shared[item]
        rules.append(Rule.from_dict(r.mapping(item, path), path, r))
    return rules


def _check_consistency(
    groups: tuple[Group, ...],
    options: tuple[Option, ...],
    rules: tuple[Rule, ...],
    components: tuple[PriceComponent, ...],
    r: Reader,
) -> None:
    r.unique([g.code for g in groups], "groups")
    r.unique([o.code for o in options], "options")
    r.unique([rule.id for rule in rules], "rules")
    r.unique([c.code for c in components], "price_components")
    group_codes = {g.code for g in groups}
    for i, option in enumerate(options):
        if option.group and option.group not in group_codes:
            r.add(f"options[{i}].group", f"names missing group {option.group!r}")
    by_code = {o.code: o for o in options}
    for i, rule in enumerate(rules):
        check_rule(rule, by_code, f"rules[{i}]<{rule.id}>", r)
    for i, component in enumerate(components):
        check_component(component, by_code, f"price_components[{i}]<{component.code}>", r)
    if len([c for c in components if c.kind == "quantity_break"]) > 1:
        r.add("price_components", "at most one quantity_break component")


def _visibility_order(definition: ProductDefinition) -> tuple[str, ...]:
    """Return option codes so that each comes after the options its visibility depends on.

    Options caught in a dependency cycle are left out; ``from_dict`` refuses that.
    """
    depends: dict[str, set[str]] = {o.code: set() for o in definition.options}
    for rule in definition.rules:
        if rule.kind == "visible_when" and rule.option in depends and rule.when:
            depends[rule.option].add(rule.when.option)
    order: list[str] = []
    placed: set[str] = set()
    progress = True
    while progress:
        progress = False
        for code, needs in depends.items():
            if code not in placed and needs <= placed:
                order.append(code)
                placed.add(code)
                progress = True
    return tuple(order)
