"""Each option kind: what a customer may enter and what the order line keeps."""

from __future__ import annotations

import hashlib
import json

import pytest

from configurator import validate

from .builders import error_codes, option, product, raw, value


@pytest.fixture
def choices():
    return product(
        [
            option("size", "choice", required=True, values=[value("S"), value("M")]),
            option(
                "extras",
                "multi_choice",
                min_selections=1,
                max_selections=2,
                values=[value("box"), value("label"), value("bag")],
            ),
        ]
    )


def test_a_choice_keeps_the_chosen_code(choices):
    validation = validate(choices, raw(size="M"))

    assert validation.configuration.values == {"size": "M"}


@pytest.mark.parametrize(
    ("given", "code"),
    [("XL", "invalid_choice"), (3, "wrong_type"), (["S"], "wrong_type"), (None, "required")],
)
def test_a_choice_refuses_anything_but_one_of_its_values(choices, given, code):
    validation = validate(choices, raw(size=given))

    assert error_codes(validation) == {("size", code)}
    assert validation.errors[0].message["en"].startswith("Size")
    assert "Size" in validation.errors[0].message["zh-hans"]


def test_multi_choice_keeps_selections_in_catalog_order(choices):
    validation = validate(choices, raw(size="S", extras=["bag", "box"]))

    assert validation.configuration.values["extras"] == ["box", "bag"]


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (["box", "label", "bag"], "too_many_selections"),
        (["box", "box"], "duplicate_selection"),
        (["gold"], "invalid_choice"),
        ("box", "wrong_type"),
    ],
)
def test_multi_choice_refuses_bad_selections(choices, given, code):
    validation = validate(choices, raw(size="S", extras=given))

    assert ("extras", code) in error_codes(validation)


def test_an_empty_optional_multi_choice_is_simply_absent(choices):
    validation = validate(choices, raw(size="S", extras=[]))

    assert validation.configuration.values == {"size": "S"}


@pytest.fixture
def colours():
    palette = [value("#FFFFFF"), value("#111111")]
    return product(
        [
            option("body", "colour", values=palette),
            option("thread", "colour", values=[], allow_custom=True),
        ]
    )


def test_a_palette_colour_is_normalized_to_upper_case_hex(colours):
    validation = validate(colours, raw(body=" #ffffff ", thread="#a1b2c3"))

    assert validation.configuration.values == {"body": "#FFFFFF", "thread": "#A1B2C3"}


def test_a_colour_outside_the_palette_is_refused_unless_free_hex_is_allowed(colours):
    validation = validate(colours, raw(body="#A1B2C3", thread="red"))

    assert error_codes(validation) == {
        ("body", "invalid_colour"),
        ("thread", "invalid_colour_code"),
    }


@pytest.fixture
def width():
    return product(
        [option("width", "number", unit="cm", min="40", max="240", step="1", required=True)]
    )


@pytest.mark.parametrize("given", ["120", 120, 120.0, " 120.000 ", "+120"])
def test_a_number_on_the_grid_is_normalized_to_a_decimal_string(width, given):
    validation = validate(width, raw(width=given))

    assert validation.configuration.values == {"width": "120"}


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("120.5", "off_step"),
        ("39", "out_of_range"),
        ("241", "out_of_range"),
        ("-0", "out_of_range"),
        ("1e308", "not_a_number"),
        (1e308, "out_of_range"),
        (10**1000, "out_of_range"),
        ("9" * 5000, "out_of_range"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        (float("nan"), "not_a_number"),
        (float("inf"), "not_a_number"),
        ("12O", "not_a_number"),
        (True, "wrong_type"),
        ({"v": 1}, "wrong_type"),
    ],
)
def test_a_bad_number_is_refused_never_rounded(width, given, code):
    validation = validate(width, raw(width=given))

    assert error_codes(validation) == {("width", code)}


def test_out_of_range_says_the_bounds_in_both_languages(width):
    error = validate(width, raw(width="300")).errors[0]

    assert error.message == {
        "en": "Width must be between 40 and 240 cm.",
        "zh-hans": "中文Width必须在40到240cm之间。",
    }
    assert error.params["min"] == "40"


def test_a_half_step_grid_keeps_the_step_precision():
    chest = product([option("chest", "number", unit="cm", min="80", max="140", step="0.5")])

    assert validate(chest, raw(chest="102")).configuration.values == {"chest": "102.0"}
    assert error_codes(validate(chest, raw(chest="102.25"))) == {("chest", "off_step")}


@pytest.fixture
def engraving():
    return product(
        [
            option(
                "engraving",
                "text",
                max_length=10,
                max_lines=2,
                charsets=["latin", "digits", "cjk"],
                extra_chars="♥",
                fonts=[{"code": "serif", "label": {"en": "Serif", "zh-hans": "衬线体"}}],
            )
        ]
    )


