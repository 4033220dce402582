"""Routing of production work orders to partner factories (pure, no Django)."""

from .greedy import route_greedy
from .model import (
    Assignment,
    Candidate,
    Factory,
    Job,
    Quote,
    RoutingParams,
    RoutingResult,
    Unroutable,
)
from .promise import PromiseDay, earliest_delivery, earliest_delivery_day
from .solver import route

__all__ = [
    "Assignment",
    "Candidate",
    "Factory",
    "Job",
    "PromiseDay",
    "Quote",
    "RoutingParams",
    "RoutingResult",
    "Unroutable",
    "earliest_delivery",
    "earliest_delivery_day",
    "route",
    "route_greedy",
]
