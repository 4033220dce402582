"""The job is exactly the configuration, for every demo product and any valid configuration.

Configurations are drawn from each product's own option definitions and kept only when the
configurator accepts them, as the storefront would. Each one is compiled through the
product's demo recipe; what the plant then reads (operations, bill of materials, files)
must name every value the shopper chose, require the process they chose, and hold nothing
they did not choose.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from configurator import validate
from demo.catalog import demo_definitions
from demo.plants import DEMO_FACTORIES, DEMO_WORK_CENTRES
from demo.recipes import DEMO_RECIPES
from production.recipes import recipe_compile, work_order_compile

DEFINITIONS = {d.sku: d for d in demo_definitions()}
RECIPES = {r["product_sku"]: r for r in DEMO_RECIPES}
# The process a choice stands for: the capability a plant needs to make it that way.
PROCESSES = {
    "print_method": {"dtg": "dtg_print", "screen": "screen_print", "embroidery": "embroider"}
}
# Yes/no switches that only show another option; that option is checked instead.
SWITCH = {"yes", "no"}
# A few seconds per product in CI.
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _value(option):
    if option.kind in ("choice", "colour"):
        return st.sampled_from([v.code for v in option.values])
    if option.kind == "multi_choice":
        codes = [v.code for v in option.values]
        return st.lists(
            st.sampled_from(codes),
            unique=True,
            min_size=option.min_selections,
            max_size=option.max_selections or len(codes),
        )
    if option.kind == "number":
        steps = int((option.max - option.min) / option.step)
        return st.integers(0, steps).map(lambda k: str(option.min + k * option.step))
    if option.kind == "text":
        text = st.text(st.sampled_from("AbZjq李伟"), min_size=1, max_size=option.max_length)
        fonts = [f.code for f in option.fonts] or [None]
        return st.builds(lambda t, f: {"text": t, "font": f}, text, st.sampled_from(fonts))
    return st.from_regex(r"art_[a-z0-9]{4,8}", fullmatch=True).map(lambda a: {"artwork_id": a})


@st.composite
def storefront_configurations(draw, sku):
    """A configuration as the storefront submits it, normalized by the configurator."""
    definition = DEFINITIONS[sku]
    options = {}
    for option in definition.options:
        if option.required or draw(st.booleans()):
            options[option.code] = draw(_value(option))
    rule = definition.quantity
    quantity = draw(st.integers(rule.min, min(rule.max, 60)))
    validation = validate(definition, {"quantity": quantity, "options": options})
    assume(validation.is_valid)
    return validation.configuration


def compile_job(sku, configuration, quantity):
    return work_order_compile(
        recipe_compile(RECIPES[sku]),
        configuration=configuration,
        quantity=quantity,
        batch_key="h",
    )


def words(job) -> list[str]:
    """Everything a plant reads by name in a job: operations, materials, files."""
    out = []
    for op in job["operations"]:
        out += [op["code"], op["capability"], op["centre"]]
        out += [str(v) for v in (op.get("parameters") or {}).values()]
    out += [line["material"] for line in job["bill_of_materials"]]
    out += [f"{f['name']} {f.get('option') or ''}" for f in job["files"]]
    return out


def mentions(job, code: str) -> bool:
    """True when ``code`` is a whole word of the job ("-" and "_" alike, "XL" is not "XXL")."""
    wanted = code.replace("-", "_")
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(wanted)}(?![A-Za-z0-9])")
    return any(pattern.search(word.replace("-", "_")) for word in words(job))


def sells_services(definition, option) -> bool:
    """A choice of paid services: the planner adds a plant's service steps to the job from
    the sale (tests/production/test_service_operations.py), the platform does the rest."""
    ordered = {
        (c.when.option, value)
        for c in definition.price_components
        if c.kind == "service" and c.when is not None
        for value in c.when.values
    }
    return bool(option.values) and all((option.code, v.code) in ordered for v in option.values)


def drifts(definition, configuration, job) -> list[str]:
    """What the plant would make differently from what was chosen, one line per drift."""
    values = configuration.values
    found = []
    for option in definition.options:
        if sells_services(definition, option):
            continue
        code, value = option.code, values.get(option.code)
        codes = [v.code for v in option.values]
        if option.kind in ("choice", "colour") and not set(codes) <= SWITCH:
            if value is not None and not mentions(job, value):
                found.append(f"{code}={value} is not in the job")
            found += [
                f"{code}={other} was not chosen but is in the job"
                for other in codes
                if other != value and mentions(job, other)
            ]
        elif option.kind == "multi_choice":
            chosen = value or []
            found += [f"{code}: {c} is not in the job" for c in chosen if not mentions(job, c)]
            found += [
                f"{code}: {c} was not chosen but is in the job"
                for c in codes
                if c not in chosen and mentions(job, c)
            ]
        elif option.kind == "number":
            shown = [
                op["parameters"][code]
                for op in job["operations"]
                if code in (op.get("parameters") or {})
            ]
            if not any(Decimal(s) == Decimal(value) for s in shown):
                found.append(f"{code}={value} reaches no operation")
        elif option.kind in ("text", "artwork"):
            files = [f for f in job["files"] if f.get("option") == code]
            if value is None:
                if files:
                    found.append(f"{code} was not chosen but has a file")
                areas = [a.code for a in option.print_areas]
                found += [
                    f"{code} was not chosen but the job works on {word}"
                    for word in [code, *areas]
                    if mentions(job, word)
                ]
            elif option.kind == "text" and not any(f["source"] == value for f in files):
                found.append(f"{code} {value} reaches no file")
            elif option.kind == "artwork" and not any(
                f["source"].get("artwork_id") == value["artwork_id"] for f in files
            ):
                found.append(f"{code} artwork {value['artwork_id']} reaches no file")
    for code, processes in PROCESSES.items():
        if code not in values:
            continue
        for choice, capability in processes.items():
            required = capability in job["capabilities"]
            if choice == values[code] and not required:
                found.append(f"{code}={choice} does not require {capability}")
            if choice != values[code] and required:
                found.append(f"{code}={values[code]} requires {capability} of {choice}")
    return found


def scale_drifts(job, double) -> list[str]:
    """Set-ups once per job, per-unit materials and run time with the quantity."""
    found = []
    for one, two in zip(job["bill_of_materials"], double["bill_of_materials"], strict=True):
        if one["per"] == "order" and one["quantity"] != two["quantity"]:
            found.append(f"{one['material']} is per job yet grows with the quantity")
        if one["per"] == "unit" and Decimal(two["quantity"]) <= Decimal(one["quantity"]):
            found.append(f"{one['material']} is per unit yet does not grow with the quantity")
    for one, two in zip(job["operations"], double["operations"], strict=True):
        if "setup" in one["code"] and Decimal(one["run_minutes_per_unit"]):
            found.append(f"the set-up {one['code']} takes time per unit")
        if Decimal(two["minutes"]) < Decimal(one["minutes"]):
            found.append(f"{one['code']} takes less time for more units")
    return found


def makes_it_all(plant, job) -> bool:
    centres = DEMO_WORK_CENTRES[plant["code"]]
    return set(job["capabilities"]) <= set(plant["capabilities"]) and all(
        op["centre"] in centres for op in job["operations"]
    )


@pytest.mark.parametrize("sku", sorted(DEFINITIONS))
def test_every_demo_product_has_a_recipe(sku):
    assert sku in RECIPES


@pytest.mark.parametrize(
    ("sku", "code"),
    [(r["product_sku"], op["code"]) for r in DEMO_RECIPES for op in r["operations"]],
)
def test_some_demo_plant_can_do_every_operation_a_demo_recipe_may_ask_for(sku, code):
    op = next(o for o in RECIPES[sku]["operations"] if o["code"] == code)
    able = [
        plant["code"]
        for plant in DEMO_FACTORIES
        if op["capability"] in plant["capabilities"]
        and op["centre"] in DEMO_WORK_CENTRES[plant["code"]]
    ]
    assert able, f"no demo plant has {op['capability']} with a {op['centre']}"


@pytest.mark.parametrize("sku", sorted(DEFINITIONS))
def test_the_compiled_job_is_exactly_the_chosen_configuration(sku):
    @EXAMPLES
    @given(configuration=storefront_configurations(sku))
    def check(configuration):
        job = compile_job(sku, configuration.values, configuration.quantity)
        double = compile_job(sku, configuration.values, configuration.quantity * 2)

        found = drifts(DEFINITIONS[sku], configuration, job)
        found += scale_drifts(job, double)
        if not any(makes_it_all(plant, job) for plant in DEMO_FACTORIES):
            found.append("no demo plant can make the whole job")

        assert not found, found

    check()
