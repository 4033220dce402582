"""The production admin: factory-scoped work, capacity and shipments; operators' factories,
recipes, API keys, staff, exceptions, dashboard and bulk import/export."""

from production.admin import capacity, work_orders  # noqa: F401
