"""Products whose whole picture is drawn from the configuration (no artwork on a mockup).

Keyed by SKU like ``PRINT_SETUPS``; each look is a small frozen value (hashed into the
preview's cache key) that draws itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from PIL import Image

from .drawn_shirt import ShirtLook
from .drawn_table import TableLook
from .preview import PreviewFormat, PreviewView, render_views
from .print_setups import print_setup_for

DrawnLook = TableLook | ShirtLook
DRAWN_PRODUCTS: dict[str, Callable[[Mapping[str, Any]], DrawnLook]] = {
    "TABLE-SOLID": TableLook.from_values,
    "SHIRT-MTM": ShirtLook.from_values,
}


def drawn_look_for(sku: str, values: Mapping[str, Any]) -> DrawnLook | None:
    """What product ``sku`` looks like with ``values`` (None for a product not drawn here)."""
    look = DRAWN_PRODUCTS.get(sku)
    return look(values) if look else None


def look_key(look: DrawnLook) -> dict[str, Any]:
    """The look as plain data, for a content hash."""
    return {"kind": type(look).__name__, **asdict(look)}


def render_drawn(look: DrawnLook, *, size: int = 1000, fmt: PreviewFormat = "webp") -> bytes:
    """The look's picture ``size`` px square, as WebP or PNG bytes (same look, same bytes)."""
    return render_views([PreviewView(_drawing(look), ())], size=size, fmt=fmt)


def has_preview(sku: str) -> bool:
    """Whether product ``sku`` has a live preview (artwork on a mockup, or drawn)."""
    return sku in DRAWN_PRODUCTS or print_setup_for(sku) is not None


@lru_cache(maxsize=32)
def _drawing(look: DrawnLook) -> Image.Image:
    return look.draw()
