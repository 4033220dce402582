"""A merchant's spreadsheet of orders, as uploaded and as it was processed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BulkMode(models.TextChoices):
    # Any row with a problem: no order is made from the file.
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    # The rows without problems become orders; the report names the others.
    VALID_ROWS_ONLY = "valid_rows_only", _("Valid rows only")


class BulkOrderUpload(models.Model):
    """The outcome of one file: how many rows, which became which orders, and a report of
    every problem (``report``: ``[{"row", "reference", "field", "code", "message"}]``, rows
    numbered as in the spreadsheet, the header being row 1). Written once, by
    ``merchants.services.bulk_orders.bulk_orders_upload``."""

    public_id = models.CharField(_("id"), max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount",
        on_delete=models.CASCADE,
        related_name="bulk_uploads",
        verbose_name=_("business account"),
    )
    sandbox = models.BooleanField(_("sandbox"), default=False)
    file_name = models.CharField(_("file name"), max_length=200)
    mode = models.CharField(_("mode"), max_length=20, choices=BulkMode.choices)
    confirm = models.BooleanField(_("confirm the orders"), default=False)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    # [{"row": 2, "reference": "...", "order_id": "mo_..."}] for the orders made.
    orders = models.JSONField(default=list, blank=True)
    report = models.JSONField(default=list, blank=True)
    actor = models.CharField(_("uploaded by"), max_length=100)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk order upload")
        verbose_name_plural = _("bulk order uploads")

    def __str__(self) -> str:
        return f"{self.public_id} ({self.file_name})"
