"""Recipes of the four demo products, as ``recipe_upsert`` takes them."""

from typing import Any

from demo.recipes.made_to_measure import SHIRT_RECIPE, TABLE_RECIPE
from demo.recipes.printed import TEE_RECIPE, TUMBLER_RECIPE

DEMO_RECIPES: list[dict[str, Any]] = [TEE_RECIPE, TUMBLER_RECIPE, SHIRT_RECIPE, TABLE_RECIPE]

__all__ = ["DEMO_RECIPES", "SHIRT_RECIPE", "TABLE_RECIPE", "TEE_RECIPE", "TUMBLER_RECIPE"]
