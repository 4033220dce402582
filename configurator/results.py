"""What the engine hands back: validation results, option states and price breakdowns."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .messages import Label


@dataclass(frozen=True, slots=True)
class ConfigurationError:
    """One refusal: ``option`` is the option code, or ``None`` for quantity / the whole input."""

    option: str | None
    code: str
    message: dict[str, str]
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"option", "code", "message": {"en", "zh-hans"}, "params"}``."""
        return {
            "option": self.option,
            "code": self.code,
            "message": dict(self.message),
            "params": dict(self.params),
        }


def canonical_json(data: Any) -> str:
    """Return ``data`` as canonical JSON (sorted keys, no spaces, UTF-8 text kept)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class NormalizedConfiguration:
    """A valid configuration: what an order line snapshots and production reads.

    ``values`` holds only visible, present options, as JSON-able values (decimals as
    strings). ``content_hash`` is the SHA-256 of the canonical JSON of :meth:`to_dict`
    without the hash, so equal configurations hash equally.
    """

    sku: str
    version: int
    quantity: int
    values: dict[str, Any]
    content_hash: str = field(init=False)

    def __hash__(self) -> int:
        return hash(self.content_hash)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(canonical_json(self._content()).encode()).hexdigest()
        object.__setattr__(self, "content_hash", digest)

    def _content(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "version": self.version,
            "quantity": self.quantity,
            "values": self.values,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able snapshot, including ``content_hash``."""
        return self._content() | {"content_hash": self.content_hash}

    def as_raw(self) -> dict[str, Any]:
        """Return the raw input shape (``{"quantity", "options"}``) that validates to ``self``."""
        return {"quantity": self.quantity, "options": json.loads(canonical_json(self.values))}


@dataclass(frozen=True, slots=True)
class Validation:
    """Either ``configuration`` (valid) or a non-empty ``errors`` list, never both."""

    configuration: NormalizedConfiguration | None = None
    errors: tuple[ConfigurationError, ...] = ()

    @property
    def is_valid(self) -> bool:
        return self.configuration is not None

    def errors_by_option(self) -> dict[str | None, list[ConfigurationError]]:
        """Return the errors grouped by option code (``None`` for quantity / whole input)."""
        grouped: dict[str | None, list[ConfigurationError]] = {}
        for error in self.errors:
            grouped.setdefault(error.option, []).append(error)
        return grouped


@dataclass(frozen=True, slots=True)
class DisabledReason:
    """Why a value cannot be chosen now: the rule, its kind and a bilingual message."""

    rule: str
    kind: str
    message: dict[str, str]


@dataclass(frozen=True, slots=True)
class OptionState:
    """What the UI may offer for one option given the current partial configuration.

    ``allowed`` lists the value codes still allowed (choice kinds only), ``disabled`` maps
    each other value to the reasons; ``min``/``max`` are effective numeric bounds and
    ``bounded_by`` the rules that tightened them; ``hidden_by`` the unmet visibility rules.
    """

    code: str
    kind: str
    visible: bool
    required: bool
    value: Any = None
    hidden_by: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    disabled: dict[str, tuple[DisabledReason, ...]] = field(default_factory=dict)
    min: Decimal | None = None
    max: Decimal | None = None
    bounded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PriceLine:
    """One line of a price: ``per_unit`` lines make the unit price, others are per order line."""

    code: str
    label: Label
    amount: Decimal
    reason: dict[str, str]
    per_unit: bool = True


@dataclass(frozen=True, slots=True)
class PriceBreakdown:
    """The price of one configured order line; all amounts rounded to the currency's minor unit."""

    currency: str
    lines: tuple[PriceLine, ...]
    unit_price: Decimal
    quantity: int
    subtotal: Decimal
    one_off: Decimal
    total: Decimal
