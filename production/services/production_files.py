"""Print-ready files and the job ticket of a work order, made once and named by content."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from c2m.errors import ApplicationError
from imaging import ArtworkLayer, Placement, TextLayer, preview_source, render_preview
from imaging.fonts import UnknownFont
from imaging.print_setups import GENERIC_TEXT_AREA, PrintSetup, font_code, print_setup_for
from orders.services.production_feedback import artwork_png_for_production
from production.files import job_ticket_pdf, print_file, text_dxf, text_file, text_svg
from production.files.specs import FileSpec, configuration_values, file_specs
from production.models import ProductionFile, WorkOrder, WorkOrderEvent, WorkOrderEventType

logger = logging.getLogger(__name__)
FAILED_EVENT = WorkOrderEventType.FILES_FAILED
_TYPES = {
    ".png": "image/png",
    ".tif": "image/tiff",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".dxf": "image/vnd.dxf",
}
_PERMANENT = (ApplicationError, KeyError, ValueError, UnknownFont, OSError)


def work_order_files_generate(*, work_order_id: int) -> list[ProductionFile]:
    """Make the work order's missing files; return the rows created now.

    Files already recorded are skipped, so a re-run creates nothing. A file that cannot be
    made (artwork gone, unknown area or font) is logged and recorded once as a
    ``files_failed`` work-order event; the other files are still made. A work order that
    does not exist (a message that outlived its database) makes nothing and is logged.
    Database errors propagate (the task retries them).
    """
    work_order = WorkOrder.objects.filter(pk=work_order_id).first()
    if work_order is None:
        logger.warning("no work order %s: no production files to make", work_order_id)
        return []
    values = configuration_values(work_order.snapshot.get("configuration") or {})
    setup = print_setup_for(work_order.product_sku)
    done = set(work_order.files.values_list("name", flat=True))
    created: list[ProductionFile] = []
    for spec in file_specs(work_order, values, setup):
        if spec.name in done:
            continue
        try:
            data = _render(work_order, spec, values, setup)
        except _PERMANENT as error:
            _record_failure(work_order, spec, error)
            continue
        row = _record(work_order, spec, data)
        if row is not None:
            created.append(row)
    return created


def _render(
    work_order: WorkOrder, spec: FileSpec, values: Mapping[str, Any], setup: PrintSetup | None
) -> bytes:
    if spec.kind == "job_ticket":
        return _job_ticket(work_order, values, setup)
    value = values.get(spec.option or "")
    if not isinstance(value, Mapping):
        raise KeyError(f"no option value for {spec.name}")
    if spec.kind == "text":
        area = setup.text_area(spec.option or "") if setup else GENERIC_TEXT_AREA
        font = setup.font(value.get("font")) if setup else font_code(value.get("font"))
        text = str(value["text"])
        if spec.name.lower().endswith((".svg", ".dxf")):
            vector = text_svg if spec.name.lower().endswith(".svg") else text_dxf
            return vector(text=text, font=font, width_mm=area.width_mm, height_mm=area.height_mm)
        return text_file(text=text, font=font, area=area)
    if spec.kind == "print_area":
        if setup is None:
            raise KeyError(f"no print areas known for {work_order.product_sku}")
        artwork = _artwork_image(str(value["artwork_id"]))
        return print_file(
            artwork=artwork,
            area=setup.area(spec.area or value.get("print_area") or setup.areas[0].name),
            placement=_placement(value.get("placement")),
            process="cmyk" if spec.process == "cmyk" else "dtg",
        )
    raise ValueError(f"unknown file kind {spec.kind!r}")


def _job_ticket(
    work_order: WorkOrder, values: Mapping[str, Any], setup: PrintSetup | None
) -> bytes:
    snapshot = work_order.snapshot
    lines = [
        (str(label), str(value)) for label, value in snapshot.get("configuration_summary") or []
    ]
    if not lines:
        lines = [(code, _in_words(value)) for code, value in sorted(values.items())]
    path = reverse("factory-api:work-order", kwargs={"pk": work_order.pk})
    return job_ticket_pdf(
        work_order_number=work_order.number,
        product_name=work_order.product_name,
        configuration_lines=lines,
        operations=_operations(snapshot.get("operations") or [], work_order),
        qr_url=settings.SITE_URL.rstrip("/") + path,
        thumbnail_png=_thumbnail(values, setup),
        due_date=work_order.due_date,
        quantity=work_order.quantity,
    )


def _thumbnail(values: Mapping[str, Any], setup: PrintSetup | None) -> bytes | None:
    """The customer's preview, small, for the ticket (None for products without a mockup)."""
    if setup is None:
        return None
    mockup = setup.mockup_for(values)
    layers: list[ArtworkLayer | TextLayer] = []
    for code, value in sorted(values.items()):
        if not isinstance(value, Mapping):
            continue
        if "artwork_id" in value and (value.get("print_area") or "front") in setup.shown_areas:
            image = preview_source(_artwork_image(str(value["artwork_id"]), preview=True), 600)
            area = value.get("print_area") or setup.areas[0].name
            layers.append(ArtworkLayer(image, area, _placement(value.get("placement"))))
        elif isinstance(value.get("text"), str) and setup.text_area(code).name in setup.shown_areas:
            layers.append(
                TextLayer(
                    value["text"],
                    setup.text_area(code).name,
                    font=setup.font(value.get("font")),
                    colour=setup.text_colour(values),
                )
            )
    return render_preview(
        mockup=mockup.path, print_areas=mockup.print_areas, layers=layers, size=400, fmt="png"
    )


