"""The shop's own pages (terms, returns, privacy, contact): operators edit their text."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError, NotFound
from orders.models import ShopPage
from orders.shop_page_texts import PLACEHOLDER_PAGES


@transaction.atomic
def shop_page_update(
    *, slug: str, title: str, body: str, title_zh: str = "", body_zh: str = ""
) -> ShopPage:
    """Replace the page's title and text in English and Chinese; return the saved page.

    Raises ``NotFound`` for a slug that is not one of the shop's pages and
    ``ApplicationError`` (code ``invalid_shop_page``) when the English title or text is
    empty (English is every shopper's fallback).
    """
    page = ShopPage.objects.select_for_update().filter(slug=slug).first()
    if page is None:
        raise NotFound(_("No such page."))
    title, body = title.strip(), body.strip()
    errors = {
        name: [_("This field is required.")]
        for name, text in (("title", title), ("body", body))
        if not text
    }
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), code="invalid_shop_page", errors=errors
        )
    page.title, page.body = title, body
    page.title_zh, page.body_zh = title_zh.strip(), body_zh.strip()
    page.save(update_fields=["title", "body", "title_zh", "body_zh", "updated_at"])
    return page


def shop_pages_ensure() -> int:
    """Create each shop page that does not exist yet with its placeholder text (the
    migration seeds them; this restores a deleted or flushed one). Returns how many."""
    created = 0
    for slug, title, title_zh, body, body_zh in PLACEHOLDER_PAGES:
        _page, made = ShopPage.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "title_zh": title_zh, "body": body, "body_zh": body_zh},
        )
        created += made
    return created
