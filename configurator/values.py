"""Normalizing one raw option value per kind. Never raises: problems come back as issues.

``normalize(option, raw)`` returns ``(value, issues)``: ``value`` is the JSON-able
normalized value (``None`` when absent or invalid), ``issues`` the problems found.
``None``, ``""``, ``[]`` and whitespace-only text count as absent.
"""

# Chinese texts use full-width punctuation and the multiplication sign on purpose.

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .characters import characters_in_words
from .messages import Label, safe_excerpt
from .options import HEX_COLOUR_RE, PLACEMENT_FIELDS, Option

_NUMBER_RE = re.compile(r"^[+-]?\d{1,15}(\.\d{1,12})?$")
_LONG_NUMBER_RE = re.compile(r"^[+-]?\d+(\.\d+)?$")
_ARTWORK_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PLACEMENT_QUANTUM = Decimal("0.001")
NUMBER_LIMIT = Decimal(10) ** 15

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,'&-!?")
_DIGITS = frozenset("0123456789")
_CJK_PUNCTUATION = frozenset("，。、·！？：；「」『』（）　")


def _in_charset(name: str, ch: str) -> bool:
    cp = ord(ch)
    if name == "latin":
        return ch in _LATIN
    if name == "digits":
        return ch in _DIGITS
    if name == "latin_extended":
        return (
            ch in _LATIN
            or (0xC0 <= cp <= 0x24F and cp not in (0xD7, 0xF7))
            or 0x1E00 <= cp <= 0x1EFF
        )
    if name == "cjk":
        return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or ch in _CJK_PUNCTUATION
    return False


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with a raw value: a stable ``code``, machine ``params``, localized ``texts``."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    texts: Mapping[str, Label] = field(default_factory=dict)


Result = tuple[Any, list[Issue]]


def parse_decimal(raw: object) -> Decimal | Issue:
    """Return ``raw`` (int, finite float or decimal string) as a Decimal, or the issue.

    Exponents, NaN, Infinity and more than 15 integer / 12 fractional digits are refused.
    """
    if isinstance(raw, bool):
        return Issue("wrong_type")
    if isinstance(raw, int):
        return Decimal(raw) if abs(raw) < NUMBER_LIMIT else Issue("out_of_range_any")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return Issue("not_a_number")
        if abs(raw) >= NUMBER_LIMIT:
            return Issue("out_of_range_any")
        raw = repr(raw)
        if "e" in raw:  # tiny floats such as 1e-20: keep them exact but out of any sane grid
            return Decimal(raw)
    if not isinstance(raw, str):
        return Issue("wrong_type")
    text = raw.strip()
    if _NUMBER_RE.match(text):
        return Decimal(text)
    if len(text) < 10_000 and _LONG_NUMBER_RE.match(text):
        return Issue("out_of_range_any")
    return Issue("not_a_number")


def is_absent(raw: object) -> bool:
    """Return whether ``raw`` means "no value given"."""
    return raw is None or (isinstance(raw, str | list | tuple | dict) and not raw)


def _choice(option: Option, raw: object) -> Result:
    if not isinstance(raw, str):
        return None, [Issue("wrong_type")]
    if option.value(raw) is None:
        return None, [Issue("invalid_choice", {"value": safe_excerpt(raw)})]
    return raw, []


def _multi_choice(option: Option, raw: object) -> Result:
    if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
        return None, [Issue("wrong_type")]
    issues = [r for v in raw for r in _choice(option, v)[1]][:5]
    if len(set(raw)) != len(raw):
        issues.append(Issue("duplicate_selection"))
    if option.max_selections is not None and len(raw) > option.max_selections:
        issues.append(Issue("too_many_selections", {"max": option.max_selections}))
    if len(raw) < option.min_selections:
        issues.append(Issue("too_few_selections", {"min": option.min_selections}))
    if issues:
        return None, issues
    return [v.code for v in option.values if v.code in raw], []


def _colour(option: Option, raw: object) -> Result:
    if not isinstance(raw, str):
        return None, [Issue("wrong_type")]
    code = raw.strip().upper()
    if option.value(code) is not None or (option.allow_custom and HEX_COLOUR_RE.match(code)):
        return code, []
    return None, [Issue("invalid_colour_code" if option.allow_custom else "invalid_colour")]


def number_issue(option: Option, value: Decimal, low: Decimal, high: Decimal) -> Issue | None:
    """Return the issue with ``value`` against bounds ``low``..``high`` and the step grid."""
    texts = {"unit": Label(option.unit, option.unit)}
    start, _end, step = option.number_grid()
    if not low <= value <= high:
        return Issue("out_of_range", {"min": str(low), "max": str(high)}, texts)
    if (value - start) % step:
        return Issue("off_step", {"step": str(step), "min": str(start)}, texts)
    return None


