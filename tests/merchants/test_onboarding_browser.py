"""The two public application pages, in English and Chinese, on a desktop and a phone
(nothing wider than the screen; screenshots in var/screenshots), and the merchant admin
in Chinese."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from merchants.services.accounts import business_account_create, merchant_key_create
from merchants.services.applications import business_application_submit
from tests.browser import SCREENS, SCREENSHOTS, document_width, screenshot, sticking_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "business-apply": ("/business/apply/", {"en": "Send application", "zh-hans": "提交申请"}),
    "plant-apply": (
        "/partners/apply/",
        {"en": "Work centres and rate card", "zh-hans": "工位与费率表"},
    ),
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_application_pages_fit_desktop_and_phone_in_both_languages(
    live_server, browser, language
):
    tab = browser.new_page()
    tab.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    too_wide = {}
    for screen, viewport in SCREENS.items():
        tab.set_viewport_size(viewport)
        for name, (path, words) in PAGES.items():
            tab.goto(f"{live_server.url}{path}")
            assert words[language] in tab.content()
            # A visitor who sends the form empty is told what is missing, in their language.
            tab.click("button[type=submit]")
            tab.wait_for_load_state("networkidle")
            assert tab.locator(".has-error").count() > 0
            screenshot(tab, SCREENSHOTS / f"{name}-{language}-{screen}.png")
            if (width := document_width(tab)) > viewport["width"]:
                too_wide[f"{name}-{screen}"] = (width, sticking_out(tab, viewport["width"]))
    assert too_wide == {}


def test_the_merchant_admin_speaks_chinese(live_server, browser, django_user_model):
    operator = django_user_model.objects.create_user("olga", "o@c2m.example", "pw", is_staff=True)
    operator.groups.add(Group.objects.get_or_create(name="Operators")[0])
    account = business_account_create(name="Acme Trading", contact_email="buyer@acme.example")
    merchant_key_create(account=account, name="Shopify", sandbox=True)
    business_application_submit(
        company_name="Globex",
        contact_name="Hank Scorpio",
        email="hank@globex.example",
        phone="+1 555 0100",
        country="US",
        province="Oregon",
        expected_volume="100_1000",
    )
    client = Client()
    client.force_login(operator)
    tab = browser.new_page(viewport=SCREENS["desktop"])
    tab.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": "zh-hans", "url": live_server.url},
        ]
    )

    tab.goto(f"{live_server.url}/admin/merchants/businessaccount/{account.pk}/change/")

    html = tab.content()
    for words in ("企业账户", "折扣百分比", "付款条件", "信用额度", "合同价", "商户 API 密钥"):
        assert words in html, words
    screenshot(tab, SCREENSHOTS / "admin-business-account-zh-hans.png")
    tab.goto(f"{live_server.url}/admin/merchants/businessapplication/")
    assert "企业申请" in tab.content() and "以填写的理由拒绝" in tab.content()
    screenshot(tab, SCREENSHOTS / "admin-business-applications-zh-hans.png")
