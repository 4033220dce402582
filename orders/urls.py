from django.urls import path

from orders import views

app_name = "orders"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("products/<slug:sku>/", views.product_detail, name="product"),
    path("orders/<str:number>/", views.order_detail, name="order"),
]
