"""The artwork URL fetcher (merchants.services.safe_fetch): https only, never a private,
loopback, link-local, metadata or mapped address (checked on the real addresses), the
checked address pinned with the name as SNI and Host, redirects checked at every hop,
size, type and content limits; and a real fetch from a local HTTPS server."""

from __future__ import annotations

import io
import ipaddress

import pytest
from PIL import Image

from merchants.services.safe_fetch import (
    FetchLimits,
    FetchRefused,
    address_public,
    fetch_image,
)
from tests.merchants.https_server import NAME, HttpsServer, Route

LIMITS = FetchLimits(max_bytes=200_000, timeout_seconds=5, max_redirects=2)
PNG_START = b"\x89PNG\r\n\x1a\n"
LOOPBACK = [ipaddress.ip_network("127.0.0.1/32")]


def png(size=(300, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def to_loopback(host: str, port: int) -> list[str]:
    """A resolver double: the test name is the local server (real DNS never knows it)."""
    return ["127.0.0.1"] if host == NAME else []


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",  # cloud metadata
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "ff02::1",
    ],
)
def test_private_loopback_link_local_reserved_and_mapped_addresses_are_not_public(address):
    assert not address_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are(address):
    assert address_public(address)


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://127.0.0.1/logo.png",
        "https://10.0.0.1/logo.png",
        "https://[::1]/logo.png",
        "https://[::ffff:10.0.0.1]/logo.png",
        "https://localhost/logo.png",
    ],
)
def test_a_url_on_a_private_address_is_refused_before_connecting(url):
    with pytest.raises(FetchRefused) as refused:
        fetch_image(url, limits=LIMITS)  # the real resolver, no network needed

    assert refused.value.code == "private_address"


@pytest.mark.parametrize(
    "url,code",
    [
        ("http://example.com/a.png", "not_https"),
        ("ftp://example.com/a.png", "not_https"),
        ("https://u:p@example.com/", "invalid_url"),
        ("https://例子.cn/a.png", "invalid_url"),  # send IRIs percent-encoded
        ("https://example.com/" + "a" * 2000, "invalid_url"),
    ],
)
def test_only_plain_https_urls_are_fetched(url, code):
    with pytest.raises(FetchRefused) as refused:
        fetch_image(url, limits=LIMITS)
    assert refused.value.code == code


def test_a_name_resolving_to_loopback_is_refused_with_the_guard_on(https_server: HttpsServer):
    https_server.routes["/logo.png"] = Route(200, {"Content-Type": "image/png"}, png())

    with pytest.raises(FetchRefused) as refused:
        fetch_image(https_server.url("/logo.png"), limits=LIMITS, resolve=to_loopback)

    assert refused.value.code == "private_address"
    assert not any(path == "/logo.png" for path, _, _ in https_server.seen)


def test_the_image_is_fetched_from_the_pinned_address_with_the_name_as_sni_and_host(
    https_server: HttpsServer,
):
    image = png()
    https_server.routes["/art/logo.png"] = Route(200, {"Content-Type": "image/png"}, image)

    data = fetch_image(
        https_server.url("/art/logo.png"),
        limits=LIMITS,
        resolve=to_loopback,
        allowed_networks=LOOPBACK,
        ssl_context=https_server.client_context,
    )

    assert data == image
    path, host, sni = https_server.seen[-1]
    assert (path, host) == ("/art/logo.png", f"{NAME}:{https_server.port}")
    assert sni == NAME


def test_a_redirect_to_a_private_address_is_refused(https_server: HttpsServer):
    for path, target in (
        ("/to-private", "https://10.0.0.1/logo.png"),
        ("/to-metadata", "https://169.254.169.254/latest/meta-data/"),
        ("/to-http", "http://example.com/logo.png"),
    ):
        https_server.routes[path] = Route(302, {"Location": target})

    codes = []
    for path in ("/to-private", "/to-metadata", "/to-http"):
        with pytest.raises(FetchRefused) as refused:
            fetch_image(
                https_server.url(path),
                limits=LIMITS,
                resolve=to_loopback,
                allowed_networks=LOOPBACK,
                ssl_context=https_server.client_context,
            )
        codes.append(refused.value.code)

    assert codes == ["private_address", "private_address", "not_https"]


def test_redirects_are_followed_a_few_times_only(https_server: HttpsServer):
    https_server.routes["/hop"] = Route(302, {"Location": "/hop2"})
    https_server.routes["/hop2"] = Route(301, {"Location": "/hop3"})
    https_server.routes["/hop3"] = Route(302, {"Location": "/hop"})
    https_server.routes["/ok-hop"] = Route(302, {"Location": "/ok.png"})
    https_server.routes["/ok.png"] = Route(200, {"Content-Type": "image/png"}, png())
    common = dict(
        limits=LIMITS,
        resolve=to_loopback,
        allowed_networks=LOOPBACK,
        ssl_context=https_server.client_context,
    )

    assert fetch_image(https_server.url("/ok-hop"), **common) == png()
    with pytest.raises(FetchRefused) as refused:
        fetch_image(https_server.url("/hop"), **common)
    assert refused.value.code == "too_many_redirects"


@pytest.mark.parametrize(
    "route,code",
    [
        (
            Route(200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"0" * 300_000),
            "too_large",
        ),
        (Route(200, {"Content-Type": "text/html"}, b"<html>hi</html>"), "not_an_image"),
        (Route(200, {"Content-Type": "image/png"}, b"<svg xmlns='x'></svg>"), "not_an_image"),
        (Route(404, {"Content-Type": "text/html"}, b"gone"), "http_error"),
    ],
)
def test_too_big_not_an_image_and_errors_are_refused(https_server: HttpsServer, route, code):
    https_server.routes["/thing"] = route

    with pytest.raises(FetchRefused) as refused:
        fetch_image(
            https_server.url("/thing"),
            limits=LIMITS,
            resolve=to_loopback,
            allowed_networks=LOOPBACK,
            ssl_context=https_server.client_context,
        )

    assert refused.value.code == code


def test_a_certificate_for_another_name_is_refused(https_server: HttpsServer):
    https_server.routes["/logo.png"] = Route(200, {"Content-Type": "image/png"}, png())

    with pytest.raises(FetchRefused) as refused:
        fetch_image(
            https_server.url("/logo.png", host="other.example.test"),
            limits=LIMITS,
            resolve=lambda host, port: ["127.0.0.1"],
            allowed_networks=LOOPBACK,
            ssl_context=https_server.client_context,
        )

    assert refused.value.code == "connection_failed"
