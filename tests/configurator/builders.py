"""Small builders for product definitions in tests."""

from __future__ import annotations

from typing import Any

from configurator import ProductDefinition


def label(en: str, zh: str | None = None) -> dict[str, str]:
    return {"en": en, "zh-hans": zh or f"中文{en}"}


def value(code: str, delta: str = "0", **extra: Any) -> dict[str, Any]:
    return {"code": code, "label": label(code.title()), "price_delta": delta, **extra}


def option(code: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "kind": kind, "label": label(code.title()), "group": "main", **fields}


def product_dict(
    options: list[dict[str, Any]],
    rules: list[Any] | None = None,
    price_components: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sku": "TEST-1",
        "name": label("Test product", "测试产品"),
        "version": 1,
        "currency": "CNY",
        "base_price": "100.00",
        "default_lead_days": 5,
        "quantity": {"min": 1, "max": 100, "multiple_of": 1},
        "groups": [{"code": "main", "label": label("Main", "主要")}],
        "options": options,
        "rules": rules or [],
        "price_components": price_components or [],
    }
    return data | overrides


def product(
    options: list[dict[str, Any]],
    rules: list[Any] | None = None,
    price_components: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> ProductDefinition:
    return ProductDefinition.from_dict(product_dict(options, rules, price_components, **overrides))


def raw(quantity: Any = 1, **options: Any) -> dict[str, Any]:
    return {"quantity": quantity, "options": options}


def error_codes(validation: Any) -> set[tuple[str | None, str]]:
    return {(e.option, e.code) for e in validation.errors}
