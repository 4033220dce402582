from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_LINE_QUANTITY = 10_000


class Cart(models.Model):
    """What a shopper intends to buy: a guest's (found by ``token`` in the session) or a
    signed-in customer's. Checkout converts it once: ``order`` is then set and it is done."""

    token = models.CharField(max_length=64, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="carts",
    )
    # Set in the transaction that places the order: a second checkout finds it here.
    order = models.OneToOneField(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="cart"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(order__isnull=True, customer__isnull=False),
                name="one_open_cart_per_customer",
            )
        ]
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return f"cart#{self.pk}"

    def is_open(self) -> bool:
        return self.order_id is None


class CartLine(models.Model):
    """One immutable configuration and how many of it; the price is computed at checkout."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    configuration = models.ForeignKey(
        "orders.Configuration", on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "configuration"], name="cart_line_configuration_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=MAX_LINE_QUANTITY),
                name="cart_line_quantity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cart_id}/{self.configuration_id} ×{self.quantity}"
