from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The admin, its dashboard and imports/exports: the top layer, allowed to read and
    write both the orders and the production side (docs/architecture.md)."""

    name = "backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
