from django.db import models
from django.utils.translation import gettext_lazy as _


class EmissionFactorKind(models.TextChoices):
    # kg CO2e per kWh of a grid region (key: "CN", "CN-south", "DE").
    ELECTRICITY = "electricity", _("Electricity")
    # kg CO2e per kg of a material (key: a material-code prefix such as "tee-blank").
    MATERIAL = "material", _("Material")
    # kg CO2e per tonne-km of a transport mode (key: "road", "air").
    TRANSPORT = "transport", _("Transport")


class EmissionFactor(models.Model):
    """One emission factor with its source: data that operators keep, never code.

    The work-order carbon estimate reads these rows (``production.selectors.carbon``); the
    platform's defaults come from ``production.carbon.factors`` through a data migration.
    """

    kind = models.CharField(max_length=12, choices=EmissionFactorKind.choices)
    key = models.CharField(max_length=60, help_text=_("Grid region, material prefix or mode"))
    label = models.CharField(max_length=120)
    kg_co2e = models.DecimalField(
        max_digits=12, decimal_places=6, help_text=_("kg CO2e per kWh, per kg or per tonne-km")
    )
    # Materials only: the BOM unit the factor applies to and the mass of one such unit.
    bom_unit = models.CharField(max_length=10, blank=True)
    mass_kg = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    year = models.PositiveSmallIntegerField(help_text=_("Year the figure describes"))
    source = models.TextField(help_text=_("Who published the figure, where"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="emission_factor_unique"),
            models.CheckConstraint(
                condition=models.Q(kg_co2e__gte=0), name="emission_factor_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.kg_co2e}"