def _artwork_image(artwork_id: str, *, preview: bool = False) -> Image.Image:
    data = artwork_png_for_production(artwork_id, preview=preview)
    image = Image.open(io.BytesIO(data), formats=["PNG"])
    image.load()
    return image


def _placement(raw: Any) -> Placement:
    raw = raw if isinstance(raw, Mapping) else {}
    fields = ("offset_x", "offset_y", "scale", "rotation_deg")
    return Placement(**{k: float(raw[k]) for k in fields if raw.get(k) not in (None, "")})


def _operations(raw: list[Any], work_order: WorkOrder) -> list[tuple[int, str, float]]:
    operations = []
    for i, op in enumerate(raw, start=1):
        if isinstance(op, Mapping):
            name = op.get("name") or op.get("operation") or op.get("code") or "?"
            operations.append((int(op.get("seq", i * 10)), str(name), float(op.get("minutes", 0))))
        elif isinstance(op, list | tuple) and len(op) >= 2:
            operations.append((int(op[0]), str(op[1]), float(op[2] if len(op) > 2 else 0)))
    if not operations:
        caps = work_order.required_capabilities or []
        operations = [(i * 10, str(cap), 0.0) for i, cap in enumerate(caps, start=1)]
    return operations


def _in_words(value: Any) -> str:
    if isinstance(value, Mapping) and "artwork_id" in value:
        placement = value.get("placement") or {}
        return f"artwork {value['artwork_id']} on {value.get('print_area', '?')}" + "".join(
            f", {k} {v}" for k, v in sorted(placement.items())
        )
    if isinstance(value, Mapping) and "text" in value:
        return f"“{value['text']}” ({value.get('font') or 'default font'})"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _record(work_order: WorkOrder, spec: FileSpec, data: bytes) -> ProductionFile | None:
    sha = hashlib.sha256(data).hexdigest()
    ext = "." + spec.name.rsplit(".", 1)[-1].lower() if "." in spec.name else ""
    ext = {".tiff": ".tif"}.get(ext, ext)
    path = f"production/{sha[:2]}/{sha}{ext}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(data))
    try:
        with transaction.atomic():
            row, created = ProductionFile.objects.get_or_create(
                work_order=work_order,
                name=spec.name,
                defaults={
                    "kind": spec.kind,
                    "content_type": _TYPES.get(ext, "application/octet-stream"),
                    "sha256": sha,
                    "size": len(data),
                    "path": path,
                },
            )
    except IntegrityError:
        return None
    return row if created else None


def _record_failure(work_order: WorkOrder, spec: FileSpec, error: BaseException) -> None:
    logger.error("work order %s: cannot make %s: %r", work_order.number, spec.name, error)
    data = {"file": spec.name, "error": f"{type(error).__name__}: {error}"[:500]}
    if not work_order.events.filter(type=FAILED_EVENT, data__file=spec.name).exists():
        WorkOrderEvent.objects.create(
            work_order=work_order, type=FAILED_EVENT, actor="system:files", data=data
        )
