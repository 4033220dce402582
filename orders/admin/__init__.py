"""The orders admin (operators only): catalog and orders with their timelines."""

from orders.admin import catalog, orders  # noqa: F401
