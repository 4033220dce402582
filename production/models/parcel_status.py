"""A parcel's tracking status: it only ever moves forward, as the carrier reports it.

``production.services.delivery`` is the only writer of ``Shipment.tracking_status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParcelStatus(models.TextChoices):
    # Handed to the carrier, on its way.
    IN_TRANSIT = "in_transit", _("In transit")
    # With the courier for the last mile.
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    # Handed to the customer; final.
    DELIVERED = "delivered", _("Delivered")


# Parcel statuses in the only order they may be reached (tracking never moves back).
PARCEL_PROGRESS = (ParcelStatus.IN_TRANSIT, ParcelStatus.OUT_FOR_DELIVERY, ParcelStatus.DELIVERED)
