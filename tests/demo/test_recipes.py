"""The four demo recipes, checked against quantities and minutes worked out by hand."""

import pytest

from configurator import ProductDefinition, validate
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES
from demo.recipes import SHIRT_RECIPE, TABLE_RECIPE, TEE_RECIPE, TUMBLER_RECIPE
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
    }
    assert "pretreat" not in minutes(snapshot)
    # print_front 10 + 2×10 and print_back 5 + 2×10 share the DTG printer
    assert snapshot["minutes_by_centre"]["dtg_printer"] == "55.00"
    assert [f["name"] for f in snapshot["files"]] == ["front.png", "back.png"]
    assert snapshot["files"][1]["source"]["artwork_id"] == "art_08"


SCREEN_TEE = {
    "size": "L",
    "colour": "#111111",
    "print_method": "screen",
    "artwork_front": {"artwork_id": "art_8f3a"},
    "artwork_back": {"artwork_id": "art_19c2"},
    "extras": ["neck_label", "gift_box"],
}


def test_a_screen_printed_black_tee_with_neck_label_and_gift_box():
    tee = configured("TEE-PRINT", 24, **SCREEN_TEE)
    snapshot = compile_for(TEE_RECIPE, tee, quantity=24)

    # screens: 2 areas × 2 (white underbase on black) + 1 for the neck label, once a job
    assert bom(snapshot) == {
        "tee-blank-#111111-L": "25",  # 24 × 1.02 = 24.48
        "screen-frame-mesh-156": "5",
        "screen-emulsion": "200.000",  # 40 ml a screen
        "plastisol-ink": "528.000",  # 20 ml × 24 × 1.1
        "plastisol-ink-white-underbase": "316.800",  # 12 ml × 24 × 1.1
        "neck-label-plastisol-ink": "24.000",
        "gift-box-tee": "24",
    }
    assert minutes(snapshot) == {
        "screen_setup": "100.00",  # 20 a screen, once
        "screen_print_front": "24.20",  # 5 + 0.4 × 2 screens × 24
        "screen_print_back": "24.20",
        "screen_print_neck_label": "12.20",  # 5 + 0.3 × 24
        "screen_cure": "12.00",
        "qc": "12.00",
        "pack": "11.60",
        "pack_gift_box": "12.00",
    }
    assert snapshot["capabilities"] == ["pack", "qc", "screen_print"]

    # Twice the shirts: the same screens and set-up, twice the ink and boxes.
    double = compile_for(TEE_RECIPE, tee, quantity=48)
    assert bom(double)["screen-frame-mesh-156"] == "5"
    assert minutes(double)["screen_setup"] == "100.00"
    assert bom(double)["gift-box-tee"] == "48"


def test_an_embroidered_white_tee_needs_an_embroiderer_not_a_printer():
    tee = configured(
        "TEE-PRINT",
        3,
        size="S",
        print_method="embroidery",
        artwork_front={"artwork_id": "art_logo"},
        extras=["polybag"],
    )
    snapshot = compile_for(TEE_RECIPE, tee, quantity=3)

    assert bom(snapshot) == {
        "tee-blank-#FFFFFF-S": "4",  # 3.06
        "embroidery-thread-polyester": "198.000",  # 60 m × 3 × 1.1
        "embroidery-backing-tearaway": "4",  # 3.15
        "polybag": "3",
    }
    assert minutes(snapshot) == {
        "embroidery_setup": "30.00",  # digitizing one area, once
        "embroidery_front": "23.00",  # 5 + 6 × 3
        "qc": "1.50",
        "pack": "3.50",  # 2 + 0.5 × 3
    }
    assert snapshot["capabilities"] == ["embroider", "pack", "qc"]


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
        "carton-tumbler-750ml": "10",  # no gift box: not chosen
    }
    # engrave: 1 + 11 characters × 0.05 = 1.55 per unit; 8 + 15.5. qc 0.3×10; pack 1 + 0.3×10
    assert minutes(snapshot) == {"engrave": "23.50", "qc": "3.00", "pack": "4.00"}
    # The laser program needs the font as well as the text.
    assert snapshot["files"] == [
        {"name": "engraving.png", "kind": "engraving", "option": "engraving", "source": engraving}
    ]
    serif = {**tumbler, "engraving": {**engraving, "font": "serif"}}
    assert minutes(compile_for(TUMBLER_RECIPE, serif, quantity=10)) == minutes(snapshot)


def test_a_tumbler_in_a_gift_box_only_when_the_box_is_chosen():
    boxed = configured("TUMBLER-ENGRAVED", 3, finish="brushed", extras=["gift_box"])
    snapshot = compile_for(TUMBLER_RECIPE, boxed, quantity=3)

    assert bom(snapshot)["gift-box"] == "3"
    assert minutes(snapshot)["pack_gift_box"] == "1.20"
    plain = compile_for(TUMBLER_RECIPE, configured("TUMBLER-ENGRAVED", 3, finish="brushed"), 3)
    assert "gift-box" not in bom(plain) and "pack_gift_box" not in minutes(plain)


def test_tumbler_without_text_skips_the_laser():
    tumbler = configured("TUMBLER-ENGRAVED", finish="mirror")
    snapshot = compile_for(TUMBLER_RECIPE, tumbler, quantity=1)

    assert bom(snapshot) == {"tumbler-blank-500ml-mirror": "1", "carton-tumbler-500ml": "1"}
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
        "interlining-collar-button_down": "0.315",  # 0.15 × 2 × 1.05
        "interlining-cuff-french": "0.420",  # (0.1 + 0.1) × 2 × 1.05
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

    # 2.45 m × 1.1 linen × 1.08 = 2.9106; cuff interlining 0.1 × 1.05 = 0.105
    assert bom(snapshot)["fabric-linen"] == "2.911"
    assert bom(snapshot)["interlining-cuff-barrel"] == "0.105"
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

    # frame (4×75×49 + 2×200×25) / 1e6 = 0.0247 m³ × 1.15 = 0.028405 → 0.029; no wood top
    # finish 1.92 m² × 0.08 l = 0.1536 × 1.1 = 0.16896 → 0.169
    assert bom(snapshot) == {
        "wood-oak": "0.029",
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

    # frame (4×75×49 + 2×150×25) / 1e6 = 0.0222 m³ × 2 × 1.15 = 0.05106 → 0.052
    # top 90×60×4 / 1e6 = 0.0216 m³ × 2 × 1.15 = 0.04968 → 0.050
    # lacquer 1.08 m² × 0.12 l = 0.1296 × 2 × 1.1 = 0.28512 → 0.286
    assert bom(snapshot) == {
        "wood-ash": "0.052",
        "top-solid-ash": "0.050",
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
