"""Decimal strings in the OpenAPI schema as DRF really takes them.

drf-spectacular states a ``DecimalField`` with the pattern ``^-?\\d{0,N}(?:\\.\\d{0,M})?$``,
which also matches ``""``, ``"-"`` and ``"."``: strings DRF refuses ("A valid number is
required."). ``decimal_patterns_tighten``, a postprocessing hook, asks for at least one
digit, so clients (and schemathesis) are told the truth.
"""

from __future__ import annotations

import re
from typing import Any

LOOSE = re.compile(r"^\^-\?\\d\{0,(\d+)\}\(\?:\\\.\\d\{0,(\d+)\}\)\?\$$")


def decimal_patterns_tighten(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    _tighten(result)
    return result


def _tighten(node: Any) -> None:
    if isinstance(node, dict):
        pattern = node.get("pattern")
        match = LOOSE.match(pattern) if isinstance(pattern, str) else None
        if match:
            whole, places = match.groups()
            node["pattern"] = rf"^-?(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})$"
        for value in node.values():
            _tighten(value)
    elif isinstance(node, list):
        for value in node:
            _tighten(value)
