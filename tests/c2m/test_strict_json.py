"""``c2m.json_input``: the one JSON reader for request bodies."""

import pytest

from c2m.json_input import MAX_DEPTH, MAX_NUMBER_CHARS, InvalidJson, json_loads_strict


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_ordinary_json_reads_as_python_does():
    raw = '{"a": [1, -2.5, "Ω\\u00e9😀", true, null, {"b": 1e308}], "ключ": "значение"}'

    assert json_loads_strict(raw.encode()) == {
        "a": [1, -2.5, "Ωé😀", True, None, {"b": 1e308}],
        "ключ": "значение",
    }


def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_refused():
    assert json_loads_strict(nested(MAX_DEPTH)) is not None

    with pytest.raises(InvalidJson, match="nested at most 32 levels"):
        json_loads_strict(nested(MAX_DEPTH + 1))


@pytest.mark.parametrize("depth", [100, 3000, 100_000])
def test_deep_nesting_is_refused_without_exhausting_the_stack(depth):
    with pytest.raises(InvalidJson, match="nested"):
        json_loads_strict(nested(depth))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('"a\\u0000b"', "NUL"),
        ('{"a\\u0000": 1}', "NUL"),
        ('"\\udc00"', "unpaired surrogates"),
        ('{"\\ud800": 1}', "unpaired surrogates"),
        ('["x", ["\\udbff"]]', "unpaired surrogates"),
        ("1e400", "finite"),
        ("-1e400", "finite"),
        ("NaN", "NaN is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("9" * 5000, f"at most {MAX_NUMBER_CHARS} characters"),
        ("0." + "1" * 50, f"at most {MAX_NUMBER_CHARS} characters"),
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_what_the_database_or_python_cannot_take_is_refused_in_our_words(raw, message):
    with pytest.raises(InvalidJson, match=message) as refused:
        json_loads_strict(raw)

    assert refused.value.status == 400
    assert refused.value.code == "malformed_request"
    assert "sys." not in refused.value.detail


def test_a_surrogate_pair_escape_is_one_ordinary_character():
    assert json_loads_strict('"\\ud83d\\ude00"') == "😀"


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(InvalidJson, match="UTF-8"):
        json_loads_strict(b'"\xff"')


def test_a_long_number_within_the_limit_is_read():
    assert json_loads_strict("9" * MAX_NUMBER_CHARS) == int("9" * MAX_NUMBER_CHARS)
