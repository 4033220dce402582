"""Headless Chromium under the Content-Security-Policy (issue #22, item 14): the storefront
and the admin, in English and Chinese, at desktop and 390-px phone width, raise no
``securitypolicyviolation`` and log no "Refused to …": the policy the pages are served
with is one they really pass, htmx's live price, preview and upload included.

Screenshots land in ``var/screenshots/csp/<page>-<language>-<device>.png``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from orders.models import Order, Product
from tests.backoffice.admin.conftest import offered_work_order
from tests.browser import CHROMIUM_ARGS, SCREENSHOTS
from tests.factories import PlantFactory, demo_product
from tests.orders.conftest import quiet_broker  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = SCREENSHOTS / "csp"
# Recorded from the first script of every document (Playwright's init scripts are not
# subject to the page's policy).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 160) : '';
  const detail = `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at `
    + `${e.sourceFile || document.location.pathname}:${e.lineNumber} ${e.sample || ''} ${where}`;
  window.__csp.push(detail);
  console.warn('Content Security Policy violation: ' + detail);  // outlives navigations
}, true);
"""
SETUPS = {
    "en-desktop": ("en", {"width": 1280, "height": 900}),
    "en-phone": ("en", {"width": 390, "height": 844}),
    "zh-desktop": ("zh-hans", {"width": 1280, "height": 900}),
    "zh-phone": ("zh-hans", {"width": 390, "height": 844}),
}


@dataclass
class Tab:
    """A tab that records policy violations and names its screenshots by setup."""

    page: object
    setup: str
    refused: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def goto(self, url: str) -> object:
        response = self.page.goto(url)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe" not in policy, (url, policy)
        return response

    def check(self, name: str) -> Path:
        """Screenshot the page as it stands and fail on any violation so far."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(150)  # violation events are queued as tasks
        violations = self.page.evaluate("window.__csp || []")
        path = SCREENS / f"{name}-{self.setup}.png"
        self.page.screenshot(path=path, full_page=True)
        self.checked.append(name)
        assert violations == [] and self.refused == [], (name, violations, self.refused)
        return path


FONTS = Path(__file__).resolve().parent.parent.parent / "c2m" / "static" / "fonts"


@pytest.fixture
def browser(monkeypatch, tmp_path) -> Iterator[object]:
    """The shared fixture's Chromium, with the project's own CJK font added to the system's
    (the machine may have none), so the Chinese screenshots can be read."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{FONTS}</dir><cachedir>{tmp_path / 'fontcache'}</cachedir></fontconfig>"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=CHROMIUM_ARGS,
            env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
        )
        yield chromium
        connections.close_all()
        chromium.close()


@pytest.fixture(params=list(SETUPS))
def tab(request, browser) -> Iterator[Tab]:
    language, viewport = SETUPS[request.param]
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport=viewport, extra_http_headers={"Accept-Language": language}
    )
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(20_000)
    tab = Tab(page=page, setup=request.param)

    def console(message) -> None:
        text = message.text
        if "Refused to" in text or "Content Security Policy" in text:
            where = message.location
            tab.refused.append(f"{page.url} {where.get('url')}:{where.get('lineNumber')} {text}")

    page.on("console", console)
    yield tab
    context.close()


@pytest.fixture
def products(db, quiet_broker) -> dict[str, Product]:  # noqa: F811
    """The tumbler and the T-shirt on sale, and a plant that can make them (or checkout
    has no delivery to promise)."""
    PlantFactory(code="sz-print", city="Shenzhen")
    return {sku: demo_product(sku) for sku in ("TUMBLER-ENGRAVED", "TEE-PRINT")}


def _configure_response(response) -> bool:
    return "/configure/" in response.url and response.request.method == "POST"


