"""A shopper on the storefront over HTTP, as a browser without JavaScript would be.

Configures a product, puts it in the cart and checks out with the sandbox card; a ``503``
(the database briefly gone) is retried with the same form, so the same checkout key:
checkout places one order per cart whatever the number of submits.
"""

from __future__ import annotations

import re
import time

import httpx

# An engraved tumbler: two of the demo plants can make it, no artwork upload needed.
TUMBLER = {
    "capacity": "750ml",
    "finish": "matte_black",
    "engraving.font": "serif",
    "quantity": 1,
}
SHANGHAI = {
    "email": "li.wei@example.com",
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "region": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
    "shipping_method": "standard",
    "payment_provider": "test",
    "card_number": "4242 4242 4242 4242",
}
RETRIES = 20


class CheckoutFailed(Exception):
    pass


def _hidden(page: httpx.Response, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page.text)
    if not found:
        raise CheckoutFailed(f"no {name} on {page.request.url.path} ({page.status_code})")
    return found.group(1)


def _send(client: httpx.Client, method: str, path: str, **kwargs: object) -> httpx.Response:
    """The answer, after waiting out ``503`` + ``Retry-After`` (at most ``RETRIES`` times)."""
    for _ in range(RETRIES):
        response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
        if response.status_code != 503:
            return response
        time.sleep(float(response.headers.get("Retry-After") or 1))
    raise CheckoutFailed(f"{method} {path}: still 503 after {RETRIES} tries")


def storefront_checkout(client: httpx.Client, *, sku: str, design: dict, engraving: str) -> str:
    """Buy one configured product as a new guest; return the order's number.

    ``client`` is a fresh cookie-keeping client of the storefront. Raises ``CheckoutFailed``
    when the shop answers something other than the order.
    """
    product = f"/products/{sku}/"
    page = _send(client, "GET", product)
    form = {
        **design,
        "engraving": engraving,
        "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
    }
    added = _send(client, "POST", product, data=form)
    if added.status_code != 302 or added.headers["Location"] != "/cart/":
        raise CheckoutFailed(f"add to cart answered {added.status_code}")
    page = _send(client, "GET", "/checkout/")
    form = {
        **SHANGHAI,
        "idempotency_key": _hidden(page, "idempotency_key"),
        "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
    }
    placed = _send(client, "POST", "/checkout/", data=form)
    found = re.fullmatch(r"/orders/([^/]+)/", placed.headers.get("Location", ""))
    if placed.status_code != 302 or not found:
        raise CheckoutFailed(f"checkout answered {placed.status_code} {placed.headers}")
    return found.group(1)
