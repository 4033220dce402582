"""Price components as data.

Schema (every component has a unique ``code``, a ``kind`` and a ``label``)::

    {"kind": "per_unit", "factors": [number options], "conversion": dec, "rate": dec,
     "unit": "m²", "when"?: cond}          # product(factors) * conversion * rate, per unit
    {"kind": "per_character", "option": text option, "rate": dec, "free_characters"?: int}
    {"kind": "surcharge", "amount": dec, "when"?: cond}   # per unit
    {"kind": "setup_fee", "amount": dec, "when"?: cond}   # once per order line
    {"kind": "quantity_break", "tiers": [{"min_quantity": int,
                                          "percent_off": dec | "base_price": dec}]}
    {"kind": "service", "service": code, "amount": dec, "per_unit"?: bool (default true),
     "when": cond,                        # the shopper's choice that orders it (required)
     "fulfilment": "plant" | "platform",
     "capability"?: str, "work_centre"?: str, "minutes"?: dec,  # plant: an operation per piece
     "warranty_months"?: int,             # an extended warranty adds these months
     "express"?: bool}                    # priority production (a plant service, no operation)

A service is something sold with the goods rather than made into them (gift wrapping,
assembly, design help, a care plan): its ``service`` code names it across products, a plant
performs it as one more operation on the work order (``capability`` at ``work_centre``,
``minutes`` per piece), the platform as an operator's task. An ``express`` service is
priority production: the plant makes the line in its express lane (sooner) rather than as one
more operation, so it names no capability, work centre or minutes.

Per-choice deltas live on the values themselves (``price_delta``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._reader import Reader
from .messages import Label
from .rules import Condition

COMPONENT_KINDS = (
    "per_unit",
    "per_character",
    "surcharge",
    "setup_fee",
    "quantity_break",
    "service",
)
FULFILMENTS = ("plant", "platform")


@dataclass(frozen=True, slots=True)
class Tier:
    """From ``min_quantity`` on, take ``percent_off`` the unit price or use ``base_price``."""

    min_quantity: int
    percent_off: Decimal | None = None
    base_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PriceComponent:
    """One priced component; which fields matter depends on ``kind``."""

    code: str
    kind: str
    label: Label
    when: Condition | None = None
    factors: tuple[str, ...] = ()
    conversion: Decimal = Decimal(1)
    rate: Decimal = Decimal(0)
    unit: str = ""
    option: str | None = None
    free_characters: int = 0
    amount: Decimal = Decimal(0)
    tiers: tuple[Tier, ...] = ()
    service: str = ""
    per_unit: bool = True
    fulfilment: str = ""
    capability: str = ""
    work_centre: str = ""
    minutes: Decimal = Decimal(0)
    warranty_months: int = 0
    express: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str, r: Reader) -> PriceComponent:
        """Return the component read from ``data``; problems are recorded on ``r``."""
        kind = data.get("kind")
        if kind not in COMPONENT_KINDS:
            r.add(f"{path}.kind", f"must be one of {', '.join(COMPONENT_KINDS)}")
        fields: dict[str, Any] = {
            "code": r.code(data, "code", path),
            "kind": kind if kind in COMPONENT_KINDS else "invalid",
            "label": r.label(data, "label", path),
        }
        if data.get("when") is not None:
            fields["when"] = Condition.from_dict(data["when"], f"{path}.when", r)
        if kind == "per_unit":
            factors = r.items(data, "factors", path)
            if not factors or not all(isinstance(f, str) for f in factors):
                r.add(f"{path}.factors", "must be a non-empty list of number option codes")
            fields["factors"] = tuple(str(f) for f in factors)
            fields["conversion"] = r.decimal(data, "conversion", path, default="1")
            fields["rate"] = r.decimal(data, "rate", path)
            fields["unit"] = r.string(data, "unit", path)
        elif kind == "per_character":
            fields["option"] = r.code(data, "option", path)
            fields["rate"] = r.decimal(data, "rate", path)
            fields["free_characters"] = r.integer(
                data, "free_characters", path, default=0, minimum=0
            )
        elif kind in ("setup_fee", "surcharge"):
            fields["amount"] = r.decimal(data, "amount", path)
        elif kind == "quantity_break":
            fields["tiers"] = _read_tiers(data, path, r)
        elif kind == "service":
            fields |= _read_service(data, path, r)
        return cls(**fields)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able dict that :meth:`from_dict` reads back to an equal component."""
        out: dict[str, Any] = {"code": self.code, "kind": self.kind, "label": self.label.to_dict()}
        if self.when is not None:
            out["when"] = self.when.to_dict()
        if self.kind == "per_unit":
            out |= {"factors": list(self.factors), "conversion": str(self.conversion)}
            out |= {"rate": str(self.rate), "unit": self.unit}
        elif self.kind == "per_character":
            out |= {"option": self.option, "rate": str(self.rate)}
            out["free_characters"] = self.free_characters
        elif self.kind in ("setup_fee", "surcharge"):
            out["amount"] = str(self.amount)
        elif self.kind == "quantity_break":
            out["tiers"] = [
                {"min_quantity": t.min_quantity}
                | ({"percent_off": str(t.percent_off)} if t.percent_off is not None else {})
                | ({"base_price": str(t.base_price)} if t.base_price is not None else {})
                for t in self.tiers
            ]
        elif self.kind == "service":
            out |= {"service": self.service, "amount": str(self.amount)}
            out |= {"per_unit": self.per_unit, "fulfilment": self.fulfilment}
            if self.express:
                out["express"] = True
            elif self.fulfilment == "plant":
                out |= {"capability": self.capability, "work_centre": self.work_centre}
                out["minutes"] = str(self.minutes)
            if self.warranty_months:
                out["warranty_months"] = self.warranty_months
        return out


