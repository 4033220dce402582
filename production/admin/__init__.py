"""The production admin: factory-scoped work, capacity and shipments; operators' factories,
recipes, API keys, staff, exceptions, dashboard and bulk import/export."""

from production.admin import capacity, factories, staff, work_orders  # noqa: F401