def test_the_storefront_passes_its_policy(tab, live_server, products, settings, tmp_path):
    settings.ORDER_LOOKUP_MAX_FAILURES_PER_IP = 2
    page, url = tab.page, live_server.url
    zh = tab.setup.startswith("zh")

    tab.goto(f"{url}/")
    tumbler_url = products["TUMBLER-ENGRAVED"].get_absolute_url()
    assert page.locator(f"a[href='{tumbler_url}']").count() >= 1
    tab.check("catalog")

    # The configurator: the live price follows a click at once and typing after a pause.
    tab.goto(url + products["TUMBLER-ENGRAVED"].get_absolute_url())
    with page.expect_response(_configure_response):
        page.check("#opt-finish-2")
    with page.expect_response(_configure_response):
        page.fill("#opt-engraving", "Li Wei")
    page.wait_for_function(
        "() => !document.querySelector('#configurator').classList.contains('htmx-request')"
    )
    tab.check("product-tumbler")
    page.click("button[name=action][value=add]")
    page.wait_for_url("**/cart/")
    tab.check("cart")

    # The live preview and a refused upload shown in place (a 4xx answer swapped in).
    tab.goto(url + products["TEE-PRINT"].get_absolute_url())
    page.locator("#controls-size input").first.check()
    page.wait_for_function(
        "() => { const i = document.querySelector('#product-preview img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_bytes(b"this is not a picture")
    page.set_input_files("#artwork-file-artwork_front", not_a_picture)
    page.wait_for_selector("#artwork-upload-artwork_front .error[role=alert]")
    tab.check("product-tee-upload-refused")

    # Checkout and the order page.
    tab.goto(f"{url}/checkout/")
    page.fill("input[name=email]", "li.wei@example.com")
    page.fill("input[name=name]", "Li Wei")
    page.fill("input[name=line1]", "88 Century Avenue")
    page.fill("input[name=city]", "Shanghai")
    page.fill("input[name=region]", "Shanghai")
    page.fill("input[name=postal_code]", "200120")
    page.select_option("select[name=country]", "CN")
    if page.locator("input[name=card_number]").count():
        page.fill("input[name=card_number]", "4242 4242 4242 4242")
    tab.check("checkout")
    page.click("form.checkout button[type=submit]")
    page.wait_for_url("**/orders/C2M-*/")
    tab.check("order")
    order = Order.objects.latest("pk")

    # The language switch submits itself (a static script, no inline handler).
    other = "en" if zh else "zh-hans"
    with page.expect_navigation():
        page.select_option("#lang", other)
    assert page.evaluate("document.documentElement.lang") == other
    with page.expect_navigation():
        page.select_option("#lang", "zh-hans" if zh else "en")

    # Sign-up, the account page with a token (its revoke form), sign-in and its lockout.
    tab.goto(f"{url}/account/signup/")
    tab.check("sign-up")
    page.fill("#id_username", f"shopper-{tab.setup}")
    page.fill("#id_email", "shopper@example.com")
    page.fill("#id_password1", "a-long-password-1")
    page.fill("#id_password2", "a-long-password-1")
    page.click("form.configurator button[type=submit]")
    page.wait_for_url("**/orders/")
    tab.goto(f"{url}/account/")
    page.fill("#id_name", "my script")
    page.click("form:has(#id_name) button[type=submit]")
    page.wait_for_selector("form.inline-form")
    tab.check("account")
    page.context.clear_cookies()

    tab.goto(f"{url}/account/login/")
    tab.check("sign-in")
    for n in range(5):
        page.fill("#id_username", "nobody")
        page.fill("#id_password", f"guess-{n}")
        page.click("form.configurator button[type=submit]")
        page.wait_for_load_state("load")
    message = "登录失败次数过多" if zh else "Too many failed sign-in attempts"
    assert message in page.inner_text("main")
    tab.check("sign-in-locked")

    # A guest guessing order links is stopped with a page of its own.
    for n in range(2):
        page.goto(f"{url}{order.get_absolute_url()}?token=guess-{n}")
    assert page.locator("main .message.error").count() == 1
    tab.check("order-lookup-locked")


@pytest.fixture
def admin_data(db):
    get_user_model().objects.create_superuser("olga", "olga@c2m.example", "pw-123456")
    plant = PlantFactory(code="plant-a", name="Plant A")
    work_order = offered_work_order(plant)
    return {"work_order": work_order, "product": Product.objects.get(sku="TUMBLER-ENGRAVED")}


def test_the_admin_passes_its_policy(tab, live_server, admin_data):
    page, url = tab.page, live_server.url

    tab.goto(f"{url}/admin/login/")
    tab.check("admin-login")
    page.fill("#id_username", "olga")
    page.fill("#id_password", "pw-123456")
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    tab.check("admin-index")

    tab.goto(f"{url}/admin/production/workorder/")
    page.wait_for_selector("#result_list .c2m-badge")
    tab.check("admin-work-orders")
    tab.goto(f"{url}/admin/production/workorder/{admin_data['work_order'].pk}/change/")
    tab.check("admin-work-order")
    tab.goto(f"{url}/admin/orders/product/{admin_data['product'].pk}/change/")
    tab.check("admin-product")
    tab.goto(f"{url}/admin/c2m/dashboard/")
    page.wait_for_selector("svg.c2m-chart-svg")
    tab.check("admin-dashboard")
    tab.goto(url + reverse("admin:production_capacityday_calendar"))
    tab.check("admin-capacity-calendar")


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_pass_their_own_policy(browser, live_server, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()

    response = page.goto(live_server.url + path)
    page.wait_for_selector("text=C2M Bridge API", timeout=20_000)
    page.wait_for_timeout(300)

    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    # Only what the policy is there to stop: Redoc's "powered by" logo from its CDN.
    violations = page.evaluate("window.__csp")
    assert all(" blocked https://cdn.redoc.ly/" in v for v in violations), violations
    assert page.locator(".swagger-ui, .redoc-wrap").count() == 1
    context.close()
