"""Checking a product's configurator definition before it is published."""

from __future__ import annotations

from typing import Any

from configurator import DefinitionError, ProductDefinition
from orders.models import SharedRule


def definition_problems(data: Any) -> list[str]:
    """Every problem with ``data`` as a product definition, in words; [] when it is sound.

    Rules given by id are looked up among the shared rules.
    """
    shared = {r.code: r.definition for r in SharedRule.objects.all()}
    try:
        ProductDefinition.from_dict(data, shared_rules=shared)
    except DefinitionError as exc:
        return [str(p) for p in exc.problems] or [str(exc)]
    return []
