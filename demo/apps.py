from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data (catalog, plants, recipes, a year of history), the seed and place-orders
    commands and the reference factory agent: the top layer, allowed to use both the orders
    and the production side (docs/architecture.md)."""

    name = "demo"
    label = "demo"
    verbose_name = _("Demo")
