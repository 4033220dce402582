"""OpenAPI ``links``: how a value one operation answers feeds the next request.

drf-spectacular has no way to state them on a view, so each API declares its links as
data beside its URLs (a ``LINKS`` list of ``Link``), settings name those lists
(``C2M_OPENAPI_LINKS``) and ``links_add``, a postprocessing hook, writes them into the
responses they start from. Clients and schemathesis' stateful tests follow them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Link:
    """After ``source`` (method and path, as published) answers ``status``, ``target``
    can be called with ``parameters`` (``{"path.id": "$response.body#/id"}``) and
    ``request_body`` (fields merged into the body: ``{"quote_id": "$response.body#/id"}``)
    taken from that answer, as OpenAPI runtime expressions."""

    name: str
    source: tuple[str, str]
    status: str
    target: tuple[str, str]
    description: str
    parameters: Mapping[str, str] = field(default_factory=dict)
    request_body: Mapping[str, str] | None = None

    def as_openapi(self, operation_id: str) -> dict[str, Any]:
        link: dict[str, Any] = {"operationId": operation_id, "description": self.description}
        if self.parameters:
            link["parameters"] = dict(self.parameters)
        if self.request_body is not None:
            link["requestBody"] = dict(self.request_body)
        return link


def declared_links() -> list[Link]:
    """Every API's links, from the lists ``settings.C2M_OPENAPI_LINKS`` names."""
    return [link for path in settings.C2M_OPENAPI_LINKS for link in import_string(path)]


def links_add(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the declared links, on their source responses.

    Raises ImproperlyConfigured when a link names an operation or a response the schema
    does not have, so a renamed path or a dropped status cannot silently lose a link.
    """
    paths = result.get("paths", {})
    for link in declared_links():
        source, target = (
            paths.get(path, {}).get(method.lower()) for method, path in (link.source, link.target)
        )
        if source is None or target is None:
            raise ImproperlyConfigured(f"OpenAPI link {link.name}: no such operation")
        response = source["responses"].get(link.status)
        if response is None:
            raise ImproperlyConfigured(
                f"OpenAPI link {link.name}: {link.source} never answers {link.status}"
            )
        links = response.setdefault("links", {})
        if link.name in links:
            raise ImproperlyConfigured(f"OpenAPI link {link.name}: declared twice on {link.source}")
        links[link.name] = link.as_openapi(target["operationId"])
    return result
