"""The four demo recipes, checked against quantities and minutes worked out by hand."""

import pytest

from production.demo import SHIRT_RECIPE, TABLE_RECIPE, TEE_RECIPE, TUMBLER_RECIPE
from production.recipes import RecipeError, recipe_compile, work_order_compile


def compile_for(recipe, configuration, quantity):
    return work_order_compile(
        recipe_compile(recipe), configuration=configuration, quantity=quantity, batch_key="h1"
    )


def bom(snapshot):
    return {line["material"]: line["quantity"] for line in snapshot["bill_of_materials"]}


def minutes(snapshot):
    return {op["code"]: op["minutes"] for op in snapshot["operations"]}


def test_black_xl_tee_printed_on_the_front_only():
    artwork = {"artwork": 41, "area": "front", "placement": "center"}
    snapshot = compile_for(
        TEE_RECIPE, {"size": "XL", "colour": "black", "front": artwork}, quantity=2
    )

    # 2 blanks + 2 % scrap = 2.04, rounded up to whole pieces; 12 ml CMYK and 8 ml white
    # per print area + 5 %; 15 ml pretreatment for a dark shirt.
    assert bom(snapshot) == {
        "tee-blank-black-XL": "3",
        "dtg-ink-cmyk": "25.200",
        "dtg-ink-white": "16.800",
        "pretreatment": "30.000",
        "polybag": "2",
    }
    # pretreat 5 + 0.5×2; print 10 + 2.5×2 (XL); cure 0.75×2; qc 0.5×2; pack 2 + 0.4×2
    assert minutes(snapshot) == {
        "pretreat": "6.00",
        "print_front": "15.00",
        "cure": "1.50",
        "qc": "1.00",
        "pack": "2.80",
    }
    assert snapshot["minutes_by_centre"]["dtg_printer"] == "15.00"
    assert snapshot["files"] == [
        {"name": "front.png", "kind": "print_area", "area": "front", "source": artwork}
    ]
    assert snapshot["capabilities"] == ["dtg_print", "pack", "qc"]
    assert snapshot["batch_key"] == "h1"


def test_white_tee_printed_both_sides_needs_no_white_ink_nor_pretreatment():
    artwork = {"artwork": 7, "area": "front", "placement": "center"}
    back = {"artwork": 8, "area": "back", "placement": "top"}
    snapshot = compile_for(
        TEE_RECIPE, {"size": "S", "colour": "white", "front": artwork, "back": back}, 10
    )

    assert bom(snapshot) == {
        "tee-blank-white-S": "11",  # 10.2 rounded up
        "dtg-ink-cmyk": "252.000",  # 24 ml × 10 × 1.05
        "polybag": "10",
    }
    # print_front 10 + 2×10 and print_back 5 + 2×10 share the DTG printer
    assert snapshot["minutes_by_centre"]["dtg_printer"] == "55.00"
    assert [f["name"] for f in snapshot["files"]] == ["front.png", "back.png"]


def test_tumbler_engraved_in_a_script_font():
    snapshot = compile_for(
        TUMBLER_RECIPE,
        {"finish": "matte", "engraving_text": "LI WEI 2024", "font": "script"},
        quantity=10,
    )

    # tape 0.1 + 500 ml / 5000 = 0.2 m each
    assert bom(snapshot) == {
        "tumbler-blank-matte": "10",
        "laser-masking-tape": "2.000",
        "gift-box": "10",
    }
    # engrave: 1 + 11 characters × 0.05 × 1.5 = 1.825 → 1.83 per unit; 8 + 18.3
    assert minutes(snapshot) == {"engrave": "26.30", "qc": "3.00", "pack": "4.00"}
    assert snapshot["files"] == [
        {"name": "engraving.svg", "kind": "engraving", "source": "LI WEI 2024"}
    ]


def test_tumbler_without_text_skips_the_laser():
    snapshot = compile_for(TUMBLER_RECIPE, {"finish": "gloss"}, quantity=1)

    assert "engrave" not in minutes(snapshot)
    assert snapshot["capabilities"] == ["laser_engrave", "pack", "qc"]
    assert snapshot["files"] == []


SHIRT = {
    "chest": "104",
    "waist": "90",
    "sleeve": "64",
    "length": "78",
    "fabric": "linen",
    "collar": "button_down",
    "cuff": "french",
    "monogram": "LW",
}


