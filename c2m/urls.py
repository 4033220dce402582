from django.contrib import admin
from django.urls import include, path

from c2m import health
from c2m.api import RedocView, SchemaView, SwaggerView, api_not_found

urlpatterns = [
    path("admin/c2m/", include("backoffice.admin.urls")),
    path("admin/", admin.site.urls),
    path("health/", health.health, name="health"),
    path("health/live/", health.live, name="health-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("orders.account_urls")),
    path("api/v1/", include("orders.api.urls")),
    path("api/factory/v1/", include("production.api.urls")),
    path("api/merchant/v1/", include("merchants.api.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/<path:rest>", api_not_found),
    path("", include("merchants.urls")),
    path("", include("production.urls")),
    path("", include("orders.urls")),
]

handler400 = "c2m.views.bad_request"
handler403 = "c2m.views.permission_denied"
handler404 = "c2m.views.not_found"
handler500 = "c2m.views.server_error"
