from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from production.recipes import RecipeError, recipe_compile


class Recipe(models.Model):
    """How a product is made, as data: the values it reads, its bill of materials,
    operations and production files, with quantities and minutes as formulas.

    The format is documented in ``production.recipes``; ``clean()`` refuses formulas that
    name unknown values or use anything but the small formula language.
    """

    product_sku = models.SlugField(max_length=64, unique=True)
    # Required whatever the configuration; each operation adds its own capability.
    capabilities = models.JSONField(default=list, blank=True, help_text='e.g. ["qc", "pack"]')
    inputs = models.JSONField(
        default=dict,
        blank=True,
        help_text='Configuration values read: {"size": {"kind": "choice"}}',
    )
    tables = models.JSONField(default=dict, blank=True, help_text="Lookup tables for formulas")
    operations = models.JSONField(default=list)
    bill_of_materials = models.JSONField(default=list)
    files = models.JSONField(default=list, blank=True, help_text="Production files to generate")
    lead_days = models.PositiveSmallIntegerField(default=7)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"recipe {self.product_sku}"

    def clean(self) -> None:
        try:
            recipe_compile(self.spec())
        except RecipeError as exc:
            messages = [f"{k}: {m}" for k, v in exc.errors.items() for m in v]
            raise ValidationError({"__all__": messages}) from exc

    def spec(self) -> dict[str, Any]:
        """The recipe as the plain data ``recipe_compile`` reads."""
        return {
            "product_sku": self.product_sku,
            "version": self.version,
            "capabilities": self.capabilities,
            "inputs": self.inputs,
            "tables": self.tables,
            "bill_of_materials": self.bill_of_materials,
            "operations": self.operations,
            "files": self.files,
            "lead_days": self.lead_days,
        }
