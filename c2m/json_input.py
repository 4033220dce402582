"""The one JSON reader for request bodies: every API body and every payment notification.

Python's ``json`` accepts what PostgreSQL, ``Decimal`` and our clients cannot live with:
NUL characters and lone surrogates (``jsonb`` and ``text`` refuse them), ``NaN`` and
``1e400`` (infinite floats), integers of thousands of digits (whose error message names
``sys.set_int_max_str_digits()``) and nesting deep enough to exhaust the stack.
``json_loads_strict`` refuses each with ``InvalidJson``, a 400 ``malformed_request`` whose
``detail`` says what is wrong, never how Python failed.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.parsers import JSONParser

from c2m.errors import ApplicationError

# Arrays and objects inside each other; our bodies need four or five.
MAX_DEPTH = 32
# Characters of one number literal, sign and exponent included: a price, a weight or a
# 64-bit id fits; Python's own limit for integers is 4,300 digits.
MAX_NUMBER_CHARS = 40

_FORBIDDEN_CHARACTER = re.compile("[\x00\ud800-\udfff]")


class InvalidJson(ApplicationError):
    status = 400
    code = "malformed_request"


def json_loads_strict(raw: bytes | str) -> Any:
    """The JSON value of ``raw`` (UTF-8 when bytes), numbers as ``int`` and finite ``float``.

    Raises ``InvalidJson`` for anything that is not JSON, a string or key holding NUL or a
    lone surrogate, ``NaN``/``Infinity``, a number beyond ``MAX_NUMBER_CHARS`` characters
    or beyond the float range, or nesting deeper than ``MAX_DEPTH``.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJson("The body is not UTF-8 text.") from None
    try:
        value = json.loads(raw, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except InvalidJson:
        raise
    except RecursionError:
        raise _too_deep() from None
    except ValueError as error:
        raise InvalidJson(_syntax_message(error)) from None
    _check_tree(value)
    return value


def _int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _number_too_long()
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _number_too_long()
    number = float(literal)
    if not math.isfinite(number):
        raise InvalidJson("Numbers must be finite and within ±1.7e308.")
    return number


def _constant(name: str) -> None:
    raise InvalidJson(f"{name} is not a JSON number.")


def _number_too_long() -> InvalidJson:
    return InvalidJson(f"Numbers may have at most {MAX_NUMBER_CHARS} characters.")


def _too_deep() -> InvalidJson:
    return InvalidJson(f"Arrays and objects may be nested at most {MAX_DEPTH} levels deep.")


def _syntax_message(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        # Only our own words and the position: the decoder's ``msg`` is a fixed phrase.
        where = f"line {error.lineno}, column {error.colno}"
        return f"The body is not valid JSON: {error.msg} ({where})."
    return "The body is not valid JSON."


def _check_tree(value: Any) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and strings or keys with NUL or a lone
    surrogate; iterative, so the depth check itself cannot exhaust the stack."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item)
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise _too_deep()
            if isinstance(item, dict):
                for key, child in item.items():
                    _check_string(key)
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def _check_string(text: str) -> None:
    found = _FORBIDDEN_CHARACTER.search(text)
    if found is None:
        return
    if found.group() == "\x00":
        raise InvalidJson("Strings may not contain the NUL character (\\u0000).")
    raise InvalidJson("Strings may not contain unpaired surrogates (\\ud800-\\udfff).")


class StrictJSONParser(JSONParser):
    """DRF's JSON parser with ``json_loads_strict``. Reads at most
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes, as ``request.body`` would, and raises Django's
    ``RequestDataTooBig`` beyond (answered by ``c2m.views.bad_request``: 413 JSON)."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        return json_loads_strict(raw)
