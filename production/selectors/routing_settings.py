"""The router's tunables: ``settings.C2M_ROUTING`` over these defaults."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from routing import RoutingParams

DEFAULTS = {
    "shipping_cost_per_km": "0.002",
    "lateness_penalty_per_day": "5",
    "quality_bonus_weight": "0.2",
    "max_late_days": 2,
    "ship_days_per_1000km": 1.0,
    "batch_limit": 2000,
}


def routing_settings() -> dict:
    """``settings.C2M_ROUTING`` over the defaults above."""
    return DEFAULTS | getattr(settings, "C2M_ROUTING", {})


def routing_params(*, seed: int = 0) -> RoutingParams:
    conf = routing_settings()
    return RoutingParams(
        shipping_cost_per_km=Decimal(str(conf["shipping_cost_per_km"])),
        lateness_penalty_per_day=Decimal(str(conf["lateness_penalty_per_day"])),
        quality_bonus_weight=Decimal(str(conf["quality_bonus_weight"])),
        max_late_days=int(conf["max_late_days"]),
        seed=seed,
    )
