"""The factory status machine: whether a partner plant receives offers.

``production.services.factory_status.factory_set_status`` is the only writer of
``Factory.status``; the admin's pause/resume actions and the ``factory_status`` command call it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FactoryStatus(models.TextChoices):
    # Receives offers.
    ACTIVE = "active", _("Active")
    # Temporarily receives no new offers; open offers are re-routed.
    PAUSED = "paused", _("Paused")
    # Left the network for good.
    OFFBOARDED = "offboarded", _("Offboarded")


_S = FactoryStatus
# Status to the statuses it may become. Setting the status a plant already has is no move
# (and is allowed: pausing twice gives back whatever work is still unstarted).
FACTORY_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.ACTIVE: frozenset({_S.PAUSED, _S.OFFBOARDED}),
    _S.PAUSED: frozenset({_S.ACTIVE, _S.OFFBOARDED}),
    _S.OFFBOARDED: frozenset(),
}
