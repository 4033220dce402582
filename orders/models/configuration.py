from django.db import models
from django.utils.translation import gettext_lazy as _


class Configuration(models.Model):
    """An immutable snapshot of one product configured one way.

    Editing the product later never changes it: it keeps the definition version it was
    validated against and its normalized values. Identical configurations share a row.
    """

    product = models.ForeignKey("orders.Product", on_delete=models.PROTECT, related_name="+")
    definition_version = models.PositiveIntegerField()
    values = models.JSONField()
    quantity = models.PositiveIntegerField(default=1)
    summary = models.JSONField(help_text="[[label, value], ...] in English words, for people.")
    preflight = models.JSONField(
        default=dict,
        blank=True,
        help_text="Artwork preflight per option code (DPI, level, coverage) as judged when "
        "the design was made.",
    )
    content_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("configuration")
        verbose_name_plural = _("configurations")

    def __str__(self) -> str:
        return f"{self.product_id}:{self.content_hash[:12]}"
