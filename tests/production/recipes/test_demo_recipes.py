"""The four demo recipes, checked against quantities and minutes worked out by hand."""

import pytest

from orders.configurator import ProductDefinition, validate
from orders.configurator.demo_catalog import DEMO_PRODUCTS, DEMO_RULES
from production.demo import SHIRT_RECIPE, TABLE_RECIPE, TEE_RECIPE, TUMBLER_RECIPE
from production.recipes import RecipeError, recipe_compile, work_order_compile

DEFINITIONS = {
    product["sku"]: ProductDefinition.from_dict(product, shared_rules=DEMO_RULES)
    for product in DEMO_PRODUCTS
}


def configured(sku, quantity=1, **options):
    """The configuration as the configurator normalizes it: what an order line keeps."""
    result = validate(DEFINITIONS[sku], {"quantity": quantity, "options": options})
    assert result.configuration, [error.to_dict() for error in result.errors]
    return result.configuration.values


def compile_for(recipe, configuration, quantity):
    return work_order_compile(
        recipe_compile(recipe), configuration=configuration, quantity=quantity, batch_key="h1"
    )


def bom(snapshot):
    return {line["material"]: line["quantity"] for line in snapshot["bill_of_materials"]}


def minutes(snapshot):
    return {op["code"]: op["minutes"] for op in snapshot["operations"]}


