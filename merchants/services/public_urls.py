"""URLs the platform calls on a merchant's behalf must point at public hosts: every
address the name resolves to is checked, so a name resolving to a private, loopback or
link-local address is refused."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

from c2m.errors import ApplicationError


def public_url_check(url: str, *, resolve: bool, code: str = "invalid_url") -> None:
    """Raises ``ApplicationError`` (``code``) unless ``url`` is https on a public host
    (``settings.MERCHANT_ALLOW_PRIVATE_HOSTS`` lets tests use a local receiver)."""
    allow_private = getattr(settings, "MERCHANT_ALLOW_PRIVATE_HOSTS", False)
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise ApplicationError("Give an https URL.", code=code, errors={"url": ["https only."]})
    if allow_private:
        return
    host = parts.hostname
    addresses = [host]
    if resolve:
        try:
            addresses = [str(a[4][0]) for a in socket.getaddrinfo(host, parts.port or 443)]
        except (OSError, UnicodeError):
            raise ApplicationError(
                "The host does not resolve.", code=code, errors={"url": ["Unknown host."]}
            ) from None
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            if host.lower() == "localhost" or host.lower().endswith(".localhost"):
                raise ApplicationError(
                    "The URL must point to a public host.",
                    code=code,
                    errors={"url": ["Not a public host."]},
                ) from None
            continue
        if not ip.is_global:
            raise ApplicationError(
                "The URL must point to a public host.",
                code=code,
                errors={"url": ["Not a public host."]},
            )
