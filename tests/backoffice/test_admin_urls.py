"""The back office moved apps, not addresses: operators' bookmarks keep working."""

from django.urls import reverse


def test_admin_addresses_are_those_of_the_models_apps_and_the_c2m_pages():
    assert reverse("admin:orders_order_changelist") == "/admin/orders/order/"
    assert reverse("admin:orders_product_changelist") == "/admin/orders/product/"
    assert reverse("admin:production_workorder_changelist") == "/admin/production/workorder/"
    assert reverse("admin:production_factory_changelist") == "/admin/production/factory/"
    assert reverse("admin:production_recipe_preview", args=["TEE-PRINT"]) == (
        "/admin/production/recipe/preview/TEE-PRINT/"
    )
    assert reverse("c2m_admin:dashboard") == "/admin/c2m/dashboard/"
    assert reverse("c2m_admin:exceptions") == "/admin/c2m/exceptions/"
    assert reverse("c2m_admin:import", args=["products"]) == "/admin/c2m/import/products/"
