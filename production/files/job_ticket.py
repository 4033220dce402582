"""The job ticket: one A4 PDF page a factory prints and keeps with the work in progress."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from imaging.fonts import PDF_CJK_FACE, face_path, needs_cjk

_NO_LINE_START = frozenset("，。、；：！？）」』】》")
_DEJAVU = {False: "dejavu-sans", True: "dejavu-sans-bold"}

MARGIN = 15 * mm
PAGE_W, PAGE_H = A4


def job_ticket_pdf(
    *,
    work_order_number: str,
    product_name: str,
    configuration_lines: Sequence[tuple[str, str]],
    operations: Sequence[tuple[int, str, int | float]],
    qr_url: str,
    thumbnail_png: bytes | None,
    due_date: date | datetime | str,
    quantity: int,
) -> bytes:
    """The ticket as PDF bytes (A4, more pages if the lists are long).

    It shows the work order number (also the PDF title), product, quantity, due date, the
    configuration in words, an operations checklist with tick boxes and minutes, a QR code
    of ``qr_url`` and the preview thumbnail. Output is byte-identical for the same input
    (reportlab's invariant mode: no timestamps or random document ids).

    Raises ``OSError``/``ValueError`` if ``thumbnail_png`` is not a readable image.
    """
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"Job ticket {work_order_number}")
    pdf.setSubject(product_name)
    pdf.setCreator("C2M Bridge")

    top = PAGE_H - MARGIN
    pdf.setFont("Helvetica", 10)
    pdf.drawString(MARGIN, top - 10, "JOB TICKET / WORK ORDER")
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(MARGIN, top - 38, work_order_number)
    _text(pdf, MARGIN, top - 60, product_name, 14, bold=True)
    pdf.setFont("Helvetica", 12)
    due = due_date.isoformat() if isinstance(due_date, date | datetime) else str(due_date)
    pdf.drawString(MARGIN, top - 80, f"Quantity: {quantity}")
    pdf.drawString(MARGIN + 60 * mm, top - 80, f"Due: {due}")

    qr_size = 38 * mm
    _qr(pdf, qr_url, PAGE_W - MARGIN - qr_size, top - qr_size, qr_size)
    pdf.setFont("Helvetica", 6)
    for i, line in enumerate(simpleSplit(qr_url, "Helvetica", 6, qr_size + 10 * mm)[:3]):
        pdf.drawRightString(PAGE_W - MARGIN, top - qr_size - 8 - i * 7, line)

    y = top - 110
    if thumbnail_png:
        box = 55 * mm
        image = ImageReader(io.BytesIO(thumbnail_png))
        w, h = image.getSize()
        scale = min(box / w, box / h)
        x = PAGE_W - MARGIN - w * scale
        pdf.drawImage(image, x, y - h * scale, w * scale, h * scale)
        pdf.rect(x, y - h * scale, w * scale, h * scale, stroke=1, fill=0)
    text_width = PAGE_W - 2 * MARGIN - (60 * mm if thumbnail_png else 0)

    y = _heading(pdf, y, "Configuration")
    for label, value in configuration_lines:
        y = _ensure_room(pdf, y, 16)
        _text(pdf, MARGIN, y, f"{label}:", 10, bold=True)
        for line in _split(f"{value}", 10, text_width - 45 * mm):
            y = _ensure_room(pdf, y, 14)
            _text(pdf, MARGIN + 45 * mm, y, line, 10)
            y -= 14
    y = min(y, PAGE_H - MARGIN - 110 - 60 * mm) if thumbnail_png else y

    y = _heading(pdf, y - 8, "Operations")
    pdf.setFont("Helvetica", 8)
    pdf.drawString(MARGIN + 16 * mm, y + 2, "Seq")
    pdf.drawString(MARGIN + 28 * mm, y + 2, "Operation")
    pdf.drawRightString(PAGE_W - MARGIN - 45 * mm, y + 2, "Minutes")
    pdf.drawString(PAGE_W - MARGIN - 40 * mm, y + 2, "Done by")
    y -= 16
    for seq, name, minutes in operations:
        y = _ensure_room(pdf, y, 22)
        pdf.rect(MARGIN + 2 * mm, y - 2, 5 * mm, 5 * mm, stroke=1, fill=0)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(MARGIN + 16 * mm, y, str(seq))
        _text(pdf, MARGIN + 28 * mm, y, _split(name, 10, 95 * mm)[0], 10)
        pdf.setFont("Helvetica", 10)
        pdf.drawRightString(PAGE_W - MARGIN - 45 * mm, y, f"{minutes:g}")
        pdf.line(PAGE_W - MARGIN - 40 * mm, y - 2, PAGE_W - MARGIN, y - 2)
        y -= 22
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _heading(pdf: Canvas, y: float, title: str) -> float:
    y = _ensure_room(pdf, y, 40)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(MARGIN, y, title)
    pdf.line(MARGIN, y - 4, PAGE_W - MARGIN, y - 4)
    return y - 20


def _ensure_room(pdf: Canvas, y: float, needed: float) -> float:
    if y - needed >= MARGIN:
        return y
    pdf.showPage()
    return PAGE_H - MARGIN - 12


def _text(pdf: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False) -> None:
    for font, chunk in _runs(text, bold):
        pdf.setFont(font, size)
        pdf.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, font, size)


def _split(text: str, size: float, width: float) -> list[str]:
    """``text`` wrapped to ``width``: between words, and between any two CJK characters."""
    tokens = [
        piece
        for word in re.findall(r"\S+\s*|\s+", text)
        for cjk, chars in groupby(word, key=needs_cjk)
        for piece in (list(chars) if cjk else ["".join(chars)])
    ]
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i] in _NO_LINE_START:  # "，" and "。" stay with the character before them
            tokens[i - 1] += tokens.pop(i)
    lines, line = [], ""
    for token in tokens:
        if line.strip() and _width(line + token.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    return lines


def _width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in _runs(text, False))


def _runs(text: str, bold: bool) -> list[tuple[str, str]]:
    """Runs of ``text`` with their font: Helvetica for plain ASCII, DejaVu for other
    Latin/Cyrillic/Greek, the shipped Droid Sans Fallback (embedded, subset) for CJK."""
    if text.isascii():
        return [("Helvetica-Bold" if bold else "Helvetica", text)]
    return [
        (_ttf_font(PDF_CJK_FACE) if cjk else _ttf_font(_DEJAVU[bold]), "".join(chars))
        for cjk, chars in groupby(text, key=needs_cjk)
    ]


@lru_cache(maxsize=4)
def _ttf_font(face: str) -> str:
    """The reportlab name of registry face ``face``, registered once (raises
    ``FontFileMissing`` when its file is not installed)."""
    name = f"c2m-{face}"
    pdfmetrics.registerFont(TTFont(name, str(face_path(face))))
    return name


def _qr(pdf: Canvas, value: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(value, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)