def test_text_is_nfc_normalized_stripped_and_gets_the_default_font(engraving):
    validation = validate(engraving, raw(engraving="  Ann ♥ 李 \r\n 26 "))

    assert validation.configuration.values == {
        "engraving": {"text": "Ann ♥ 李\n26", "font": "serif"}
    }


@pytest.mark.parametrize(
    "trick",
    [
        "abc\u202edcba",  # right-to-left override
        "ab\u200bcd",  # zero-width space
        "ab\u2066cd",  # bidi isolate
        "a\x00b",  # NUL
        "a\x1bb",  # escape
        "a\ufeffb",  # byte-order mark
        "a\ue000b",  # private use
        "\uff21nna",  # full-width Latin
        "a\u0301\u0301\u0301",  # stacked combining accents
    ],
)
def test_unicode_tricks_are_refused(engraving, trick):
    validation = validate(engraving, raw(engraving=trick))

    assert error_codes(validation) == {("engraving", "invalid_characters")}
    assert "U+" not in validation.errors[0].message["en"]
    for ch in ("\u202e", "\u200b", "\x00", "\ufeff"):
        assert ch not in validation.errors[0].message["en"]


def test_text_too_long_or_with_too_many_lines_is_refused(engraving):
    too_long = validate(engraving, raw(engraving="A" * 11))
    too_many = validate(engraving, raw(engraving="A\nB\nC"))
    huge = validate(engraving, raw(engraving="A" * 1_000_000))

    assert error_codes(too_long) == {("engraving", "too_long")}
    assert error_codes(too_many) == {("engraving", "too_many_lines")}
    assert error_codes(huge) == {("engraving", "too_long")}


def test_decomposed_accents_count_as_one_character_after_nfc():
    name = product([option("name", "text", max_length=4, charsets=["latin_extended"])])

    validation = validate(name, raw(name="Jose\u0301"))

    assert validation.configuration.values["name"]["text"] == "José"


def test_an_unknown_font_is_refused(engraving):
    validation = validate(engraving, raw(engraving={"text": "Hi", "font": "comic"}))

    assert error_codes(validation) == {("engraving", "invalid_font")}


@pytest.fixture
def artwork():
    return product(
        [
            option(
                "art",
                "artwork",
                required=True,
                print_areas=[
                    {"code": "front", "label": {"en": "Front", "zh-hans": "正面"}},
                    {"code": "back", "label": {"en": "Back", "zh-hans": "背面"}},
                ],
                placement_bounds={"offset_x": ["-0.5", "0.5"], "scale": ["0.2", "1.5"]},
            )
        ]
    )


def test_artwork_carries_the_reference_and_a_rounded_placement(artwork):
    given = {
        "artwork_id": "art_42",
        "print_area": "back",
        "placement": {"offset_x": 0.12345, "scale": "1.25"},
    }

    validation = validate(artwork, raw(art=given))

    assert validation.configuration.values["art"] == {
        "artwork_id": "art_42",
        "print_area": "back",
        "placement": {"offset_x": "0.123", "offset_y": "0.000", "scale": "1.250"},
    }


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"artwork_id": "../../etc/passwd", "print_area": "front"}, "invalid_artwork"),
        ({"artwork_id": "a1", "print_area": "sleeve"}, "invalid_print_area"),
        ({"artwork_id": "a1"}, "invalid_print_area"),
        (
            {"artwork_id": "a1", "print_area": "front", "placement": {"offset_x": "0.6"}},
            "placement_out_of_range",
        ),
        ({"artwork_id": "a1", "print_area": "front", "rotate": 90}, "wrong_type"),
        ("a1", "wrong_type"),
    ],
)
def test_bad_artwork_is_refused(artwork, given, code):
    validation = validate(artwork, raw(art=given))

    assert ("art", code) in error_codes(validation)


def test_the_content_hash_is_the_sha256_of_the_canonical_snapshot(width):
    config = validate(width, raw(3, width="120")).configuration
    other = validate(width, raw(3, width="121")).configuration
    canonical = json.dumps(
        {"quantity": 3, "sku": "TEST-1", "values": {"width": "120"}, "version": 1},
        separators=(",", ":"),
    )

    assert config.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert other.content_hash != config.content_hash
    assert config.to_dict()["content_hash"] == config.content_hash


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ("Hi 🎉", "cannot include the emoji 🎉.", "不能包含表情符号 🎉。"),
        ("I ❤️ U", "cannot include the emoji ❤.", "不能包含表情符号 ❤。"),
        ("Straße", "cannot include “ß”.", "不能包含“ß”。"),
        ("a\u200bb", "cannot include an invisible character (zero width space).", "不可见字符"),
        ("ß🎉", "cannot include “ß”, the emoji 🎉.", "不能包含“ß”、表情符号 🎉。"),
    ],
)
def test_refused_characters_are_named_in_words(engraving, text, english, chinese):
    [error] = validate(engraving, raw(engraving=text)).errors

    assert error.message["en"].endswith(english), error.message
    assert chinese in error.message["zh-hans"], error.message
