"""The product configurator: products as data, validation, allowed values, pricing.

Pure Python: no models, no HTTP. The public API is re-exported here.
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

__all__ = [
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
    "lead_time_days",
    "price",
    "validate",
]
