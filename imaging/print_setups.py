"""How each product prints: its mockup, colour variants, print areas, process and fonts.

Pure data shared by the storefront (preview, preflight) and production (print files): a
work order snapshot names areas and options, and this table gives them physical sizes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .fonts import DEFAULT_FONT, faces_for
from .geometry import PrintArea
from .mockups import TSHIRT_AREAS, TUMBLER_AREAS, Mockup, mockup_for


@dataclass(frozen=True)
class PrintSetup:
    """One product's printing facts.

    ``variants`` maps the value of ``colour_option`` to a mockup colour; ``areas`` are every
    print area with its physical size (those in ``shown_areas`` are drawn on the mockup);
    ``text_areas`` says where a text option goes (default: the first area); ``fonts`` maps
    product font codes to registry codes when they differ (most codes, ``serif``,
    ``script``, ``kai``, are registry codes themselves). ``process`` is ``dtg`` (RGB PNG) or
    ``cmyk`` (TIFF).
    """

    mockup: str
    colour_option: str | None
    variants: Mapping[str, str]
    default_variant: str
    areas: tuple[PrintArea, ...]
    shown_areas: frozenset[str]
    process: str = "dtg"
    blocked_below_dpi: float | None = None
    text_areas: Mapping[str, str] = field(default_factory=dict)
    fonts: Mapping[str, str] = field(default_factory=dict)
    dark_variants: frozenset[str] = frozenset()
    # Areas drawn on a second view (the back of a garment), shown beside the first only
    # when something is placed in them.
    back_mockup: str | None = None
    back_areas: frozenset[str] = frozenset()

    def area(self, name: str) -> PrintArea:
        """The area called ``name``; raises ``KeyError`` for an unknown one."""
        for area in self.areas:
            if area.name == name:
                return area
        raise KeyError(name)

    def variant(self, values: Mapping[str, Any]) -> str:
        """The mockup colour for a configuration's values (the default when unknown)."""
        chosen = values.get(self.colour_option) if self.colour_option else None
        if isinstance(chosen, str):
            return self.variants.get(
                chosen, self.variants.get(chosen.upper(), self.default_variant)
            )
        return self.default_variant

    def mockup_for(self, values: Mapping[str, Any]) -> Mockup:
        return mockup_for(self.mockup, self.variant(values))

    def back_mockup_for(self, values: Mapping[str, Any]) -> Mockup | None:
        """The second view's mockup in the configuration's colour (None without one)."""
        return mockup_for(self.back_mockup, self.variant(values)) if self.back_mockup else None

    def font(self, code: str | None) -> str:
        """The registry font code for the product's font ``code`` (the default for none).

        Raises ``UnknownFont`` for a code the registry does not know: an engraving is never
        silently cut in another face.
        """
        return font_code(self.fonts.get(code or "", code))

    def text_area(self, option_code: str) -> PrintArea:
        return self.area(self.text_areas.get(option_code, self.areas[0].name))

    def text_colour(self, values: Mapping[str, Any]) -> str:
        return "#FFFFFF" if self.variant(values) in self.dark_variants else "#111111"


_TEE_FRONT = TSHIRT_AREAS[0]
_TEE = PrintSetup(
    mockup="tshirt",
    colour_option="colour",
    variants={
        "#FFFFFF": "white",
        "#111111": "black",
        "#1F2A44": "navy",
        "#B8B8B8": "heather-grey",
        "#B3202A": "red",
        "white": "white",
        "black": "black",
        "navy": "navy",
        "red": "red",
    },
    default_variant="white",
    areas=(
        _TEE_FRONT,
        PrintArea(
            "back",
            x=_TEE_FRONT.x,
            y=_TEE_FRONT.y,
            width=300,
            height=400,
            width_mm=300,
            height_mm=400,
        ),
    ),
    shown_areas=frozenset({"front"}),
    dark_variants=frozenset({"black", "navy", "red"}),
    back_mockup="tshirt-back",
    back_areas=frozenset({"back"}),
)
_TUMBLER = PrintSetup(
    mockup="tumbler",
    colour_option="finish",
    variants={
        "matte_black": "matte-black",
        "brushed": "steel",
        "mirror": "steel",
        "powder_white": "steel",
    },
    default_variant="steel",
    areas=TUMBLER_AREAS,
    shown_areas=frozenset({"wrap"}),
    text_areas={"engraving": "wrap"},
    dark_variants=frozenset({"matte-black"}),
)
# Keyed by product SKU (the demo catalog's and the configurator's demo products).
PRINT_SETUPS: dict[str, PrintSetup] = {
    "custom-tee": _TEE,
    "TEE-PRINT": _TEE,
    "TUMBLER-ENGRAVED": _TUMBLER,
}
# Text of products without a setup (monograms, labels) prints in a small generic area.
GENERIC_TEXT_AREA = PrintArea("text", x=0, y=0, width=600, height=200, width_mm=60, height_mm=20)


def font_code(code: str | None) -> str:
    """``code`` checked against the font registry (``DEFAULT_FONT`` for none).

    Raises ``UnknownFont`` for an unknown code.
    """
    if not code:
        return DEFAULT_FONT
    faces_for(code)
    return code


def print_setup_for(sku: str) -> PrintSetup | None:
    """The product's print setup, or None when it has no printable areas we know of."""
    return PRINT_SETUPS.get(sku)
