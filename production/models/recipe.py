from django.db import models


class Recipe(models.Model):
    """How a product is made: capabilities, bill of materials and operations, as data."""

    product_sku = models.SlugField(max_length=64, unique=True)
    capabilities = models.JSONField(default=list, help_text='e.g. ["dtg_print", "pack"]')
    operations = models.JSONField(default=list)
    bill_of_materials = models.JSONField(default=list)
    lead_days = models.PositiveSmallIntegerField(default=7)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"recipe {self.product_sku}"
