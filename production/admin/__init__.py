"""The production admin: factory-scoped work, capacity and shipments; operators' factories,
recipes, API keys, staff, exceptions, dashboard and bulk import/export."""

from django.contrib import admin

from c2m.sign_in_forms import AdminSignInForm
from production.admin import capacity, factories, staff, work_orders  # noqa: F401

# Factory staff work from narrow screens on the shop floor: the list gets the width.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "C2M Bridge admin"
admin.site.site_title = "C2M Bridge admin"
# Sign-in locks out after repeated failures, as the storefront's (c2m.sign_in_guard).
admin.site.login_form = AdminSignInForm
