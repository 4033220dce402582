"""What factory staff download from a work order: its generated files, the job ticket too.

The same files the factory API lists (``ProductionFile`` rows made by the file task), so a
plant's staff in the admin and its system on the API work from identical bytes.
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from production.file_downloads import production_file_response
from production.models import ProductionFile, WorkOrder
from production.selectors.production_files import work_order_file, work_order_files


def production_file(work_order: WorkOrder, name: str) -> FileResponse:
    """The generated file called ``name``, streamed; 404 while files are being prepared."""
    row = work_order_file(work_order, name)
    if row is None:
        raise Http404("No such file (yet).")
    return production_file_response(row)


def job_ticket(work_order: WorkOrder) -> FileResponse:
    """The work order's job ticket (the one the factory API serves); 404 until it exists."""
    row = next(
        (r for r in work_order_files(work_order).files if r.kind == ProductionFile.Kind.JOB_TICKET),
        None,
    )
    if row is None:
        raise Http404("The job ticket is being prepared.")
    return production_file_response(row)
