from django.urls import path

from orders.pages import (
    artwork,
    cart,
    catalog,
    checkout,
    claim_photos,
    claims,
    design_thumbnails,
    order,
    order_find,
    product,
    shop_pages,
)

app_name = "orders"
urlpatterns = [
    path("", catalog.catalog, name="catalog"),
    path("products/<slug:sku>/", product.product_page, name="product"),
    path(
        "products/<slug:sku>/configure/",
        product.product_configure,
        name="product_configure",
    ),
    path("products/<slug:sku>/preview/", artwork.product_preview, name="product_preview"),
    path(
        "products/<slug:sku>/preview/frame/",
        artwork.product_preview_frame,
        name="product_preview_frame",
    ),
    path("artworks/upload/", artwork.artwork_upload_view, name="artwork_upload"),
    path("artworks/<str:public_id>/image/", artwork.artwork_image, name="artwork_image"),
    path(
        "designs/<str:token>/thumbnail/",
        design_thumbnails.order_line_thumbnail,
        name="order_line_thumbnail",
    ),
    path(
        "claim-photos/<str:token>/",
        claim_photos.claim_photo_thumbnail_view,
        name="claim_photo_thumbnail",
    ),
    path("cart/", cart.cart_detail, name="cart"),
    path("cart/lines/<int:line_id>/quantity/", cart.cart_line_quantity, name="cart_quantity"),
    path("cart/lines/<int:line_id>/remove/", cart.cart_line_delete, name="cart_remove"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/delivery/", checkout.checkout_delivery, name="checkout_delivery"),
    path("orders/", order.my_orders, name="my_orders"),
    path("orders/find/", order_find.order_find, name="order_find"),
    path("orders/<str:number>/", order.order_detail, name="order"),
    path("orders/<str:number>/cancel/", order.order_cancel_view, name="order_cancel"),
    path("orders/<str:number>/again/", order.order_again, name="order_again"),
    path("orders/<str:number>/claims/", claims.claim_file_view, name="claim_file"),
    path(
        "orders/<str:number>/claims/<str:claim_number>/info/",
        claims.claim_info_view,
        name="claim_info",
    ),
    path(
        "orders/<str:number>/returns/<str:claim_number>/label/",
        claims.return_label_view,
        name="return_label",
    ),
    path("pages/<slug:slug>/", shop_pages.shop_page, name="shop_page"),
]
