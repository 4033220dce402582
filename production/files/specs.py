"""Which files a work order needs: those its recipe lists, else those its configuration
implies, and always a job ticket. Read by the file task and by what plants are shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from imaging.print_setups import PrintSetup
from production.models import WorkOrder


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One file to make: ``kind`` print_area / text / job_ticket; ``option`` is the
    configuration option it draws from; ``process`` dtg or cmyk for print files."""

    name: str
    kind: str
    area: str | None = None
    option: str | None = None
    process: str = "dtg"


def configuration_values(configuration: Mapping[str, Any]) -> dict[str, Any]:
    """The option values of a snapshot (a bare values dict or a normalized configuration)."""
    if isinstance(configuration.get("values"), Mapping) and "sku" in configuration:
        return dict(configuration["values"])
    return dict(configuration)


def file_specs(
    work_order: WorkOrder, values: Mapping[str, Any], setup: PrintSetup | None
) -> list[FileSpec]:
    """The files the snapshot lists (planning's recipe), else those its configuration needs.

    Every work order gets ``job-ticket.pdf``. Every text file (engraving, embroidery) also
    gets its outlines as ``<name>.svg``, and an engraving a ``<name>.dxf`` for the laser,
    unless the recipe lists those names itself. The extension picks the format.
    """
    listed = [f for f in work_order.snapshot.get("files") or [] if isinstance(f, Mapping)]
    default_process = setup.process if setup else "dtg"
    specs: list[FileSpec] = []
    if listed:
        for item in listed:
            name = str(item.get("name") or "")
            process = item.get("process") or (
                "cmyk" if name.endswith((".tif", ".tiff")) else default_process
            )
            area = item.get("area")
            option = item.get("option") or _option_for_area(values, area)
            kind = TEXT_KINDS.get(str(item.get("kind")), str(item.get("kind")))
            specs.append(FileSpec(name, kind, area, option, process))
            if kind == "text":
                stem = name.rsplit(".", 1)[0]
                vectors = [".svg", ".dxf"] if item.get("kind") == "engraving" else [".svg"]
                specs += [FileSpec(stem + ext, "text", area, option) for ext in vectors]
    else:
        for code in sorted(values):
            value = values[code]
            if isinstance(value, Mapping) and "artwork_id" in value:
                area = value.get("print_area") or (setup.areas[0].name if setup else "front")
                ext = ".tif" if default_process == "cmyk" else ".png"
                specs.append(FileSpec(f"{area}{ext}", "print_area", area, code, default_process))
            elif isinstance(value, Mapping) and isinstance(value.get("text"), str):
                specs.append(FileSpec(f"{code}-text.png", "text", option=code))
                specs.append(FileSpec(f"{code}-text.svg", "text", option=code))
    if not any(s.kind == "job_ticket" for s in specs):
        specs.append(FileSpec("job-ticket.pdf", "job_ticket"))
    unique: dict[str, FileSpec] = {}
    for spec in specs:
        unique.setdefault(spec.name, spec)
    return list(unique.values())


# Recipe file kinds rendered as a text file (engraving and embroidery lettering).
TEXT_KINDS = {"engraving": "text", "embroidery": "text"}


def _option_for_area(values: Mapping[str, Any], area: str | None) -> str | None:
    for code, value in sorted(values.items()):
        is_artwork = isinstance(value, Mapping) and "artwork_id" in value
        if is_artwork and (area is None or value.get("print_area") in (area, None)):
            return code
    return None
