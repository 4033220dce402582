"""The shop's own pages as shoppers read them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from c2m.errors import NotFound
from orders.models import ShopPage


def shop_page_get(*, slug: str) -> ShopPage:
    """The page at ``slug``; raises ``NotFound`` when there is none."""
    page = ShopPage.objects.filter(slug=slug).first()
    if page is None:
        raise NotFound(_("No such page."))
    return page


def shop_page_links() -> list[tuple[str, str]]:
    """``(slug, link text)`` of every shop page, in the footer's order (no query: the
    slugs are fixed, the text is the current language's)."""
    return [(slug, str(label)) for slug, label in ShopPage.Slug.choices]
