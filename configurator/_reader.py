"""Reading a definition dict while collecting every problem instead of stopping at the first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .messages import Label

CODE_RE = re.compile(r"^#?[a-z0-9][a-z0-9_.\-]{0,63}$", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"^[+-]?\d{1,15}(\.\d{1,12})?$")


class Reader:
    """Typed access to a definition dict; each failure is recorded as ``"path: reason"``."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, reason: str) -> None:
        self.problems.append(f"{path}: {reason}")

    def mapping(self, value: object, path: str) -> Mapping[str, Any]:
        """Return ``value`` if it is a mapping, else record a problem and return ``{}``."""
        if isinstance(value, Mapping):
            return value
        self.add(path, "must be an object")
        return {}

    def items(self, data: Mapping[str, Any], key: str, path: str) -> list[Any]:
        """Return the list under ``key`` (missing means empty)."""
        value = data.get(key, [])
        if isinstance(value, list | tuple):
            return list(value)
        self.add(f"{path}.{key}", "must be a list")
        return []

    def string(
        self, data: Mapping[str, Any], key: str, path: str, *, default: str | None = None
    ) -> str:
        value = data.get(key, default)
        if isinstance(value, str) and value:
            return value
        self.add(f"{path}.{key}", "must be a non-empty string")
        return ""

    def optional_string(self, data: Mapping[str, Any], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and value):
            return value
        self.add(f"{path}.{key}", "must be a non-empty string or absent")
        return None

    def code(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = self.string(data, key, path)
        if value and not CODE_RE.match(value):
            self.add(f"{path}.{key}", f"{value!r} is not a valid code (letters, digits, _ . -)")
        return value

    def integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        default: int | None = None,
        minimum: int | None = None,
    ) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{path}.{key}", "must be an integer")
            return default if default is not None else 0
        if minimum is not None and value < minimum:
            self.add(f"{path}.{key}", f"must be at least {minimum}")
        return value

    def optional_integer(self, data: Mapping[str, Any], key: str, path: str) -> int | None:
        if data.get(key) is None:
            return None
        return self.integer(data, key, path)

    def boolean(self, data: Mapping[str, Any], key: str, path: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.add(f"{path}.{key}", "must be true or false")
        return default

    def decimal(
        self, data: Mapping[str, Any], key: str, path: str, *, default: str | None = None
    ) -> Decimal:
        value = data.get(key, default)
        result = self._to_decimal(value)
        if result is None:
            self.add(f"{path}.{key}", "must be a decimal string such as '12.50'")
            return Decimal(0)
        return result

    def optional_decimal(self, data: Mapping[str, Any], key: str, path: str) -> Decimal | None:
        if data.get(key) is None:
            return None
        return self.decimal(data, key, path)

    def label(self, data: Mapping[str, Any], key: str, path: str) -> Label:
        value = data.get(key)
        if (
            isinstance(value, Mapping)
            and isinstance(value.get("en"), str)
            and isinstance(value.get("zh-hans"), str)
            and value["en"]
            and value["zh-hans"]
        ):
            return Label(value["en"], value["zh-hans"])
        self.add(f"{path}.{key}", "must be {'en': ..., 'zh-hans': ...} with both texts")
        return Label("", "")

    def optional_label(self, data: Mapping[str, Any], key: str, path: str) -> Label | None:
        if data.get(key) is None:
            return None
        return self.label(data, key, path)

    def unique(self, codes: list[str], path: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                self.add(path, f"duplicate code {code!r}")
            seen.add(code)

    @staticmethod
    def _to_decimal(value: object) -> Decimal | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int) and abs(value) < 10**15:
            return Decimal(value)
        if isinstance(value, str) and _DECIMAL_RE.match(value):
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover - the regex admits only valid text
                return None
        return None
