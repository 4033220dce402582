"""Engraving and embroidery text as vector outlines: SVG for any cutter, R12 DXF for lasers.

The outlines are the real glyph outlines of the font the customer chose (through the font
registry, ``imaging.fonts``), laid out like the raster file: lines centred, the
block fitted to the print area and centred in it, in millimetres. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from fontTools.pens.basePen import BasePen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen

from imaging.fonts import FONTTOOLS_LOCK, face_runs, ttfont

LINE_HEIGHT_EM = 1.25
CURVE_STEPS = 8  # straight segments per Bézier segment in DXF polylines (~0.05 mm at 10 mm)


@dataclass(frozen=True, slots=True)
class _Glyph:
    char: str
    outline: DecomposingRecordingPen  # in em units, y up, baseline at y = 0
    x: float  # em units
    y: float


def text_svg(*, text: str, font: str, width_mm: float, height_mm: float) -> bytes:
    """``text`` as an SVG of ``width_mm`` x ``height_mm``: one filled ``<path>`` per drawn
    glyph (``data-char`` says which), the text itself as the ``<title>``.

    Raises ``UnknownFont`` / ``FontFileMissing`` from the registry, ``ValueError`` for
    blank text.
    """
    glyphs, transform = _layout(text, font, width_mm, height_mm, y_down=True)
    paths = []
    for glyph in glyphs:
        pen = SVGPathPen(None, ntos=lambda v: f"{v:.3f}".rstrip("0").rstrip("."))
        glyph.outline.replay(TransformPen(pen, transform(glyph)))
        d = pen.getCommands()
        if d:
            paths.append(f"<path data-char={quoteattr(glyph.char)} d={quoteattr(d)}/>")
    body = "\n".join(paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm:g}mm" '
        f'height="{height_mm:g}mm" viewBox="0 0 {width_mm:g} {height_mm:g}">\n'
        f"<title>{escape(text)}</title>\n"
        f'<g id="text" data-font={quoteattr(font)} fill="#000000" stroke="none">\n'
        f"{body}\n</g>\n</svg>\n"
    ).encode()


def text_dxf(*, text: str, font: str, width_mm: float, height_mm: float) -> bytes:
    """``text`` as an AutoCAD R12 ASCII DXF in millimetres: each glyph contour one closed
    POLYLINE on layer ``ENGRAVE`` (curves flattened), origin at the area's lower left.

    Raises as ``text_svg`` does.
    """
    glyphs, transform = _layout(text, font, width_mm, height_mm, y_down=False)
    out = [
        "999",
        f"C2M Bridge engraving, font {font}, {width_mm:g} x {height_mm:g} mm",
        *("0", "SECTION", "2", "HEADER", "9", "$ACADVER", "1", "AC1009"),
        *("9", "$EXTMIN", "10", "0.0", "20", "0.0", "30", "0.0"),
        *("9", "$EXTMAX", "10", f"{width_mm:.3f}", "20", f"{height_mm:.3f}", "30", "0.0"),
        *("0", "ENDSEC", "0", "SECTION", "2", "ENTITIES"),
    ]
    for glyph in glyphs:
        pen = _FlattenPen()
        glyph.outline.replay(TransformPen(pen, transform(glyph)))
        for contour in pen.contours:
            out += ["0", "POLYLINE", "8", "ENGRAVE", "66", "1", "70", "1"]
            out += ["10", "0.0", "20", "0.0", "30", "0.0"]
            for x, y in contour:
                out += ["0", "VERTEX", "8", "ENGRAVE", "10", f"{x:.3f}", "20", f"{y:.3f}"]
                out += ["30", "0.0"]
            out += ["0", "SEQEND", "8", "ENGRAVE"]
    out += ["0", "ENDSEC", "0", "EOF"]
    return ("\r\n".join(out) + "\r\n").encode("ascii")


def _layout(text: str, font: str, width_mm: float, height_mm: float, *, y_down: bool):
    """The glyphs of ``text`` placed in em units, and a function giving each glyph's
    affine transform into the ``width_mm`` x ``height_mm`` area."""
    lines = [line for line in text.split("\n")]
    if not text.strip():
        raise ValueError("no text to lay out")
    with FONTTOOLS_LOCK:
        glyphs = _glyphs(lines, font)
    bounds = _bounds(glyphs)
    if bounds is None:
        raise ValueError("the text has nothing to draw")
    x0, y0, x1, y1 = bounds
    scale = min(width_mm / max(x1 - x0, 1e-6), height_mm / max(y1 - y0, 1e-6))
    # The block centred in the area.
    dx = (width_mm - (x1 - x0) * scale) / 2 - x0 * scale
    if y_down:
        dy = (height_mm - (y1 - y0) * scale) / 2 + y1 * scale

        def transform(g: _Glyph) -> tuple[float, ...]:
            return (scale, 0, 0, -scale, dx + g.x * scale, dy - g.y * scale)
    else:
        dy = (height_mm - (y1 - y0) * scale) / 2 - y0 * scale

        def transform(g: _Glyph) -> tuple[float, ...]:
            return (scale, 0, 0, scale, dx + g.x * scale, dy + g.y * scale)

    return glyphs, transform


def _glyphs(lines: list[str], font: str) -> list[_Glyph]:
    """Each drawn glyph's outline (em units) and origin, lines centred on x = 0."""
    glyphs: list[_Glyph] = []
    for row, line in enumerate(lines):
        placed: list[_Glyph] = []
        x = 0.0
        for face, chars in face_runs(font, line):
            ttf = ttfont(face)
            upem = ttf["head"].unitsPerEm
            glyph_set = ttf.getGlyphSet()
            cmap = ttf.getBestCmap()
            for char in chars:
                name = cmap.get(ord(char), ".notdef")
                source = glyph_set[name]
                pen = DecomposingRecordingPen(glyph_set)
                source.draw(TransformPen(pen, (1 / upem, 0, 0, 1 / upem, 0, 0)))
                if not char.isspace():
                    placed.append(_Glyph(char, pen, x, -row * LINE_HEIGHT_EM))
                x += source.width / upem
        # Centre each line on x = 0, as the raster file centres its lines.
        glyphs += [_Glyph(g.char, g.outline, g.x - x / 2, g.y) for g in placed]
    return glyphs


