"""Artwork a merchant named by an https URL, fetched by a worker
(``merchants.services.artwork_fetches`` is the only writer of its status)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArtworkFetchStatus(models.TextChoices):
    # Recorded; a worker has not finished fetching it yet.
    PENDING = "pending", _("Pending")
    # Fetched and stored as the account's artwork (``artwork``).
    FETCHED = "fetched", _("Fetched")
    # Refused or unreachable for good (``reason``); the merchant sends another URL or uploads.
    FAILED = "failed", _("Failed")


ARTWORK_FETCH_TRANSITIONS: dict[str, frozenset[str]] = {
    ArtworkFetchStatus.PENDING: frozenset({ArtworkFetchStatus.FETCHED, ArtworkFetchStatus.FAILED}),
    ArtworkFetchStatus.FETCHED: frozenset(),
    ArtworkFetchStatus.FAILED: frozenset(),
}


class ArtworkFetch(models.Model):
    """One URL of one of the account's lines (``line``: where the merchant named it, e.g.
    ``lines[0].options.artwork_front`` or ``row 3.artwork_front``); fetched once."""

    account = models.ForeignKey(
        "merchants.BusinessAccount", on_delete=models.CASCADE, related_name="artwork_fetches"
    )
    url = models.CharField(max_length=2000)
    line = models.CharField(max_length=120)
    status = models.CharField(
        max_length=10, choices=ArtworkFetchStatus.choices, default=ArtworkFetchStatus.PENDING
    )
    # A stable code (``private_address``, ``too_large``, ``not_an_image``, an upload
    # check's code, ...) worded for the merchant when shown; ``detail`` is for operators.
    reason = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    artwork = models.ForeignKey(
        "orders.Artwork", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("artwork fetch")
        verbose_name_plural = _("artwork fetches")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "url", "line"], name="merchant_artwork_fetch_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.status})"
