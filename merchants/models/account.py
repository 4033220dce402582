from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentTerms(models.TextChoices):
    # Each order is charged to a card when it is confirmed.
    CARD = "card", _("Card")
    # Invoiced on net terms: confirmed orders go to production at once, up to a credit limit.
    INVOICE = "invoice", _("Invoice on net terms")


class BusinessAccount(models.Model):
    """A company that orders through the merchant API, with its own prices and terms.

    Operators create accounts in the admin. ``artwork_token`` is the secret that owns the
    account's uploads (as a guest token owns a guest's): no other account can place them.
    """

    public_id = models.CharField(_("public id"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="BusinessMember",
        related_name="business_accounts",
        verbose_name=_("members"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Price list: a percentage off every list price; contract prices per product win.
    discount_percent = models.DecimalField(
        _("discount percent"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    payment_terms = models.CharField(
        _("payment terms"), max_length=10, choices=PaymentTerms.choices, default=PaymentTerms.CARD
    )
    net_days = models.PositiveSmallIntegerField(_("net days"), default=30)
    # Invoice terms: unpaid invoices plus a new order may not pass this.
    credit_limit = models.DecimalField(
        _("credit limit"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    artwork_token = models.CharField(_("artwork token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("business account")
        verbose_name_plural = _("business accounts")
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
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    account = models.ForeignKey(
        BusinessAccount, on_delete=models.CASCADE, verbose_name=_("account")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], name="business_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.account}"


class MerchantApiKey(models.Model):
    """A key to the merchant API. Only its SHA-256 is stored; the key is shown once.
    A sandbox key's orders are simulated and never reach a plant."""

    account = models.ForeignKey(
        BusinessAccount, on_delete=models.CASCADE, related_name="keys", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=60)
    sandbox = models.BooleanField(_("sandbox"), default=False)
    prefix = models.CharField(_("prefix"), max_length=16)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merchant API key")
        verbose_name_plural = _("merchant API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class ContractPrice(models.Model):
    """The unit price one account pays for one product, whatever its options."""

    account = models.ForeignKey(
        BusinessAccount,
        on_delete=models.CASCADE,
        related_name="contract_prices",
        verbose_name=_("account"),
    )
    product = models.ForeignKey(
        "orders.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("contract price")
        verbose_name_plural = _("contract prices")
        constraints = [
            models.UniqueConstraint(fields=["account", "product"], name="contract_price_once"),
            models.CheckConstraint(
                condition=models.Q(unit_price__gt=0), name="contract_price_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.product_id} at {self.unit_price}"
