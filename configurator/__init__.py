"""The product configurator: products as data, validation, allowed values, pricing.

Pure Python: no models, no HTTP. The public API:

- ``ProductDefinition.from_dict(data, *, shared_rules=None)`` -> ``ProductDefinition``
  (raises ``DefinitionError`` listing every problem); ``definition.to_dict()`` round-trips.
- ``validate(definition, raw)`` -> ``Validation`` with ``.configuration``
  (``NormalizedConfiguration``) or ``.errors`` (``ConfigurationError``s); never raises.
- ``allowed_values(definition, partial_raw)`` -> ``dict[option code, OptionState]``.
- ``price(definition, configuration)`` -> ``PriceBreakdown`` (raises
  ``ConfigurationOutdated`` for another product or version).
- ``lead_time_days(definition, configuration)`` -> ``int``.
- ``chosen_services(definition, values)`` -> the service components ordered;
  ``warranty_months(definition, values)`` -> the product's warranty plus extensions.
  ``return_policy(definition, values)`` -> (days it may be returned, why not when 0).

Schemas: ``definition.py`` (product), ``options.py`` / ``option_kinds.py`` (options),
``rules.py`` (rules), ``components.py`` (price components); the demo catalog has examples.
"""

from .availability import allowed_values
from .components import PriceComponent, Tier
from .definition import DefinitionError, Group, ProductDefinition, QuantityRule
from .engine import validate
from .messages import Label
from .options import Option, Value
from .pricing import ConfigurationOutdated, lead_time_days, price
from .results import (
    ConfigurationError,
    DisabledReason,
    NormalizedConfiguration,
    OptionState,
    PriceBreakdown,
    PriceLine,
    Validation,
)
from .rules import Condition, Rule
from .services import (
    NOT_RETURNABLE,
    PERSONALISED,
    chosen_services,
    is_personalised,
    return_policy,
    service_amounts,
    warranty_months,
)

__all__ = [
    "NOT_RETURNABLE",
    "PERSONALISED",
    "Condition",
    "ConfigurationError",
    "ConfigurationOutdated",
    "DefinitionError",
    "DisabledReason",
    "Group",
    "Label",
    "NormalizedConfiguration",
    "Option",
    "OptionState",
    "PriceBreakdown",
    "PriceComponent",
    "PriceLine",
    "ProductDefinition",
    "QuantityRule",
    "Rule",
    "Tier",
    "Validation",
    "Value",
    "allowed_values",
    "chosen_services",
    "is_personalised",
    "lead_time_days",
    "price",
    "return_policy",
    "service_amounts",
    "validate",
    "warranty_months",
]
