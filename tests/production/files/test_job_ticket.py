"""Given a work order, when its job ticket is made, then it is a PDF a factory can use."""

from __future__ import annotations

import base64
import datetime
import io
import re
import zlib

from PIL import Image

from production.files import job_ticket_pdf


def thumbnail() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (30, 60, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


def ticket(**overrides) -> bytes:
    arguments = {
        "work_order_number": "WO-2026-000123",
        "product_name": "Classic T-shirt",
        "configuration_lines": [("Size", "L"), ("Colour", "Navy"), ("Text", "你好 Zoë")],
        "operations": [(10, "Print DTG front", 6), (20, "Heat press cure", 3), (30, "Pack", 2)],
        "qr_url": "https://c2m.example/api/factory/v1/work-orders/123",
        "thumbnail_png": thumbnail(),
        "due_date": datetime.date(2026, 12, 1),
        "quantity": 3,
    }
    return job_ticket_pdf(**{**arguments, **overrides})


def page_text(pdf: bytes) -> bytes:
    """The decoded content of every stream (reportlab: ASCII85 then Flate), where text lives."""
    out = []
    for header, body in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", pdf, flags=re.S):
        if b"/ASCII85Decode" in header:
            body = base64.a85decode(body.strip().removesuffix(b"~>"))
        if b"/FlateDecode" in header:
            body = zlib.decompress(body)
        out.append(body)
    return b"\n".join(out)


def test_ticket_is_a_pdf_naming_the_work_order() -> None:
    pdf = ticket()

    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = page_text(pdf)
    for expected in (b"(WO-2026-000123)", b"(Classic T-shirt)", b"Quantity: 3", b"2026-12-01"):
        assert expected in text
    for expected in (b"(Print DTG front)", b"(Heat press cure)", b"(Configuration)"):
        assert expected in text


def test_ticket_embeds_the_thumbnail_only_when_given() -> None:
    assert b"/Subtype /Image" in ticket()
    assert b"/Subtype /Image" not in ticket(thumbnail_png=None)


def test_ticket_has_a_tick_box_per_operation() -> None:
    operations = [(i * 10, f"Step {i}", 1) for i in range(1, 6)]
    three = page_text(ticket(operations=operations[:3], thumbnail_png=None))
    five = page_text(ticket(operations=operations, thumbnail_png=None))
    # The QR code is drawn as rectangles too; compare counts to isolate the boxes.
    assert five.count(b" re") - three.count(b" re") == 2


def test_long_ticket_continues_on_more_pages() -> None:
    operations = [(i, f"Operation {i}", 1) for i in range(1, 80)]
    pdf = ticket(operations=operations)
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 2


def test_ticket_is_deterministic() -> None:
    assert ticket() == ticket()


def test_chinese_text_is_drawn_with_an_embedded_font_and_wraps_between_characters() -> None:
    from production.files.job_ticket import _split, _width

    engraving = (
        "永远爱你，直到海枯石烂，天长地久，此情不渝。我们一起走过的每一天都值得铭记。 Forever"
    )
    pdf = ticket(configuration_lines=[("Engraving", engraving)])

    # The CJK face travels inside the PDF (subset), so any viewer draws it.
    assert b"DroidSansFallback" in pdf and b"/FontFile2" in pdf
    lines = _split(engraving, 10, 200)
    assert len(lines) >= 3 and "".join(lines).replace(" ", "") == engraving.replace(" ", "")
    assert all(_width(line, 10) <= 200 for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)
