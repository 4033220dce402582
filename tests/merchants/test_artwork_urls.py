"""A merchant names artwork by an https URL in quote and order lines: the line waits (409
artwork_pending) while a worker fetches it, is refused with the reason when the fetch
fails, and is quoted and ordered with the fetched artwork once it is there."""

from __future__ import annotations

import pytest

from merchants.models import ArtworkFetch, MerchantOrder
from merchants.services.artwork_fetches import artwork_fetch_run
from orders.models import Artwork
from tests.merchants.conftest import quote_body
from tests.merchants.https_server import HttpsServer, Route
from tests.merchants.test_isolation import png

pytestmark = pytest.mark.django_db


def tee(url: str) -> dict:
    return {
        "sku": "TEE-PRINT",
        "quantity": 1,
        "options": {
            "size": "M",
            "colour": "#111111",
            "artwork_front": {"artwork_url": url},
        },
    }


@pytest.fixture
def shirts(tumbler):
    from tests.factories import demo_product

    return demo_product("TEE-PRINT")


@pytest.fixture
def served(https_server: HttpsServer) -> str:
    https_server.routes["/logo.png"] = Route(200, {"Content-Type": "image/png"}, png())
    https_server.routes["/page.html"] = Route(200, {"Content-Type": "text/html"}, b"<p>hi</p>")
    return https_server.url("/logo.png", host="127.0.0.1")


def run_fetches(https_server: HttpsServer) -> list[str]:
    return [
        artwork_fetch_run(fetch_id=pk, ssl_context=https_server.client_context)
        for pk in ArtworkFetch.objects.values_list("pk", flat=True)
    ]


def test_a_line_waits_for_its_artwork_then_is_ordered_with_it(
    acme, shirts, served, https_server, settings, django_capture_on_commit_callbacks
):
    settings.ARTWORK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the local HTTPS server
    body = {"reference": "URL-1", **quote_body(tee(served)), "confirm": True}

    with django_capture_on_commit_callbacks() as queued:
        waiting = acme.post("/orders/", body)
    again = acme.post("/orders/", body)

    assert waiting.status_code == 409
    assert waiting.json()["code"] == "artwork_pending"
    assert list(waiting.json()["errors"]) == ["lines[0].options.artwork_front"]
    assert again.status_code == 409
    assert len(queued) == 1  # one worker task, one fetch record for the line
    assert ArtworkFetch.objects.get().status == "pending"
    assert not MerchantOrder.objects.exists()

    assert run_fetches(https_server) == ["fetched"]
    assert run_fetches(https_server) == ["fetched"]  # idempotent: nothing fetched twice
    placed = acme.post("/orders/", body)

    assert placed.status_code == 201, placed.content
    artwork = Artwork.objects.get()
    assert ArtworkFetch.objects.get().artwork == artwork
    options = placed.json()["items"][0]["options"]
    assert options["artwork_front"]["artwork_id"] == artwork.public_id
    assert "artwork_url" not in options["artwork_front"]
    assert placed.json()["status"] == "confirmed"


def test_a_failed_fetch_is_refused_with_its_reason_per_line(
    acme, shirts, served, https_server, settings
):
    # No network is allowed here: the loopback server is refused as a private address.
    lines = quote_body(tee(served), tee(https_server.url("/page.html", host="127.0.0.1")))
    assert acme.post("/quotes/", lines).status_code == 409

    assert sorted(run_fetches(https_server)) == ["failed", "failed"]
    refused = acme.post("/quotes/", lines)
    refused_zh = acme.post("/quotes/", lines, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "artwork_fetch_failed"
    assert body["errors"]["lines[0].options.artwork_front"] == [
        "The artwork URL points to a private or reserved network address."
    ]
    assert "lines[1].options.artwork_front" in body["errors"]
    assert refused_zh.json()["errors"]["lines[0].options.artwork_front"][0].isascii() is False
    assert set(ArtworkFetch.objects.values_list("reason", flat=True)) == {"private_address"}


def test_a_page_that_is_not_an_image_fails_its_fetch(acme, shirts, https_server, settings):
    settings.ARTWORK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    https_server.routes["/page.html"] = Route(200, {"Content-Type": "text/html"}, b"<p>hi</p>")
    url = https_server.url("/page.html", host="127.0.0.1")
    acme.post("/quotes/", quote_body(tee(url)))

    assert run_fetches(https_server) == ["failed"]
    assert ArtworkFetch.objects.get().reason == "not_an_image"


def test_an_http_url_is_refused_at_once_and_nothing_is_fetched(acme, shirts):
    refused = acme.post("/quotes/", quote_body(tee("http://example.com/logo.png")))

    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_lines"
    assert "lines[0].options.artwork_front" in refused.json()["errors"]
    assert not ArtworkFetch.objects.exists()


def test_a_fetch_whose_message_was_lost_is_sent_again_when_the_merchant_asks_again(
    acme, shirts, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone
    from freezegun import freeze_time

    body = quote_body(tee("https://cdn.example.com/logo.png"))
    now = timezone.now()
    with django_capture_on_commit_callbacks() as first:
        acme.post("/quotes/", body)
    with freeze_time(now + timedelta(seconds=30)), django_capture_on_commit_callbacks() as soon:
        acme.post("/quotes/", body)
    with freeze_time(now + timedelta(minutes=3)), django_capture_on_commit_callbacks() as later:
        acme.post("/quotes/", body)

    assert (len(first), len(soon), len(later)) == (1, 0, 1)
    assert ArtworkFetch.objects.count() == 1
