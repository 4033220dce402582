"""Given a table or shirt configuration, when its picture is drawn, then what the shopper
chose shows: the table's size and wood, the shirt's fabric, collar and cuff."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image, ImageChops

from imaging.drawn_products import drawn_look_for, has_preview, render_drawn
from imaging.drawn_shirt import CHEST, COLLAR_POINT, CUFF, MONOGRAM_BOX, ShirtLook
from imaging.drawn_table import BACKGROUND, TableLook


def table(**values: object) -> TableLook:
    look = drawn_look_for("TABLE-SOLID", values)
    assert isinstance(look, TableLook)
    return look


def shirt(**values: object) -> ShirtLook:
    look = drawn_look_for("SHIRT-MTM", values)
    assert isinstance(look, ShirtLook)
    return look


def drawn_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Where the drawing differs clearly from the background (shadows left out)."""
    background = Image.new("RGB", image.size, BACKGROUND)
    diff = ImageChops.difference(image, background).convert("L").point(lambda v: v > 60 and 255)
    box = diff.getbbox()
    assert box is not None
    return box


def test_the_table_top_takes_the_colour_of_the_wood() -> None:
    oak, walnut, ash = (table(wood=w, width=Decimal("180")) for w in ("oak", "walnut", "ash"))

    colours = {look.wood: look.draw().getpixel(look.top_centre()) for look in (oak, walnut, ash)}

    assert sum(colours["walnut"]) < sum(colours["oak"]) < sum(colours["ash"])
    assert colours["walnut"][0] < 120  # black walnut is dark brown


def test_a_wider_table_is_drawn_wider_and_a_deeper_one_deeper() -> None:
    narrow = drawn_box(table(width=Decimal("100"), depth=Decimal("80")).draw())
    wide = drawn_box(table(width=Decimal("200"), depth=Decimal("80")).draw())
    deep = drawn_box(table(width=Decimal("100"), depth=Decimal("120")).draw())

    narrow_w, wide_w = narrow[2] - narrow[0], wide[2] - wide[0]
    # 3 px per cm: 100 cm more width is about 300 px more drawing.
    assert 280 <= wide_w - narrow_w <= 320
    assert deep[3] - deep[1] > narrow[3] - narrow[1]


def test_a_taller_table_has_longer_legs() -> None:
    low = drawn_box(table(width=Decimal("120"), height=Decimal("60")).draw())
    high = drawn_box(table(width=Decimal("120"), height=Decimal("110")).draw())

    assert (high[3] - high[1]) - (low[3] - low[1]) >= 140  # 50 cm more, at 3 px per cm


def test_finish_and_glass_top_change_the_top() -> None:
    oiled = table(wood="oak")
    lacquered = table(wood="oak", finish="matte_lacquer")
    clear = table(wood="oak", top="glass")
    bronze = table(wood="oak", top="glass", glass_tint="bronze")

    tops = [look.draw().getpixel(look.top_centre()) for look in (oiled, lacquered, clear, bronze)]

    assert len(set(tops)) == 4
    assert sum(tops[1]) > sum(tops[0])  # matte lacquer leaves the oak paler than hardwax oil


def test_a_table_without_choices_is_drawn_at_usual_defaults() -> None:
    look = table()

    assert look == TableLook(width_cm=160, depth_cm=80, height_cm=75, wood="oak")
    assert look.draw().getpixel(look.top_centre()) != BACKGROUND
    assert table(width="junk", wood="teak", height=Decimal("500")).height_cm == 110


def test_the_same_table_draws_the_same_bytes() -> None:
    look = table(width=Decimal("180"), depth=Decimal("90"), wood="walnut")

    assert render_drawn(look, size=400) == render_drawn(TableLook(180, 90, 75, "walnut"), size=400)
    image = Image.open(io.BytesIO(render_drawn(look, size=400)))
    assert image.format == "WEBP" and image.size == (400, 400)


def test_the_shirt_body_takes_the_fabric_colour() -> None:
    colours = {
        fabric: shirt(fabric=fabric).draw().getpixel(CHEST)
        for fabric in ("poplin", "oxford", "linen", "silk_cotton")
    }

    assert len(set(colours.values())) == 4
    red, _green, blue = colours["oxford"]
    assert blue > red + 30  # oxford is blue
    assert colours["poplin"][0] > 230  # poplin is white


def test_collar_and_cuff_follow_the_choice() -> None:
    classic = shirt(fabric="oxford").draw()
    mandarin = shirt(fabric="oxford", collar="mandarin").draw()
    button_down = shirt(fabric="oxford", collar="button_down").draw()
    french = shirt(fabric="oxford", cuff="french").draw()

    assert classic.getpixel(COLLAR_POINT) != mandarin.getpixel(COLLAR_POINT)
    assert ImageChops.difference(classic, button_down).getbbox() is not None
    gold = french.getpixel(CUFF)
    assert gold[0] > 150 and gold[2] < 80  # the cufflink
    assert classic.getpixel(CUFF) != gold


def thread_pixels(image: Image.Image) -> int:
    """Dark (navy thread) pixels on the chest pocket."""
    pocket = image.crop(MONOGRAM_BOX).convert("L")
    return sum(pocket.histogram()[:100])


def test_the_monogram_is_stitched_on_the_pocket_when_asked_for() -> None:
    plain = shirt(fabric="poplin", monogram="JZ").draw()  # no "add_monogram": not stitched
    latin = shirt(fabric="poplin", add_monogram="yes", monogram="JZ").draw()
    script = shirt(add_monogram="yes", monogram={"text": "JZ", "font": "script"}).draw()
    chinese = shirt(add_monogram="yes", monogram={"text": "王", "font": "block"}).draw()

    assert thread_pixels(plain) == 0
    assert thread_pixels(latin) > 150
    assert thread_pixels(chinese) > 150
    # The font is the one chosen: script letters are drawn differently from block ones.
    assert ImageChops.difference(latin, script).getbbox() is not None
    # Nothing outside the pocket changes.
    box = ImageChops.difference(plain, latin).getbbox()
    assert box is not None
    assert MONOGRAM_BOX[0] <= box[0] and box[2] <= MONOGRAM_BOX[2]
    assert MONOGRAM_BOX[1] <= box[1] and box[3] <= MONOGRAM_BOX[3]


def test_every_demo_product_has_a_preview() -> None:
    for sku in ("TEE-PRINT", "TUMBLER-ENGRAVED", "SHIRT-MTM", "TABLE-SOLID"):
        assert has_preview(sku)
    assert not has_preview("NO-SUCH-THING")
