from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductionFile(models.Model):
    """A file a factory needs to make a work order: a print file, a text file, the ticket.

    The bytes live in the default storage under their sha256 (``path``), so regenerating
    the same file for the same work order writes nothing new.
    """

    class Kind(models.TextChoices):
        PRINT_AREA = "print_area", _("Print file")
        TEXT = "text", _("Engraving / embroidery text")
        JOB_TICKET = "job_ticket", _("Job ticket")

    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    path = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["work_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "name"], name="production_file_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.work_order_id}/{self.name}"
