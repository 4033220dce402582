"""Compiling a recipe (data) and one configuration into what a factory must make.

Pure functions, no database: ``recipe_compile`` validates a recipe once and prepares its
formulas; ``work_order_compile`` turns a configuration and a quantity into the work order's
bill of materials, operations with minutes, minutes per work-centre type, files and
capabilities. Numbers in the result are decimal strings, like configuration values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any

from production.recipes.formulas import Formula, FormulaError, formula_compile
from production.recipes.values import RecipeError, configuration_env, inputs_declared

# The capability of a quality-control operation: a work order with one must pass QC to ship.
QC_CAPABILITY = "qc"
# Materials counted in whole pieces are rounded up to whole pieces.
COUNT_UNITS = {"pcs", "ea", "set", "sheet"}
# Inputs an operation can show the plant as parameters (an artwork goes as a file).
_PARAMETER_KINDS = {"number", "choice", "choices", "text"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MINUTES = Decimal("0.01")
_AMOUNT = Decimal("0.001")


@dataclass(frozen=True)
class _BomLine:
    material: str
    unit: str
    quantity: Formula
    scrap_pct: Formula
    per_order: bool
    when: Formula | None


@dataclass(frozen=True)
class _Operation:
    code: str
    capability: str
    centre: str
    setup_minutes: Formula
    run_minutes: Formula
    when: Formula | None
    # Configuration values the plant works to at this step (measurements, dimensions).
    parameters: tuple[str, ...] = ()


@dataclass(frozen=True)
class _File:
    spec: dict[str, Any]
    source: str | None
    when: Formula | None


@dataclass(frozen=True)
class CompiledRecipe:
    sku: str
    version: str
    inputs: dict[str, dict[str, Any]]
    # Required whatever the configuration; operations add their own capability.
    capabilities: tuple[str, ...]
    lead_days: int
    bom: tuple[_BomLine, ...]
    operations: tuple[_Operation, ...]
    files: tuple[_File, ...]


def recipe_compile(spec: Mapping[str, Any]) -> CompiledRecipe:
    """Validate a recipe and prepare its formulas.

    ``spec`` has ``product_sku``, ``inputs`` ({name: {"kind", "default"?}}), ``tables``,
    ``bill_of_materials``, ``operations``, ``files``, ``capabilities`` and ``lead_days``.
    Raises ``RecipeError`` listing every problem: unknown values or tables in formulas,
    forbidden syntax, missing fields.
    """
    errors: dict[str, list[str]] = {}
    inputs = inputs_declared(spec.get("inputs") or {}, errors)
    tables = spec.get("tables") or {}
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        errors.setdefault("tables", []).append("Tables map a name to {key: value}.")
        tables = {}
    names = set(inputs) | {"quantity"}
    choices = {n for n, d in inputs.items() if d["kind"] in {"choice", "text"}}

    def formula(where: str, source: Any, *, default: Any = None) -> Formula:
        try:
            return formula_compile(
                default if source is None else source, names=names, tables=tables
            )
        except FormulaError as exc:
            errors.setdefault(where, []).append(exc.detail)
            return formula_compile(0, names=(), tables={})

    def text(where: str, item: Mapping[str, Any], field: str) -> str:
        value = item.get(field)
        if not isinstance(value, str) or not value.strip():
            errors.setdefault(f"{where}.{field}", []).append("Required text.")
            return ""
        for name in _PLACEHOLDER.findall(value):
            if name not in choices:
                errors.setdefault(f"{where}.{field}", []).append(
                    f"{{{name}}} is not a choice or text value of this recipe."
                )
        return value

    def when(where: str, item: Mapping[str, Any]) -> Formula | None:
        return formula(f"{where}.when", item["when"]) if item.get("when") else None

    def parameters(where: str, op: Mapping[str, Any]) -> tuple[str, ...]:
        names = op.get("parameters") or []
        if not isinstance(names, list):
            errors.setdefault(f"{where}.parameters", []).append("A list of value names.")
            return ()
        for name in names:
            if inputs.get(name, {}).get("kind") not in _PARAMETER_KINDS:
                errors.setdefault(f"{where}.parameters", []).append(
                    f"{name!r} is not a number, choice or text value of this recipe."
                )
        return tuple(names)

    bom = []
    for i, line in enumerate(_items(spec, "bill_of_materials", errors)):
        where = f"bill_of_materials[{i}]"
        bom.append(
            _BomLine(
                material=text(where, line, "material"),
                unit=text(where, line, "unit"),
                quantity=formula(f"{where}.quantity", line.get("quantity")),
                scrap_pct=formula(f"{where}.scrap_pct", line.get("scrap_pct"), default=0),
                per_order=line.get("per") == "order",
                when=when(where, line),
            )
        )
    operations = []
    for i, op in enumerate(_items(spec, "operations", errors)):
        where = f"operations[{i}]"
        operations.append(
            _Operation(
                code=text(where, op, "code"),
                capability=text(where, op, "capability"),
                centre=text(where, op, "centre"),
                setup_minutes=formula(f"{where}.setup_minutes", op.get("setup_minutes"), default=0),
                run_minutes=formula(f"{where}.run_minutes", op.get("run_minutes")),
                when=when(where, op),
                parameters=parameters(where, op),
            )
        )
    files = []
    for i, item in enumerate(_items(spec, "files", errors)):
        where = f"files[{i}]"
        text(where, item, "name")
        text(where, item, "kind")
        source = item.get("source")
        if source is not None and source not in inputs:
            errors.setdefault(f"{where}.source", []).append(f"Unknown value {source!r}.")
        static = {k: v for k, v in item.items() if k not in {"source", "when"}}
        files.append(_File(spec=static, source=source, when=when(where, item)))
    if not operations:
        errors.setdefault("operations", []).append("A recipe has at least one operation.")
    lead_days = spec.get("lead_days", 7)
    if not isinstance(lead_days, int) or isinstance(lead_days, bool) or lead_days < 0:
        errors.setdefault("lead_days", []).append("A whole number of days.")
        lead_days = 7
    if errors:
        raise RecipeError(
            f"The recipe of {spec.get('product_sku', '?')} is not valid.", errors=errors
        )
    return CompiledRecipe(
        sku=str(spec.get("product_sku", "")),
        version=str(spec.get("version", "")),
        inputs=inputs,
        capabilities=tuple(sorted(set(spec.get("capabilities") or []))),
        lead_days=lead_days,
        bom=tuple(bom),
        operations=tuple(operations),
        files=tuple(files),
    )


def work_order_compile(
    recipe: CompiledRecipe,
    *,
    configuration: Mapping[str, Any],
    quantity: int,
    batch_key: str,
) -> dict[str, Any]:
    """What to make for ``quantity`` units of ``configuration``, as a JSON-ready dict.

    Keys: ``recipe``, ``bill_of_materials``, ``operations``, ``minutes_by_centre``,
    ``materials``, ``capabilities``, ``files``, ``batch_key``, ``qc_required``. Raises
    ``RecipeError`` (code ``configuration_incomplete``) for a missing or malformed value,
    ``FormulaError`` when a formula cannot be computed (text used as a number, a key missing
    from a table).
    """
    env = configuration_env(recipe.inputs, configuration, quantity)
    bom = []
    for line in recipe.bom:
        if line.when and not line.when.truth(env):
            continue
        per_unit = line.quantity.number(env)
        scrap = line.scrap_pct.number(env)
        if per_unit < 0 or scrap < 0:
            raise FormulaError(f"{line.material}: quantities and scrap cannot be negative.")
        if per_unit == 0:
            continue
        bom.append(
            {
                "material": _fill(line.material, env),
                "unit": line.unit,
                "per": "order" if line.per_order else "unit",
                "per_unit": _plain(per_unit),
                "scrap_pct": _plain(scrap),
            }
        )
    operations: list[dict[str, Any]] = []
    for op in recipe.operations:
        if op.when and not op.when.truth(env):
            continue
        setup, run = op.setup_minutes.number(env), op.run_minutes.number(env)
        if setup < 0 or run < 0:
            raise FormulaError(f"{op.code}: minutes cannot be negative.")
        operation = {
            "seq": len(operations) + 1,
            "code": op.code,
            "capability": op.capability,
            "centre": op.centre,
            "setup_minutes": str(setup.quantize(_MINUTES, ROUND_HALF_UP)),
            "run_minutes_per_unit": str(run.quantize(_MINUTES, ROUND_HALF_UP)),
        }
        if op.parameters:
            operation["parameters"] = {name: _shown(env[name]) for name in op.parameters}
        operations.append(operation)
    files = []
    for item in recipe.files:
        if item.when and not item.when.truth(env):
            continue
        entry = dict(item.spec)
        if item.source is not None:
            entry["option"] = item.source
            entry["source"] = configuration.get(
                item.source, recipe.inputs[item.source].get("default")
            )
        files.append(entry)
    snapshot = {
        "recipe": {"product_sku": recipe.sku, "version": recipe.version},
        "bill_of_materials": bom,
        "operations": operations,
        "materials": sorted({line["material"] for line in bom}),
        # Declared ones plus those of the operations this configuration needs, so a shirt
        # without a monogram can go to a plant that cannot embroider.
        "capabilities": sorted({*recipe.capabilities, *(op["capability"] for op in operations)}),
        "files": files,
        "batch_key": batch_key,
        # A QC step is an operation needing the "qc" capability; without one (for this
        # configuration) the factory may ship straight from production.
        "qc_required": any(op["capability"] == QC_CAPABILITY for op in operations),
    }
    return snapshot_for_quantity(snapshot, quantity)


def snapshot_for_quantity(snapshot: Mapping[str, Any], quantity: int) -> dict[str, Any]:
    """The same snapshot with totals (BOM quantities, minutes) computed for ``quantity``.

    Used when planning and when a work order is split into parts: per-unit figures stay,
    totals follow the part's quantity, nothing is read from the live recipe.
    """
    count = Decimal(quantity)
    bom = []
    for line in snapshot["bill_of_materials"]:
        units = Decimal(1) if line["per"] == "order" else count
        total = Decimal(line["per_unit"]) * units * (1 + Decimal(line["scrap_pct"]) / 100)
        if line["unit"] in COUNT_UNITS:
            total = total.quantize(Decimal(1), ROUND_UP)
        else:
            total = total.quantize(_AMOUNT, ROUND_UP)
        bom.append({**line, "quantity": str(total)})
    operations: list[dict[str, Any]] = []
    by_centre: dict[str, Any] = {}
    for op in snapshot["operations"]:
        minutes = Decimal(op["setup_minutes"]) + Decimal(op["run_minutes_per_unit"]) * count
        minutes = minutes.quantize(_MINUTES, ROUND_HALF_UP)
        operations.append({**op, "minutes": str(minutes)})
        by_centre[op["centre"]] = by_centre.get(op["centre"], Decimal(0)) + minutes
    return {
        **snapshot,
        "bill_of_materials": bom,
        "operations": operations,
        "minutes_by_centre": {c: str(m) for c, m in sorted(by_centre.items())},
    }


def _items(spec: Mapping[str, Any], field: str, errors: dict[str, list[str]]) -> list[dict]:
    value = spec.get(field) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        errors.setdefault(field, []).append("A list of objects.")
        return []
    return value


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def _fill(template: str, env: Mapping[str, Any]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(env[m.group(1)]), template)
