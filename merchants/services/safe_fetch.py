"""Fetching an image from a merchant's https URL without letting the URL reach inside our
network (SSRF).

Every hop (the URL and each redirect) is https; its host is resolved once here, every
address it resolves to must be public (not private, loopback, link-local, multicast,
reserved, unspecified, nor an IPv6 address carrying such an IPv4 one), and the connection
goes to the checked address (pinned: a second, rebound DNS answer is never asked for) with
the name as SNI, certificate name and ``Host``. The body is streamed and dropped past the
size limit; the whole fetch has one deadline; the answer must say and be an image.

No Django models here: the caller (``merchants.services.artwork_fetches``) records the
outcome and passes the bytes through the storefront's upload checks.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from imaging.intake import ACCEPTED_FORMATS, sniff_format

Resolver = Callable[[str, int], list[str]]
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/tiff"})
MAX_URL_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int
    timeout_seconds: float
    max_redirects: int


class FetchRefused(Exception):
    """The URL was not fetched: ``code`` says why (``merchants.services.artwork_fetches``
    words it); ``permanent`` is False for what may pass on a later try."""

    def __init__(self, code: str, detail: str = "", *, permanent: bool = True) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.permanent = permanent


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises ``OSError`` when it does not)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def address_public(address: str) -> bool:
    """True only for a globally routable unicast address; an IPv6 address embedding an
    IPv4 one (mapped, 6to4, Teredo) is judged by the embedded address too."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip.ipv4_mapped is not None:
            return False  # never dial an IPv4 address through an IPv6 spelling
        if any(e is not None and not address_public(str(e)) for e in embedded):
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def address_allowed(address: str, *, allowed_networks: Sequence[IPNetwork] = ()) -> bool:
    """``address_public``, or inside one of ``allowed_networks`` (a test's local server)."""
    if address_public(address):
        return True
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return any(ip.version == net.version and ip in net for net in allowed_networks)


def url_check(url: str) -> tuple[str, int]:
    """``(host, port)`` of an https URL; raises ``FetchRefused`` (``invalid_url``,
    ``not_https``)."""
    # Printable ASCII only (an IRI is sent percent-encoded): bounded in bytes as in characters.
    if (
        not isinstance(url, str)
        or not 0 < len(url) <= MAX_URL_LENGTH
        or not all(" " < ch < "\x7f" for ch in url)
    ):
        raise FetchRefused("invalid_url")
    try:
        parts = urlsplit(url)
        port = parts.port or 443
    except ValueError:
        raise FetchRefused("invalid_url") from None
    if parts.scheme.lower() != "https":
        raise FetchRefused("not_https")
    if not parts.hostname or parts.username or parts.password:
        raise FetchRefused("invalid_url")
    return parts.hostname, port


def pinned_address(
    host: str, port: int, *, resolve: Resolver, allowed_networks: Sequence[IPNetwork]
) -> str:
    """The address to connect to: the first ``host`` resolves to, once every one of them
    passed ``address_allowed``. Raises ``FetchRefused`` (``unresolvable``,
    ``private_address``)."""
    try:
        addresses = [host] if _is_ip(host) else resolve(host, port)
    except (OSError, UnicodeError):
        raise FetchRefused("unresolvable", host, permanent=False) from None
    if not addresses:
        raise FetchRefused("unresolvable", host, permanent=False)
    for address in addresses:
        if not address_allowed(address, allowed_networks=allowed_networks):
            raise FetchRefused("private_address", address)
    return addresses[0].split("%", 1)[0]


def fetch_image(
    url: str,
    *,
    limits: FetchLimits,
    resolve: Resolver = system_resolve,
    allowed_networks: Sequence[IPNetwork] = (),
    ssl_context: ssl.SSLContext | None = None,
) -> bytes:
    """The bytes of the image at ``url``, fetched as the module docstring says.

    Raises ``FetchRefused``: ``invalid_url``, ``not_https``, ``unresolvable``,
    ``private_address``, ``too_many_redirects``, ``http_error`` (not 200),
    ``not_an_image`` (content type or leading bytes), ``too_large``, ``timeout``,
    ``connection_failed``.
    """
    deadline = time.monotonic() + limits.timeout_seconds
    context = ssl_context or ssl.create_default_context()
    with httpx.Client(verify=context, trust_env=False, follow_redirects=False) as client:
        for _hop in range(limits.max_redirects + 1):
            host, port = url_check(url)
            address = pinned_address(host, port, resolve=resolve, allowed_networks=allowed_networks)
            try:
                location = _get_one(client, url, host, port, address, limits, deadline)
            except httpx.TimeoutException:
                raise FetchRefused("timeout", permanent=False) from None
            except httpx.HTTPError as error:
                raise FetchRefused(
                    "connection_failed", type(error).__name__, permanent=False
                ) from None
            if isinstance(location, bytes):
                return location
            url = location
    raise FetchRefused("too_many_redirects")


def _get_one(
    client: httpx.Client,
    url: str,
    host: str,
    port: int,
    address: str,
    limits: FetchLimits,
    deadline: float,
) -> bytes | str:
    """One request to the pinned ``address``: the body, or the next URL of a redirect."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    target = urlunsplit(("https", f"{literal}:{port}", parts.path or "/", parts.query, ""))
    sni = host.encode("idna").decode("ascii") if not _is_ip(host) else None
    host_header = (sni or literal) + ("" if port == 443 else f":{port}")
    remaining = _remaining(deadline)
    extensions: dict[str, object] = {
        "timeout": {"connect": remaining, "read": remaining, "write": remaining, "pool": remaining}
    }
    if sni:
        extensions["sni_hostname"] = sni
    request = client.build_request(
        "GET",
        target,
        headers={
            "Host": host_header,
            "Accept": ", ".join(sorted(IMAGE_TYPES)),
            "Accept-Encoding": "identity",
            "User-Agent": "C2M-Bridge-artwork-fetch/1",
        },
        extensions=extensions,
    )
    response = client.send(request, stream=True)
    try:
        if response.is_redirect:
            location = response.headers.get("location", "")
            if not location:
                raise FetchRefused("http_error", str(response.status_code))
            return urljoin(url, location)
        if response.status_code != 200:
            raise FetchRefused(
                "http_error", str(response.status_code), permanent=response.status_code < 500
            )
        media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type not in IMAGE_TYPES:
            raise FetchRefused("not_an_image", media_type)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchRefused("too_large", declared)
        body = bytearray()
        for chunk in response.iter_raw():
            body += chunk
            if len(body) > limits.max_bytes:
                raise FetchRefused("too_large", f">{limits.max_bytes}")
            _remaining(deadline)
    finally:
        response.close()
    if sniff_format(bytes(body[:4096])) not in ACCEPTED_FORMATS:
        raise FetchRefused("not_an_image", "content")
    return bytes(body)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused("timeout", permanent=False)
    return left


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