def test_made_to_measure_linen_shirt_with_french_cuffs_and_monogram():
    snapshot = compile_for(SHIRT_RECIPE, SHIRT, quantity=2)

    # fabric (2×78 + 64 + 25) / 100 × 1.1 linen = 2.695 m; × 2 × 1.08 = 5.8212 → 5.822
    assert bom(snapshot) == {
        "fabric-linen": "5.822",
        "interlining": "0.735",  # 0.35 × 2 × 1.05
        "button-shell-11mm": "18",  # 7 + 0 (cufflinks) + 2 (button-down)
        "thread-sewing": "300.000",
        "thread-embroidery": "16.000",  # 2 letters × 4 m × 2
    }
    assert minutes(snapshot) == {
        "cut": "39.00",  # 15 + 12×2
        "sew": "150.00",  # 10 + (55 + 10 + 5)×2
        "embroider_monogram": "18.00",  # 10 + (3 + 2×0.5)×2
        "qc": "6.00",
        "pack": "5.00",
    }
    assert snapshot["capabilities"] == ["cut_fabric", "embroider", "pack", "qc", "sew"]


def test_a_large_chest_takes_more_fabric_and_cutting_and_no_monogram_no_embroidery():
    snapshot = compile_for(
        SHIRT_RECIPE, {**SHIRT, "chest": "124", "fabric": "poplin", "monogram": ""}, 1
    )

    # 2.45 m × 1.25 (chest > 120) × 1.08 = 3.3075 → 3.308
    assert bom(snapshot)["fabric-poplin"] == "3.308"
    assert minutes(snapshot)["cut"] == "30.00"  # 15 + 15
    assert "embroider" not in snapshot["capabilities"]
    assert [f["name"] for f in snapshot["files"]] == ["pattern.dxf"]


def test_oak_table_with_oil_finish_and_glass_top():
    snapshot = compile_for(
        TABLE_RECIPE,
        {
            "width": "120",
            "depth": "80",
            "height": "75",
            "wood": "oak",
            "finish": "oil",
            "glass_top": True,
        },
        quantity=1,
    )

    # wood (120×80×4 + 4×75×49 + 2×200×25) / 1e6 = 0.0631 m³ × 1.15 = 0.072565 → 0.073
    # finish 1.92 m² × 0.08 l = 0.1536 × 1.1 = 0.16896 → 0.169
    assert bom(snapshot) == {
        "wood-oak": "0.073",
        "finish-oil": "0.169",
        "glass-tempered-6mm": "0.960",
        "hardware-kit-table": "1",
    }
    assert minutes(snapshot) == {
        "cnc_cut": "59.60",  # 30 + 20 + 9.6
        "assemble": "55.00",
        "finish": "53.40",  # 15 + 1.92 × 20
        "fit_glass": "15.00",
        "qc": "10.00",
        "pack": "35.00",
    }
    assert snapshot["minutes_by_centre"]["assembly_bench"] == "70.00"


def test_a_natural_table_without_glass_skips_finishing_and_glass():
    snapshot = compile_for(
        TABLE_RECIPE, {"width": "90", "depth": "60", "wood": "ash", "finish": "natural"}, 1
    )

    assert set(bom(snapshot)) == {"wood-ash", "hardware-kit-table"}
    assert "finish" not in minutes(snapshot) and "fit_glass" not in minutes(snapshot)


def test_a_configuration_missing_a_measurement_is_refused():
    with pytest.raises(RecipeError) as error:
        compile_for(SHIRT_RECIPE, {k: v for k, v in SHIRT.items() if k != "chest"}, 1)
    assert error.value.code == "configuration_incomplete"
    assert "chest" in error.value.errors


def test_a_recipe_naming_an_unknown_value_or_forbidden_syntax_is_refused_whole():
    broken = {
        **TEE_RECIPE,
        "operations": [
            {**TEE_RECIPE["operations"][1], "run_minutes": "sleeve * 2"},
            {**TEE_RECIPE["operations"][4], "run_minutes": "size.upper()"},
        ],
        "bill_of_materials": [{"material": "ink-{ink}", "unit": "ml", "quantity": 1}],
    }

    with pytest.raises(RecipeError) as error:
        recipe_compile(broken)

    assert "unknown value 'sleeve'" in error.value.errors["operations[0].run_minutes"][0]
    assert "only min, max" in error.value.errors["operations[1].run_minutes"][0]
    assert "{ink}" in error.value.errors["bill_of_materials[0].material"][0]
