"""Writing recipes: only valid ones are saved."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from production.models import Recipe
from production.recipes import recipe_compile

FIELDS = ("capabilities", "inputs", "tables", "bill_of_materials", "operations", "files")


def recipe_upsert(*, product_sku: str, **spec: Any) -> Recipe:
    """Create or replace the recipe of ``product_sku``, bumping its version.

    Raises ``RecipeError`` (code ``recipe_invalid``) listing every faulty formula or field;
    nothing is saved then. Work orders already planned keep their own snapshot.
    """
    recipe_compile({"product_sku": product_sku, **spec})
    values = {k: spec[k] for k in FIELDS if k in spec}
    if "lead_days" in spec:
        values["lead_days"] = spec["lead_days"]
    with transaction.atomic():
        recipe, created = Recipe.objects.select_for_update().get_or_create(
            product_sku=product_sku, defaults=values
        )
        if not created:
            for name, value in values.items():
                setattr(recipe, name, value)
            recipe.version = F("version") + 1
            recipe.save()
            recipe.refresh_from_db()
    return recipe
