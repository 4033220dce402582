"""The delivery promise: one engine for the product page, the cart, checkout and the order.

A promise is the first day every line of an order could arrive at the shopper's address
with a given shipping method: the live free capacity of the plants able to make the line
(published minutes less what is booked), the line's production minutes, then the transit
from that plant to the destination with that method, counted exactly as the router counts
it for the work order later (``routing.prepare``). The storefront calls
``delivery_promises`` (and ``earliest_delivery_date`` for the product page) through its
port, ``orders.ports``, which ``production.apps`` fills in with them; the value types are
the port's.

Cached for ``CACHE_SECONDS``: the recipe by SKU, the network by day and materials, and each
line's answer by SKU, destination (to 0.1°), method, day and a bucket of the minutes
(rounded up to the next power of 1.25, so the promise errs on the late side).

An express line (express production sold with it) is planned in the plants' express lane
(``network_factories(express=True)``: every day of their free capacity, the first days a
plant holds for express work included); its basis also gives the standard lane's day, so
the storefront only sells express when it is sooner.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, cast

from django.core.cache import cache
from django.utils import timezone

from orders.ports import DeliveryPromise, PromiseLine, Transit
from production.geo import destination
from production.models import Recipe
from production.recipes import FormulaError, RecipeError, recipe_compile, work_order_compile
from production.selectors.network import network_factories
from production.selectors.routing_inputs import work_materials, work_minutes
from production.selectors.routing_settings import routing_params, routing_settings
from routing import Factory, Job, PromiseDay, earliest_delivery

__all__ = [
    "DeliveryPromise",
    "PromiseLine",
    "Transit",
    "delivery_promises",
    "earliest_delivery_date",
]

CACHE_SECONDS = 60
BUCKET_RATIO = 1.25
_MISSING = "missing"


def delivery_promises(
    *, lines: Sequence[PromiseLine], ship_to: Mapping[str, Any], methods: Sequence[Transit]
) -> dict[str, DeliveryPromise | None]:
    """For each method, the first day every line could arrive at ``ship_to``; None for a
    method with which some line cannot be made and delivered within the 60-day horizon
    (no capable plant with free capacity, an incomplete design, no recipe, an address we
    cannot place). The ``basis`` says per line which plant, finishing when, shipping how
    many days: what the order stores as the promise it was sold with.
    """
    today = timezone.localdate()
    dest = destination(ship_to)
    out: dict[str, DeliveryPromise | None] = {}
    for transit in methods:
        found = None if dest is None else _order_promise(lines, dest, transit, today)
        out[transit.method] = found
    return out


def earliest_delivery_date(
    product_sku: str,
    configuration: Mapping[str, Any] | None,
    quantity: int,
    *,
    ship_to: Mapping[str, Any],
    transit: Transit,
    express: bool = False,
) -> date | None:
    """One design's promise (the product page's "made and delivered by"); with
    ``express``, in the plants' express lane."""
    dest = destination(ship_to)
    if dest is None:
        return None
    today = timezone.localdate()
    line = PromiseLine(product_sku, configuration or {}, quantity, express)
    found = _line_promise(line, dest, transit, today)
    return None if found is None else today + timedelta(days=found["delivery_day"])


def _order_promise(
    lines: Sequence[PromiseLine], dest: tuple[float, float], transit: Transit, today: date
) -> DeliveryPromise | None:
    basis_lines = []
    for line in lines:
        found = _line_promise(line, dest, transit, today)
        if found is None:
            return None
        if line.express:
            standard = _line_promise(replace(line, express=False), dest, transit, today)
            found = {
                **found,
                "express": True,
                "standard_delivery_day": standard["delivery_day"] if standard else None,
            }
        basis_lines.append({"product_sku": line.product_sku, "quantity": line.quantity, **found})
    day = max(line["delivery_day"] for line in basis_lines)
    return DeliveryPromise(
        method=transit.method,
        date=today + timedelta(days=day),
        basis={
            "method": transit.method,
            "handling_days": transit.handling_days,
            "ship_speed": transit.ship_speed,
            "destination": [round(dest[0], 4), round(dest[1], 4)],
            "computed_on": today.isoformat(),
            "lines": basis_lines,
        },
    )


def _line_promise(
    line: PromiseLine, dest: tuple[float, float], transit: Transit, today: date
) -> dict[str, Any] | None:
    """{"delivery_day", "plant", "finish_day", "ship_days"} or None (cached)."""
    if line.quantity < 1:
        return None
    recipe = _recipe(line.product_sku)
    if recipe is None:
        return None
    try:
        snapshot = work_order_compile(
            recipe_compile(recipe),
            configuration=dict(line.configuration),
            quantity=line.quantity,
            batch_key="promise",
        )
    except (RecipeError, FormulaError):
        return None  # the design is not complete enough to say what it takes yet
    minutes = {
        c: _bucket(m)
        for c, m in work_minutes(
            snapshot=snapshot, quantity=line.quantity, capabilities=recipe["capabilities"]
        ).items()
    }
    buckets = ",".join(f"{c}={m:g}" for c, m in minutes.items())
    key = (
        f"promise:{line.product_sku}:{dest[0]:.1f},{dest[1]:.1f}:{transit.method}:"
        f"{transit.handling_days}:{transit.ship_speed:g}:{today.isoformat()}:{buckets}"
        f":{'express' if line.express else 'standard'}"
    )
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _MISSING else cached
    materials = work_materials(snapshot=snapshot, quantity=line.quantity)
    # Plants publishing no material list are assumed to source exactly what the job
    # needs, so the network depends on the materials: a design needing another material
    # must not reuse a network read for a different one.
    needs = hashlib.sha1(",".join(sorted(materials)).encode()).hexdigest()[:12]
    factories = cache.get_or_set(
        f"promise:network:{today.isoformat()}:{needs}:{int(line.express)}",
        lambda: network_factories(
            today=today,
            materials=materials,
            ship_days_per_1000km=float(routing_settings()["ship_days_per_1000km"]),
            express=line.express,
        )[0],
        CACHE_SECONDS,
    )
    job = Job(
        id="promise",
        quantity=line.quantity,
        minutes_by_centre=minutes,
        due_day=0,
        dest=dest,
        capabilities=frozenset(recipe["capabilities"]),
        materials=materials,
        handling_days=transit.handling_days,
        ship_speed=transit.ship_speed,
    )
    network = cast("list[Factory]", factories)  # what the cached call above returns
    found: PromiseDay | None = earliest_delivery(job, network, routing_params())
    answer = None
    if found is not None:
        answer = {
            "delivery_day": found.delivery_day,
            "plant": found.factory_id,
            "finish_day": found.finish_day,
            "ship_days": found.ship_days,
        }
    cache.set(key, _MISSING if answer is None else answer, CACHE_SECONDS)
    return answer


def _recipe(product_sku: str) -> dict[str, Any] | None:
    key = f"promise:recipe:{product_sku}"
    cached = cache.get(key)
    if cached is None:
        recipe = Recipe.objects.filter(product_sku=product_sku).first()
        # Files do not change what a plant needs; planning compiles them for real.
        cached = _MISSING if recipe is None else {**recipe.spec(), "files": []}
        cache.set(key, cached, CACHE_SECONDS)
    return None if cached == _MISSING else cached


def _bucket(minutes: float) -> float:
    """Round up to the next power of ``BUCKET_RATIO`` (whole minutes)."""
    if minutes <= 1:
        return 1.0
    return float(math.ceil(BUCKET_RATIO ** math.ceil(math.log(minutes, BUCKET_RATIO) - 1e-9)))