def _read_service(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "service": r.code(data, "service", path),
        "amount": r.decimal(data, "amount", path),
        "per_unit": r.boolean(data, "per_unit", path, default=True),
        "warranty_months": r.integer(data, "warranty_months", path, default=0, minimum=0),
    }
    if fields["amount"] < 0:
        r.add(f"{path}.amount", "a service is not a discount: must not be negative")
    if data.get("when") is None:
        r.add(f"{path}.when", "a service needs the choice that orders it")
    fulfilment = data.get("fulfilment")
    if fulfilment not in FULFILMENTS:
        r.add(f"{path}.fulfilment", f"must be one of {', '.join(FULFILMENTS)}")
    fields["fulfilment"] = fulfilment if fulfilment in FULFILMENTS else ""
    fields["express"] = r.boolean(data, "express", path, default=False)
    if fields["express"]:
        if fulfilment != "plant":
            r.add(f"{path}.fulfilment", "express production is made by a plant")
        if any(key in data for key in ("capability", "work_centre", "minutes")):
            r.add(path, "express production is a lane, not an operation: no capability")
    elif fulfilment == "plant":
        fields["capability"] = r.code(data, "capability", path)
        fields["work_centre"] = r.code(data, "work_centre", path)
        fields["minutes"] = r.decimal(data, "minutes", path, default="0")
        if fields["minutes"] < 0:
            r.add(f"{path}.minutes", "must not be negative")
    elif any(key in data for key in ("capability", "work_centre", "minutes")):
        r.add(path, "only a plant service has a capability, work centre and minutes")
    return fields


def _read_tiers(data: Mapping[str, Any], path: str, r: Reader) -> tuple[Tier, ...]:
    tiers = []
    for i, item in enumerate(r.items(data, "tiers", path)):
        p = f"{path}.tiers[{i}]"
        t = r.mapping(item, p)
        percent, base = (
            r.optional_decimal(t, "percent_off", p),
            r.optional_decimal(t, "base_price", p),
        )
        if (percent is None) == (base is None):
            r.add(p, "needs exactly one of percent_off or base_price")
        if percent is not None and not 0 <= percent <= 100:
            r.add(f"{p}.percent_off", "must be between 0 and 100")
        if base is not None and base < 0:
            r.add(f"{p}.base_price", "must not be negative")
        tiers.append(Tier(r.integer(t, "min_quantity", p, minimum=1), percent, base))
    if not tiers:
        r.add(f"{path}.tiers", "a quantity break needs at least one tier")
    quantities = [t.min_quantity for t in tiers]
    if quantities != sorted(set(quantities)):
        r.add(f"{path}.tiers", "min_quantity must be strictly increasing")
    return tuple(tiers)


def check_component(
    component: PriceComponent, options: Mapping[str, Any], path: str, r: Reader
) -> None:
    """Record problems where ``component`` names options the product does not have."""
    if component.when is not None:
        option = options.get(component.when.option)
        if option is None:
            r.add(f"{path}.when", f"names missing option {component.when.option!r}")
        else:
            for value in set(component.when.values) - {v.code for v in option.values}:
                r.add(f"{path}.when", f"option {option.code!r} has no value {value!r}")
    for factor in component.factors:
        option = options.get(factor)
        if option is None or option.kind != "number":
            r.add(f"{path}.factors", f"{factor!r} is not a number option of this product")
    if component.kind == "per_character":
        option = options.get(component.option) if component.option else None
        if option is None or option.kind != "text":
            r.add(f"{path}.option", f"{component.option!r} is not a text option of this product")
