from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ShopPage(models.Model):
    """A page of the shop's own words (terms, returns, privacy, contact), linked from every
    page's footer and written by operators in English and Chinese."""

    class Slug(models.TextChoices):
        TERMS = "terms", _("Terms of sale")
        RETURNS = "returns", _("Returns and refunds")
        PRIVACY = "privacy", _("Privacy")
        CONTACT = "contact", _("Contact us")

    slug = models.SlugField(_("address"), max_length=40, unique=True, choices=Slug.choices)
    title = models.CharField(_("title"), max_length=120)
    title_zh = models.CharField(_("title (Chinese)"), max_length=120, blank=True)
    # Plain text; a blank line starts a new paragraph.
    body = models.TextField(_("text"))
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("shop page")
        verbose_name_plural = _("shop pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("orders:shop_page", kwargs={"slug": self.slug})
