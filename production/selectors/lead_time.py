"""The earliest delivery date the storefront can promise, from the network's free capacity.

The storefront calls ``earliest_delivery_date`` (and nothing else of production). It is
cached for ``CACHE_SECONDS``: the recipe by SKU, the network by day, and the answer by
SKU, destination country and a bucket of the minutes (rounded up to the next power of
1.25, so the promise errs on the late side and similar quantities share an entry).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from c2m.errors import Unprocessable
from production.geo import COUNTRIES, destination
from production.models import Recipe
from production.recipes import FormulaError, RecipeError, recipe_compile, work_order_compile
from production.routing import Job, earliest_delivery_day
from production.selectors.network import network_factories
from production.services.routing_inputs import work_materials, work_minutes

CACHE_SECONDS = 60
BUCKET_RATIO = 1.25
DEFAULT_COUNTRY = "CN"
_MISSING = "missing"


def earliest_delivery_date(
    product_sku: str,
    configuration: Mapping[str, Any] | None = None,
    quantity: int = 1,
    *,
    country: str = DEFAULT_COUNTRY,
) -> date | None:
    """First day an order of ``quantity`` could arrive in ``country``; None if no plant
    could make it in the next 60 days or the SKU has no recipe.

    Raises ``Unprocessable`` for a quantity below 1.
    """
    if quantity < 1:
        raise Unprocessable("Quantity must be at least 1.", errors={"quantity": ["Min 1."]})
    from production.services.routing import routing_params, routing_settings

    today = timezone.localdate()
    recipe = _recipe(product_sku)
    if recipe is None:
        return None
    try:
        snapshot = work_order_compile(
            recipe_compile(recipe),
            configuration=dict(configuration or {}),
            quantity=quantity,
            batch_key="promise",
        )
    except (RecipeError, FormulaError):
        return None  # the design is not complete enough to say what it takes yet
    minutes = {
        c: _bucket(m)
        for c, m in work_minutes(
            snapshot=snapshot, quantity=quantity, capabilities=recipe["capabilities"]
        ).items()
    }
    country = (country or DEFAULT_COUNTRY).upper()
    buckets = ",".join(f"{c}={m:g}" for c, m in minutes.items())
    key = f"lead:{product_sku}:{country}:{today.isoformat()}:{buckets}"
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _MISSING else date.fromisoformat(cached)
    materials = work_materials(snapshot=snapshot, quantity=quantity)
    factories = cache.get_or_set(
        f"lead:network:{product_sku}:{today.isoformat()}",
        lambda: network_factories(
            today=today,
            materials=materials,
            ship_days_per_1000km=float(routing_settings()["ship_days_per_1000km"]),
        )[0],
        CACHE_SECONDS,
    )
    job = Job(
        id="promise",
        quantity=quantity,
        minutes_by_centre=minutes,
        due_day=0,
        dest=destination({"country": country}) or COUNTRIES[DEFAULT_COUNTRY],
        capabilities=frozenset(recipe["capabilities"]),
        materials=materials,
    )
    day = earliest_delivery_day(job, factories, routing_params())
    answer = None if day is None else today + timedelta(days=day)
    cache.set(key, _MISSING if answer is None else answer.isoformat(), CACHE_SECONDS)
    return answer


def _recipe(product_sku: str) -> dict[str, Any] | None:
    key = f"lead:recipe:{product_sku}"
    cached = cache.get(key)
    if cached is None:
        recipe = Recipe.objects.filter(product_sku=product_sku).first()
        cached = _MISSING
        if recipe is not None:
            fields = ("capabilities", "inputs", "tables", "operations", "bill_of_materials")
            cached = {
                "product_sku": product_sku,
                "files": [],
                **{f: getattr(recipe, f) for f in fields},
            }
        cache.set(key, cached, CACHE_SECONDS)
    return None if cached == _MISSING else cached


def _bucket(minutes: float) -> float:
    """Round up to the next power of ``BUCKET_RATIO`` (whole minutes)."""
    if minutes <= 1:
        return 1.0
    return float(math.ceil(BUCKET_RATIO ** math.ceil(math.log(minutes, BUCKET_RATIO) - 1e-9)))
