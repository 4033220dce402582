from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

FACTORY_STAFF_GROUP = "Factory staff"
OPERATORS_GROUP = "Operators"


class FactoryMembership(models.Model):
    """Makes a staff user a member of one partner factory's staff.

    The admin shows such a user their factory's work orders, capacity and shipments, and
    nothing else; one user belongs to at most one factory.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="factory_membership"
    )
    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("factory staff membership")
        verbose_name_plural = _("factory staff memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.factory_id}"
