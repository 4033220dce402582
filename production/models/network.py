from django.db import models
from django.utils.translation import gettext_lazy as _


class FactoryMaterial(models.Model):
    """A material a plant stocks and what it charges per unit used."""

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="materials"
    )
    material = models.SlugField(max_length=60)
    unit_cost = models.DecimalField(max_digits=10, decimal_places=4)

    class Meta:
        ordering = ["factory", "material"]
        constraints = [
            models.UniqueConstraint(fields=["factory", "material"], name="factory_material_unique")
        ]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.material}"


class ClosureKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    MAINTENANCE = "maintenance", _("Maintenance")


class CapacityClosure(models.Model):
    """A day a plant (or one of its work-centre types) offers no minutes."""

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="closures"
    )
    day = models.DateField()
    # Blank closes every work centre of the plant (a holiday).
    centre_type = models.SlugField(max_length=40, blank=True)
    kind = models.CharField(max_length=12, choices=ClosureKind.choices)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["factory", "day", "centre_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "day", "centre_type"], name="capacity_closure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.centre_type or '*'}@{self.day} {self.kind}"
