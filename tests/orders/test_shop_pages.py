"""The footer's pages (terms, returns, privacy, contact): reachable from every page, in the
shopper's language, and edited by operators in the admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from c2m.errors import ApplicationError
from orders.models import ShopPage
from orders.services.shop_pages import shop_page_update, shop_pages_ensure

pytestmark = pytest.mark.django_db

SLUGS = ["terms", "returns", "privacy", "contact"]


def footer_links(html: str) -> list[str]:
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', footer)


def test_every_page_links_to_the_four_shop_pages_and_each_opens(client):
    links = footer_links(client.get("/").content.decode())
    # ... beside the applications of businesses and plants
    assert links == [f"/pages/{slug}/" for slug in SLUGS] + ["/business/apply/", "/partners/apply/"]
    for link in links[:4]:
        page = client.get(link)
        assert page.status_code == 200 and b'class="shop-page"' in page.content


@pytest.mark.parametrize(
    ("language", "footer", "title"),
    [("en", "Returns and refunds", "Returns and refunds"), ("zh-hans", "退货与退款", "退货与退款")],
)
def test_the_pages_are_in_the_shoppers_language(client, language, footer, title):
    client.post("/i18n/setlang/", {"language": language})
    assert footer in client.get("/").content.decode()
    html = client.get("/pages/returns/").content.decode()
    assert f"<h1>{title}</h1>" in html


def test_an_operator_edits_a_page_in_the_admin_and_shoppers_see_it(client):
    # Given an operator signed in to the admin
    get_user_model().objects.create_superuser("ops", "ops@example.com", "a-long-password-1")
    client.login(username="ops", password="a-long-password-1")
    page = ShopPage.objects.get(slug="contact")

    # When they rewrite the contact page in both languages
    response = client.post(
        f"/admin/orders/shoppage/{page.pk}/change/",
        {
            "title": "Talk to us",
            "body": "Call 400-000-0000.\n\nWe answer within a day.",
            "title_zh": "联系客服",
            "body_zh": "请致电 400-000-0000。",
        },
    )

    # Then shoppers read the new text, in paragraphs, in their language
    assert response.status_code == 302
    html = client.get("/pages/contact/").content.decode()
    assert "<h1>Talk to us</h1>" in html and "<p>We answer within a day.</p>" in html
    client.post("/i18n/setlang/", {"language": "zh-hans"})
    assert "<h1>联系客服</h1>" in client.get("/pages/contact/").content.decode()


def test_a_page_without_chinese_falls_back_to_english(client):
    shop_page_update(slug="privacy", title="Privacy notice", body="We keep little.")
    client.post("/i18n/setlang/", {"language": "zh-hans"})
    assert "<h1>Privacy notice</h1>" in client.get("/pages/privacy/").content.decode()


def test_an_empty_english_text_is_refused():
    with pytest.raises(ApplicationError) as refused:
        shop_page_update(slug="terms", title="Terms", body="  ")
    assert refused.value.code == "invalid_shop_page" and list(refused.value.errors) == ["body"]


def test_an_unknown_page_is_a_styled_404(client):
    response = client.get("/pages/careers/")
    assert response.status_code == 404
    assert b'class="site-footer"' in response.content


def test_a_missing_page_is_restored_with_its_placeholder_and_an_edited_one_kept():
    shop_page_update(slug="terms", title="Our terms", body="Be nice.")
    ShopPage.objects.filter(slug="privacy").delete()
    assert shop_pages_ensure() == 1
    assert ShopPage.objects.get(slug="terms").title == "Our terms"
    assert ShopPage.objects.get(slug="privacy").title == "Privacy"
