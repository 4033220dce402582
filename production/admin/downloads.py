"""What factory staff download from a work order: its job ticket and production files."""

from __future__ import annotations

import io

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from production.models import WorkOrder


def production_file(work_order: WorkOrder, index: int) -> FileResponse:
    """The ``index``-th entry of ``snapshot["files"]`` from storage; 404 when absent."""
    files = work_order.snapshot.get("files") or []
    if not 0 <= index < len(files) or not isinstance(files[index], dict):
        raise Http404("No such file.")
    entry = files[index]
    path = entry.get("path") or ""
    if not path or not default_storage.exists(path):
        raise Http404("The file is not in storage.")
    response = FileResponse(
        default_storage.open(path, "rb"),
        as_attachment=True,
        filename=entry.get("name") or path.rsplit("/", 1)[-1],
        content_type=entry.get("content_type") or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def job_ticket(work_order: WorkOrder) -> HttpResponse:
    """A one-page PDF the shop floor works from; the address only once accepted."""
    from production.admin.work_orders import address_label

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = A4[1] - 20 * mm

    def line(text: str, size: int = 10, gap: float = 6) -> None:
        nonlocal y
        pdf.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        pdf.drawString(20 * mm, y, text[:110])
        y -= gap * mm

    line(f"Job ticket {work_order.number}", 16, 10)
    line(f"Order {work_order.order_number} · due {work_order.due_date.isoformat()}")
    line(f"{work_order.product_name} ({work_order.product_sku}) × {work_order.quantity}")
    line(f"Status: {work_order.get_status_display()}", gap=10)
    line("Configuration", 12, 7)
    for label, value in work_order.snapshot.get("configuration_summary") or []:
        line(f"  {label}: {value}")
    for title, key in [("Operations", "operations"), ("Bill of materials", "bill_of_materials")]:
        y -= 3 * mm
        line(title, 12, 7)
        for item in work_order.snapshot.get(key) or []:
            line(f"  {item}")
    label = address_label(work_order)
    if label:
        y -= 3 * mm
        line("Ship to", 12, 7)
        for text in label.splitlines():
            line(f"  {text}")
    pdf.showPage()
    pdf.save()
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{work_order.number}.pdf"'
    return response
