"""Recipes as data: a safe formula language and a pure compiler to work-order snapshots."""

from .compiler import (
    CompiledRecipe,
    RecipeError,
    recipe_compile,
    snapshot_for_quantity,
    work_order_compile,
)
from .formulas import Formula, FormulaError, formula_compile

__all__ = [
    "CompiledRecipe",
    "Formula",
    "FormulaError",
    "RecipeError",
    "formula_compile",
    "recipe_compile",
    "snapshot_for_quantity",
    "work_order_compile",
]
