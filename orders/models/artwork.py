from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Artwork(models.Model):
    """An image a customer uploaded, stored re-encoded as a clean sRGB PNG.

    Owned by a signed-in customer or, for guests, by a random token kept in their session;
    nobody else can see or use it. The stored files are named by content (sha256), never by
    what the customer called them; ``public_id`` is what configurations and URLs carry.
    """

    public_id = models.CharField(max_length=40, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="artworks",
    )
    guest_token = models.CharField(max_length=64, blank=True, db_index=True)
    sha256 = models.CharField(max_length=64)
    path = models.CharField(_("stored PNG"), max_length=200)
    preview_path = models.CharField(_("stored preview source"), max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    has_alpha = models.BooleanField(default=False)
    source_format = models.CharField(max_length=8)
    size = models.PositiveIntegerField(help_text=_("bytes of the stored PNG"))
    original_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("artwork")
        verbose_name_plural = _("artworks")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "sha256"],
                condition=Q(customer__isnull=False),
                name="artwork_unique_per_customer",
            ),
            models.UniqueConstraint(
                fields=["guest_token", "sha256"],
                condition=Q(customer__isnull=True),
                name="artwork_unique_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(customer__isnull=False) | ~Q(guest_token=""),
                name="artwork_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.width} x {self.height})"