def _number(option: Option, raw: object) -> Result:
    parsed = parse_decimal(raw)
    low, high, step = option.number_grid()
    if isinstance(parsed, Issue):
        if parsed.code == "out_of_range_any":
            return None, [number_issue(option, NUMBER_LIMIT, low, high) or parsed]
        return None, [parsed]
    issue = number_issue(option, parsed, low, high)
    if issue:
        return None, [issue]
    exponent = min(_exponent(step), _exponent(low), 0)
    return str((parsed + 0).quantize(Decimal(1).scaleb(exponent))), []


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0  # only finite numbers are options'


def clean_text(option: Option, raw: str) -> tuple[str, list[Issue]]:
    """Return ``raw`` NFC-normalized and stripped (per line), with its issues.

    Only characters of the option's character sets and ``extra_chars`` pass, so control,
    bidi-override, zero-width and other format characters are always refused.
    """
    limit = option.max_length or 0
    if len(raw) > limit * 4 + 64:
        return "", [Issue("too_long", {"max_length": limit})]
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.strip() for line in text.strip().split("\n"))
    bad: list[str] = []
    for ch in text:
        allowed = ch in option.extra_chars or any(_in_charset(n, ch) for n in option.charsets)
        if not allowed and not (ch == "\n" and option.max_lines > 1) and ch not in bad:
            bad.append(ch)
    issues = []
    if bad:
        issues.append(
            Issue("invalid_characters", texts={"characters": characters_in_words(bad[:5])})
        )
    if option.max_lines > 1 and text.count("\n") + 1 > option.max_lines:
        issues.append(Issue("too_many_lines", {"max_lines": option.max_lines}))
    if len(text) - text.count("\n") > limit:
        issues.append(Issue("too_long", {"max_length": limit}))
    return text, issues


def _text(option: Option, raw: object) -> Result:
    font = option.fonts[0].code if option.fonts else None
    if isinstance(raw, Mapping):
        if set(raw) - {"text", "font"}:
            return None, [Issue("wrong_type")]
        font = raw.get("font", font)
        raw = raw.get("text")
    if not isinstance(raw, str):
        return None, [Issue("wrong_type")]
    text, issues = clean_text(option, raw)
    if font is not None and font not in {f.code for f in option.fonts}:
        issues.append(Issue("invalid_font"))
    if issues:
        return None, issues
    return ({"text": text, "font": font} if text else None), []


def _placement(option: Option, raw: object) -> tuple[dict[str, str] | None, list[Issue]]:
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping) or set(raw) - set(PLACEMENT_FIELDS):
        return None, [Issue("wrong_type")]
    out, issues = {}, []
    for name in PLACEMENT_FIELDS:
        low, high = option.bounds(name)
        default = Decimal(0) if name != "scale" else min(max(Decimal(1), low), high)
        parsed = parse_decimal(raw.get(name, str(default)))
        if isinstance(parsed, Decimal):
            parsed = parsed.quantize(_PLACEMENT_QUANTUM, rounding=ROUND_HALF_UP) + 0
        if not isinstance(parsed, Decimal) or not low <= parsed <= high:
            params = {"field": name, "min": str(low), "max": str(high)}
            issues.append(Issue("placement_out_of_range", params))
            continue
        out[name] = str(parsed)
    return (None if issues else out), issues


def _artwork(option: Option, raw: object) -> Result:
    if not isinstance(raw, Mapping) or set(raw) - {"artwork_id", "print_area", "placement"}:
        return None, [Issue("wrong_type")]
    issues = []
    artwork_id = raw.get("artwork_id")
    if not isinstance(artwork_id, str) or not _ARTWORK_ID_RE.match(artwork_id):
        issues.append(Issue("invalid_artwork"))
    area = raw.get("print_area")
    if area is None and len(option.print_areas) == 1:
        area = option.print_areas[0].code
    if not isinstance(area, str) or area not in {a.code for a in option.print_areas}:
        issues.append(Issue("invalid_print_area"))
    placement, placement_issues = _placement(option, raw.get("placement"))
    issues += placement_issues
    if issues:
        return None, issues
    return {"artwork_id": artwork_id, "print_area": area, "placement": placement}, []


_NORMALIZERS: dict[str, Callable[[Option, object], Result]] = {
    "choice": _choice,
    "multi_choice": _multi_choice,
    "colour": _colour,
    "number": _number,
    "text": _text,
    "artwork": _artwork,
}


def normalize(option: Option, raw: object) -> Result:
    """Return ``(normalized value or None, issues)`` for one raw option value; never raises."""
    if is_absent(raw):
        return None, []
    return _NORMALIZERS[option.kind](option, raw)
