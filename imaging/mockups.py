"""The product mockups shipped with the app and the print areas drawn on them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .geometry import PrintArea

MOCKUP_DIR = Path(__file__).resolve().parent / "data" / "mockups"
MOCKUP_SIZE = 1000
TSHIRT_COLOURS: dict[str, str] = {
    "white": "#f7f7f5",
    "black": "#1d1d1f",
    "navy": "#1f2a44",
    "red": "#b3202a",
    "heather-grey": "#a7a9ac",
}
# Dress shirts appear in the catalog only (made to measure, nothing printed on them).
SHIRT_COLOURS: dict[str, str] = {"sky": "#b9cfe8"}
TUMBLER_COLOURS: dict[str, str] = {"steel": "#c9ccd1", "matte-black": "#2b2b2d"}


@dataclass(frozen=True, slots=True)
class Mockup:
    """A mockup picture of one product variant and its printable areas."""

    product: str
    variant: str
    path: Path
    print_areas: tuple[PrintArea, ...]


TSHIRT_AREAS = (
    PrintArea("front", x=350, y=260, width=300, height=400, width_mm=300, height_mm=400),
)
# Seen from the back, the back print area sits where the front one does on the front view.
TSHIRT_BACK_AREAS = (
    PrintArea("back", x=350, y=260, width=300, height=400, width_mm=300, height_mm=400),
)
TUMBLER_AREAS = (
    PrintArea("wrap", x=395, y=330, width=210, height=280, width_mm=75, height_mm=100),
)


def mockup_for(product: str, variant: str) -> Mockup:
    """The shipped mockup for ``product`` (``tshirt``, ``tshirt-back``, ``tumbler``) in colour
    ``variant``.

    Raises ``KeyError`` for a product or variant without a mockup.
    """
    if product == "tshirt" and variant in TSHIRT_COLOURS:
        areas = TSHIRT_AREAS
    elif product == "tshirt-back" and variant in TSHIRT_COLOURS:
        areas = TSHIRT_BACK_AREAS
    elif product == "tumbler" and variant in TUMBLER_COLOURS:
        areas = TUMBLER_AREAS
    else:
        raise KeyError(f"no mockup for {product}/{variant}")
    return Mockup(product, variant, MOCKUP_DIR / f"{product}-{variant}.png", areas)
