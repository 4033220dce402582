"""The admin's own pages, mounted under /admin/c2m/ and behind the admin login."""

from django.contrib import admin
from django.urls import path

from backoffice.admin import dashboard, exceptions, imports, measures

app_name = "c2m_admin"
urlpatterns = [
    path("dashboard/", admin.site.admin_view(dashboard.dashboard_view), name="dashboard"),
    path("measures.json", admin.site.admin_view(measures.measures_json), name="measures"),
    path("exceptions/", admin.site.admin_view(exceptions.exceptions_view), name="exceptions"),
    path("import/<slug:kind>/", admin.site.admin_view(imports.import_view), name="import"),
]
