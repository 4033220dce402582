from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MerchantsConfig(AppConfig):
    name = "merchants"
    verbose_name = _("Business accounts and the merchant API")

    def ready(self) -> None:
        # Registers the merchant order's payment-intent finalizer for the reconciler.
        from merchants.services import merchant_orders  # noqa: F401
