"""The back office: the orders admin (operators only: catalog, orders with their timelines)
and the production admin (factory-scoped work, capacity and shipments; operators' factories,
recipes, API keys, staff, exceptions, dashboard and bulk import/export).

Registrations keep the models' own app labels, so the URLs stay /admin/orders/… and
/admin/production/…; the admin's own pages are mounted under /admin/c2m/ (``urls``)."""

from django.contrib import admin

from backoffice.admin import (  # noqa: F401
    applications,
    capacity,
    carbon,
    catalog,
    claims,
    exchange,
    factories,
    merchants,
    orders,
    payments,
    service_tasks,
    settlement,
    shop_pages,
    staff,
    work_orders,
)
from c2m.sign_in_forms import AdminSignInForm

# Factory staff work from narrow screens on the shop floor: the list gets the width.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "C2M Bridge admin"
admin.site.site_title = "C2M Bridge admin"
# Sign-in locks out after repeated failures, as the storefront's (c2m.sign_in_guard).
admin.site.login_form = AdminSignInForm
