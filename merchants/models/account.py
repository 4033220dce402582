from decimal import Decimal

from django.conf import settings
from django.db import models


class PaymentTerms(models.TextChoices):
    # Each order is charged to a card when it is confirmed.
    CARD = "card", "Card"
    # Invoiced on net terms: confirmed orders go to production at once, up to a credit limit.
    INVOICE = "invoice", "Invoice on net terms"


class BusinessAccount(models.Model):
    """A company that orders through the merchant API, with its own prices and terms.

    Operators create accounts in the admin. ``artwork_token`` is the secret that owns the
    account's uploads (as a guest token owns a guest's): no other account can place them.
    """

    public_id = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BusinessMember", related_name="business_accounts"
    )
    is_active = models.BooleanField(default=True)
    # Price list: a percentage off every list price; contract prices per product win.
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    payment_terms = models.CharField(
        max_length=10, choices=PaymentTerms.choices, default=PaymentTerms.CARD
    )
    net_days = models.PositiveSmallIntegerField(default=30)
    # Invoice terms: unpaid invoices plus a new order may not pass this.
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    artwork_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discount_percent__gte=0, discount_percent__lt=100),
                name="business_discount_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(credit_limit__gte=0), name="business_credit_limit_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BusinessMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MEMBER = "member", "Member"

    account = models.ForeignKey(BusinessAccount, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], name="business_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.account}"


class MerchantApiKey(models.Model):
    """A key to the merchant API. Only its SHA-256 is stored; the key is shown once.
    A sandbox key's orders are simulated and never reach a plant."""

    account = models.ForeignKey(BusinessAccount, on_delete=models.CASCADE, related_name="keys")
    name = models.CharField(max_length=60)
    sandbox = models.BooleanField(default=False)
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class ContractPrice(models.Model):
    """The unit price one account pays for one product, whatever its options."""

    account = models.ForeignKey(
        BusinessAccount, on_delete=models.CASCADE, related_name="contract_prices"
    )
    product = models.ForeignKey("orders.Product", on_delete=models.CASCADE, related_name="+")
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "product"], name="contract_price_once"),
            models.CheckConstraint(
                condition=models.Q(unit_price__gt=0), name="contract_price_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.product_id} at {self.unit_price}"