def _bounds(glyphs: list[_Glyph]) -> tuple[float, float, float, float] | None:
    box = None
    for glyph in glyphs:
        pen = BoundsPen(None)
        glyph.outline.replay(TransformPen(pen, (1, 0, 0, 1, glyph.x, glyph.y)))
        if pen.bounds is None:
            continue
        if box is None:
            box = pen.bounds
        else:
            box = (
                min(box[0], pen.bounds[0]),
                min(box[1], pen.bounds[1]),
                max(box[2], pen.bounds[2]),
                max(box[3], pen.bounds[3]),
            )
    return box


class _FlattenPen(BasePen):
    """Collects each contour as a list of points, Bézier segments cut into straight lines."""

    def __init__(self) -> None:
        super().__init__(None)
        self.contours: list[list[tuple[float, float]]] = []
        self._points: list[tuple[float, float]] = []

    def _moveTo(self, pt):
        self._flush()
        self._points = [pt]

    def _lineTo(self, pt):
        self._points.append(pt)

    def _curveToOne(self, p1, p2, p3):
        (x0, y0) = self._getCurrentPoint()
        for i in range(1, CURVE_STEPS + 1):
            t = i / CURVE_STEPS
            u = 1 - t
            self._points.append(
                (
                    u**3 * x0 + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * y0 + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )

    def _qCurveToOne(self, p1, p2):
        (x0, y0) = self._getCurrentPoint()
        for i in range(1, CURVE_STEPS + 1):
            t = i / CURVE_STEPS
            u = 1 - t
            self._points.append(
                (
                    u * u * x0 + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * y0 + 2 * u * t * p1[1] + t * t * p2[1],
                )
            )

    def _closePath(self):
        self._flush()

    def _endPath(self):
        self._flush()

    def _flush(self) -> None:
        if len(self._points) > 2:
            self.contours.append(self._points)
        self._points = []
