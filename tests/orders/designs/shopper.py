"""A shopper driving the product page through the Django test client as a browser would:
it reads the forms from the HTML it was given and posts back what they hold."""

from __future__ import annotations

import html as html_lib
import os
import re
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.imaging import fixtures as fx

HTMX = {"HX-Request": "true"}


class _FormReader(HTMLParser):
    """The fields a browser would submit with form ``form_id``: inside it, or outside it
    with ``form="<form_id>"``; a select without a selected option submits its first one."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.data: dict[str, list[str]] = {}
        self._depth = 0  # >0 while inside the form
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    def _ours(self, attrs: dict[str, str]) -> bool:
        owner = attrs.get("form")
        return owner == self.form_id if owner is not None else self._depth > 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("id") == self.form_id or self._depth:
                self._depth += 1
            return
        name = a.get("name")
        if not name or not self._ours(a) or "disabled" in a:
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            ticked = a.get("type") in ("checkbox", "radio")
            if ticked and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if ticked else ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = [""]

    def _option(self, a: dict[str, str]) -> None:
        assert self._select is not None
        if self._select_first is None:
            self._select_first = a.get("value", "")
        if "selected" in a:
            self._select_chosen = True
            self.data.setdefault(self._select, []).append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            current = self.data[self._textarea][0]
            self.data[self._textarea][0] = current + (data.lstrip("\n") if not current else data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._depth:
            self._depth -= 1
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.data[self._select] = [self._select_first]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, form_id: str) -> dict[str, list[str] | str]:
    """What form ``form_id`` of the page would post (single values unwrapped)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return {k: v[0] if len(v) == 1 else v for k, v in reader.data.items()}


def form_attribute(html: str, form_id: str, attribute: str) -> str:
    tag = re.search(rf'<form[^>]*\bid="{re.escape(form_id)}"[^>]*>', html, re.S)
    assert tag, f"no form {form_id}"
    value = re.search(rf'\b{attribute}="([^"]*)"', tag.group(0))
    assert value, f"form {form_id} has no {attribute}"
    return html_lib.unescape(value.group(1))


def picture(side: int = 1800) -> bytes:
    return fx.encode(fx.photo((side, side)), "PNG")


def noise(side: int) -> bytes:
    """A PNG that does not compress: ``side``² × 3 bytes and more (1.4 MB at 700)."""
    return fx.encode(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), "PNG")


def upload_through_page(client: Client, page_html: str, data: bytes, option: str = "artwork_front"):
    """Post ``data`` with the page's upload control for ``option``, as htmx does."""
    form_id = f"artwork-upload-{option}"
    fields = form_fields(page_html, form_id)
    fields["file"] = SimpleUploadedFile("art.png", data, content_type="image/png")  # type: ignore[assignment]
    return client.post(form_attribute(page_html, form_id, "hx-post"), fields, headers=HTMX)


def swap_upload(page_html: str, partial_html: str, option: str = "artwork_front") -> str:
    """The page after htmx swapped the upload control for the answer's partial."""
    pattern = rf'<form class="artwork-upload" id="artwork-upload-{option}".*?</form>'
    assert re.search(pattern, page_html, re.S), "the page has no upload control"
    return re.sub(pattern, lambda _m: partial_html, page_html, count=1, flags=re.S)


def configure(client: Client, sku: str, page_html: str, **changes: str) -> str:
    """The configurator's live update for the page's form with ``changes`` applied."""
    fields = {**form_fields(page_html, "configurator"), **changes}
    return client.post(f"/products/{sku}/configure/", fields, headers=HTMX).content.decode()


def submit(client: Client, url: str, page_html: str, action: str = "add", **changes: str):
    """Press the configurator's button ``action`` with ``changes`` applied."""
    fields = {**form_fields(page_html, "configurator"), **changes, "action": action}
    return client.post(url, fields)
