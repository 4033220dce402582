from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    name = "production"
    verbose_name = _("Production")

    def ready(self) -> None:
        # Production's side of the storefront's port (orders.ports): orders never imports
        # production, it calls these through the port.
        from orders.ports import production_port_fill
        from production.selectors.promise import delivery_promises, earliest_delivery_date
        from production.services.cancellation import work_orders_cancel_for_order
        from production.services.exchange_port import ProductionCapacityExchange

        production_port_fill(
            delivery_promises=delivery_promises,
            earliest_delivery_date=earliest_delivery_date,
            order_production_cancel=work_orders_cancel_for_order,
            capacity_exchange=ProductionCapacityExchange(),
        )
