from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Storefront and orders")

    def ready(self) -> None:
        # Register the payment-intent finalizers (``payments.intents.FINALIZERS``), so the
        # reconciler finds them in any process.
        from orders.services import checkout, claims, lifecycle  # noqa: F401
