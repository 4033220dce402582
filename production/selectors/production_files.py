"""What a factory (or staff) can download for a work order, and whether it is ready yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from imaging.print_setups import print_setup_for
from production.files.specs import configuration_values, file_specs
from production.models import ProductionFile, WorkOrder, WorkOrderEventType

FilesStatus = Literal["preparing", "ready", "failed"]


@dataclass(frozen=True, slots=True)
class WorkOrderFiles:
    """``status``: ``preparing`` while the file task has not made every file the job asks
    for (``files`` is then empty), ``ready`` when all exist, ``failed`` when one could not be
    made (``files`` holds those that were; staff see why on the exception list/timeline)."""

    status: FilesStatus
    files: list[ProductionFile]


def work_order_files(work_order: WorkOrder) -> WorkOrderFiles:
    """The work order's generated files as a factory sees them.

    Uses ``work_order.files`` and ``work_order.events`` (prefetch them for lists).
    """
    rows = sorted(work_order.files.all(), key=lambda row: row.name)
    made = {row.name for row in rows}
    values = configuration_values(work_order.snapshot.get("configuration") or {})
    expected = {
        spec.name
        for spec in file_specs(work_order, values, print_setup_for(work_order.product_sku))
    }
    if expected <= made:
        return WorkOrderFiles("ready", rows)
    failed = {
        (event.data or {}).get("file")
        for event in work_order.events.all()
        if event.type == WorkOrderEventType.FILES_FAILED
    }
    if failed & (expected - made):
        return WorkOrderFiles("failed", rows)
    return WorkOrderFiles("preparing", [])


def work_order_file(work_order: WorkOrder, name: str) -> ProductionFile | None:
    """The generated file called ``name`` once the work order's files may be listed."""
    listing = work_order_files(work_order)
    return next((row for row in listing.files if row.name == name), None)
