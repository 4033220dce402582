from django.urls import path

from orders import artwork_views, views

app_name = "orders"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("products/<slug:sku>/", views.product_detail, name="product"),
    path("products/<slug:sku>/preview/", artwork_views.product_preview, name="product_preview"),
    path(
        "products/<slug:sku>/preview/frame/",
        artwork_views.product_preview_frame,
        name="product_preview_frame",
    ),
    path("artworks/upload/", artwork_views.artwork_upload_view, name="artwork_upload"),
    path("artworks/<str:public_id>/image/", artwork_views.artwork_image, name="artwork_image"),
    path("orders/<str:number>/", views.order_detail, name="order"),
]
