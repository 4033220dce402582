from django.urls import path

from orders import configurator_views, views

app_name = "orders"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("products/<slug:sku>/", configurator_views.product_page, name="product"),
    path(
        "products/<slug:sku>/configure/",
        configurator_views.product_configure,
        name="product_configure",
    ),
    path("orders/<str:number>/", views.order_detail, name="order"),
]
