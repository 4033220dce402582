"""Recipes as data: a safe formula language and a pure compiler to work-order snapshots.

A recipe (``production.models.Recipe``, see ``demo/recipes/`` for four examples)::

    inputs      {"chest": {"kind": "number"}, "cuff": {"kind": "choice", "default": "barrel"}}
                kinds: number (decimal string), choice (code), choices (the codes of a
                multiple choice, tested as ``"gift_box" in extras``), text, artwork (1 when
                an artwork is placed, else 0), flag (1/0); a value without default is required
    tables      {"fabric_factor": {"linen": 1.1, "poplin": 1}}  used as fabric_factor[fabric]
    bill_of_materials
                [{"material": "fabric-{fabric}", "unit": "m", "quantity": <formula per unit>,
                  "scrap_pct": <formula>, "per": "unit" | "order", "when": <formula>}]
                whole-piece units (pcs, ea, set, sheet) are rounded up, others to 0.001 up
    operations  [{"code", "capability", "centre" (work-centre type), "setup_minutes"
                  (once per work order), "run_minutes" (per unit), "when", "parameters"
                  (values shown with the step, e.g. ["chest", "sleeve"])}], in order; an
                  operation whose capability is "qc" is the QC step: a work order with one
                  must pass QC before it ships, one without (say a recipe with no QC
                  operation) may ship straight from production. The snapshot says which
                  as ``qc_required``.
    files       [{"name": "front.png", "kind": "print_area", "area": "front",
                  "source": "front", "when": "front"}]: listed, rendered elsewhere
    capabilities  required whatever the configuration; operations add their own, so a
                process chosen by an option (screen print, DTG, embroidery) is required
                only when chosen: declare here only what every configuration needs

Every option value a shopper can choose must reach the job (an operation, a material or
a file) and add-ons must be absent when not chosen: the property test in
``tests/production/recipes/test_job_is_the_configuration.py`` checks the demo recipes.
    lead_days   used for the due date when the order promised none

Formulas (``formulas.py``) are checked when the recipe is saved and compiled once.
"""

from .compiler import (
    CompiledRecipe,
    RecipeError,
    recipe_compile,
    snapshot_for_quantity,
    work_order_compile,
)
from .formulas import Formula, FormulaError, formula_compile
from .services import with_service_operations

__all__ = [
    "CompiledRecipe",
    "Formula",
    "FormulaError",
    "RecipeError",
    "formula_compile",
    "recipe_compile",
    "snapshot_for_quantity",
    "with_service_operations",
    "work_order_compile",
]