def test_black_xl_tee_printed_on_the_front_only():
    tee = configured(
        "TEE-PRINT", 2, size="XL", colour="#111111", artwork_front={"artwork_id": "art_41"}
    )
    snapshot = compile_for(TEE_RECIPE, tee, quantity=2)

    # 2 blanks + 2 % scrap = 2.04, rounded up to whole pieces; 12 ml CMYK and 8 ml white
    # per print area + 5 %; 15 ml pretreatment for a dark shirt.
    assert bom(snapshot) == {
        "tee-blank-#111111-XL": "3",
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
    # The factory gets the placed artwork as the configurator normalized it.
    front = tee["artwork_front"]
    assert front["artwork_id"] == "art_41" and front["print_area"] == "front"
    assert snapshot["files"] == [
        {
            "name": "front.png",
            "kind": "print_area",
            "area": "front",
            "option": "artwork_front",
            "source": front,
        }
    ]
    assert snapshot["capabilities"] == ["dtg_print", "pack", "qc"]
    assert snapshot["batch_key"] == "h1"


def test_white_tee_printed_both_sides_needs_no_white_ink_nor_pretreatment():
    tee = configured(
        "TEE-PRINT",
        10,
        size="S",
        colour="#FFFFFF",
        artwork_front={"artwork_id": "art_07"},
        artwork_back={"artwork_id": "art_08", "placement": {"scale": "0.8"}},
    )
    snapshot = compile_for(TEE_RECIPE, tee, 10)

    assert bom(snapshot) == {
        "tee-blank-#FFFFFF-S": "11",  # 10.2 rounded up
        "dtg-ink-cmyk": "252.000",  # 24 ml × 10 × 1.05
        "polybag": "10",
    }
    assert "pretreat" not in minutes(snapshot)
    # print_front 10 + 2×10 and print_back 5 + 2×10 share the DTG printer
    assert snapshot["minutes_by_centre"]["dtg_printer"] == "55.00"
    assert [f["name"] for f in snapshot["files"]] == ["front.png", "back.png"]
    assert snapshot["files"][1]["source"]["artwork_id"] == "art_08"


def test_750ml_tumbler_engraved_takes_the_same_time_in_any_font():
    engraving = {"text": "LI WEI 2024", "font": "script"}
    tumbler = configured(
        "TUMBLER-ENGRAVED", 10, capacity="750ml", finish="matte_black", engraving=engraving
    )
    snapshot = compile_for(TUMBLER_RECIPE, tumbler, quantity=10)

    # tape 0.1 + 750 ml / 5000 = 0.25 m each
    assert bom(snapshot) == {
        "tumbler-blank-750ml-matte_black": "10",
        "laser-masking-tape": "2.500",
        "gift-box": "10",
    }
    # engrave: 1 + 11 characters × 0.05 = 1.55 per unit; 8 + 15.5. qc 0.3×10; pack 1 + 0.3×10
    assert minutes(snapshot) == {"engrave": "23.50", "qc": "3.00", "pack": "4.00"}
    # The laser program needs the font as well as the text.
    assert snapshot["files"] == [
        {"name": "engraving.png", "kind": "engraving", "option": "engraving", "source": engraving}
    ]
    serif = {**tumbler, "engraving": {**engraving, "font": "serif"}}
    assert minutes(compile_for(TUMBLER_RECIPE, serif, quantity=10)) == minutes(snapshot)


def test_tumbler_without_text_skips_the_laser():
    tumbler = configured("TUMBLER-ENGRAVED", finish="mirror")
    snapshot = compile_for(TUMBLER_RECIPE, tumbler, quantity=1)

    assert bom(snapshot) == {"tumbler-blank-500ml-mirror": "1", "gift-box": "1"}
    assert "engrave" not in minutes(snapshot)
    assert snapshot["capabilities"] == ["laser_engrave", "pack", "qc"]
    assert snapshot["files"] == []


SHIRT = {
    "chest": "104",
    "waist": "90",
    "sleeve": "64",
    "length": "78",
    "fabric": "silk_cotton",
    "collar": "button_down",
    "cuff": "french",
    "add_monogram": "yes",
    "monogram": {"text": "LW", "font": "block"},
}


def test_made_to_measure_silk_cotton_shirt_with_french_cuffs_and_monogram():
    snapshot = compile_for(SHIRT_RECIPE, configured("SHIRT-MTM", 2, **SHIRT), quantity=2)

    # fabric (2×78 + 64 + 25) / 100 × 1.05 silk-cotton = 2.5725 m; × 2 × 1.08 = 5.5566
    assert bom(snapshot) == {
        "fabric-silk_cotton": "5.557",
        "interlining": "0.735",  # 0.35 × 2 × 1.05
        "button-shell-11mm": "18",  # (7 + 0 (cufflinks) + 2 (button-down)) × 2
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
    assert snapshot["files"] == [
        {
            "name": "monogram.png",
            "kind": "embroidery",
            "option": "monogram",
            "source": {"text": "LW", "font": "block"},
        }
    ]


def test_a_linen_shirt_with_barrel_cuffs_takes_a_tenth_more_cloth():
    shirt = configured("SHIRT-MTM", **{**SHIRT, "fabric": "linen", "cuff": "barrel"})
    snapshot = compile_for(SHIRT_RECIPE, shirt, quantity=1)

    # 2.45 m × 1.1 linen × 1.08 = 2.9106; interlining 0.25 × 1.05 = 0.2625
    assert bom(snapshot)["fabric-linen"] == "2.911"
    assert bom(snapshot)["interlining"] == "0.263"
    assert bom(snapshot)["button-shell-11mm"] == "11"  # 7 + 2 (barrel) + 2 (button-down)
    assert minutes(snapshot)["sew"] == "70.00"  # 10 + 55 + 5


def test_a_large_chest_takes_more_fabric_and_cutting_and_no_monogram_no_embroidery():
    shirt = {**SHIRT, "chest": "124", "fabric": "poplin", "add_monogram": "no"}
    snapshot = compile_for(SHIRT_RECIPE, configured("SHIRT-MTM", **shirt), 1)

    # 2.45 m × 1.25 (chest > 120) × 1.08 = 3.3075 → 3.308
    assert bom(snapshot)["fabric-poplin"] == "3.308"
    assert minutes(snapshot)["cut"] == "30.00"  # 15 + 15
    assert "thread-embroidery" not in bom(snapshot)
    assert "embroider" not in snapshot["capabilities"]
    assert snapshot["files"] == []  # no monogram to embroider


def test_oak_table_with_oil_finish_and_bronze_glass_top():
    table = configured(
        "TABLE-SOLID",
        width="120",
        depth="80",
        wood="oak",
        finish="oil",
        top="glass",
        glass_tint="bronze",
    )
    snapshot = compile_for(TABLE_RECIPE, table, quantity=1)

    # wood (120×80×4 + 4×75×49 + 2×200×25) / 1e6 = 0.0631 m³ × 1.15 = 0.072565 → 0.073
    # finish 1.92 m² × 0.08 l = 0.1536 × 1.1 = 0.16896 → 0.169
    assert bom(snapshot) == {
        "wood-oak": "0.073",
        "finish-oil": "0.169",
        "glass-tempered-6mm-bronze": "0.960",
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


def test_two_lacquered_ash_tables_with_solid_tops_have_no_glass():
    table = configured("TABLE-SOLID", 2, width="90", depth="60", wood="ash", finish="matte_lacquer")
    assert table["top"] == "solid" and "glass_tint" not in table
    snapshot = compile_for(TABLE_RECIPE, table, quantity=2)

    # wood (90×60×4 + 4×75×49 + 2×150×25) / 1e6 = 0.0438 m³ × 2 × 1.15 = 0.10074 → 0.101
    # lacquer 1.08 m² × 0.12 l = 0.1296 × 2 × 1.1 = 0.28512 → 0.286
    assert bom(snapshot) == {
        "wood-ash": "0.101",
        "finish-matte_lacquer": "0.286",
        "hardware-kit-table": "2",
    }
    assert minutes(snapshot)["cnc_cut"] == "80.80"  # 30 + (20 + 5.4) × 2
    assert minutes(snapshot)["finish"] == "58.20"  # 15 + 1.08 × 20 × 2
    assert "fit_glass" not in minutes(snapshot)


def test_a_configuration_missing_a_measurement_is_refused():
    shirt = configured("SHIRT-MTM", **SHIRT)
    with pytest.raises(RecipeError) as error:
        compile_for(SHIRT_RECIPE, {k: v for k, v in shirt.items() if k != "chest"}, 1)
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
