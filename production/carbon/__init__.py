"""Carbon accounting of work orders: default emission factors (data) and the estimate.

``factors`` holds the platform's default emission factors with their sources; they are
loaded into ``production.models.EmissionFactor`` (editable by operators in the admin) by a
data migration; rows override, and a key without a row falls back to its default here
(``production.selectors.carbon.emission_factors``). ``estimate`` is the
pure computation: minutes, materials and distance in, kg CO2e by part out.
"""

from .estimate import CarbonInputs, FactorSet, carbon_estimate, energy_kg_for_kwh

__all__ = ["CarbonInputs", "FactorSet", "carbon_estimate", "energy_kg_for_kwh"]
