"""Preview and print-file timings: ``uv run python bench/preview_bench.py [--runs N]``.

Renders a 1000 px T-shirt preview (photo-like artwork + text) many times and prints median,
p95 and p99; then times one 300-DPI print file per process. Target: preview p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw, ImageFilter

from imaging import (
    ArtworkLayer,
    Placement,
    TextLayer,
    mockup_for,
    preview_source,
    render_preview,
)
from production.files import print_file


def artwork(side: int) -> Image.Image:
    """A photo-like RGBA artwork: noise, shapes and a soft transparent edge."""
    image = Image.effect_noise((side, side), 60).convert("RGB").resize((side, side))
    draw = ImageDraw.Draw(image)
    draw.ellipse((side // 8, side // 8, side * 7 // 8, side * 7 // 8), fill=(240, 180, 20))
    alpha = Image.new("L", (side, side), 0)
    ImageDraw.Draw(alpha).rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 6, fill=255)
    image.putalpha(alpha.filter(ImageFilter.GaussianBlur(side // 100)))
    return image


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return f"median {statistics.median(ordered):6.1f} ms  p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms"


def time_ms(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    shirt = mockup_for("tshirt", "navy")
    full = artwork(3000)  # a 9 MP normalized upload
    cached = preview_source(full)
    latin = TextLayer("Team C2M 2026", "front", colour="#ffffff", placement=Placement(0, 0.4, 0.8))
    chinese = TextLayer(
        "团队 C2M 2026", "front", colour="#ffffff", placement=Placement(0, 0.4, 0.8)
    )

    def preview(
        source: Image.Image, fmt: str, key: str | None = None, text: TextLayer = latin
    ) -> Callable[[], bytes]:
        layers = [ArtworkLayer(source, "front", Placement(0, -0.1, 0.85, 5), key), text]
        return lambda: render_preview(
            mockup=shirt.path, print_areas=shirt.print_areas, layers=layers, fmt=fmt
        )

    for label, fn in (
        ("preview webp, 3000 px artwork + cache_key", preview(full, "webp", "sha256-of-upload")),
        ("preview webp, 1000 px preview_source     ", preview(cached, "webp")),
        ("same, with Chinese + Latin text          ", preview(cached, "webp", text=chinese)),
        ("preview png,  1000 px preview_source     ", preview(cached, "png")),
        ("preview webp, 3000 px artwork, no cache  ", preview(full, "webp")),
    ):
        fn()  # warm the mockup and font caches
        print(f"{label}: {percentiles(time_ms(fn, args.runs))}  ({args.runs} runs)")

    area = shirt.print_areas[0]
    for process in ("dtg", "cmyk"):
        start = time.perf_counter()
        data = print_file(artwork=full, area=area, placement=Placement(), process=process)
        elapsed = time.perf_counter() - start
        print(
            f"print file {process}: {elapsed * 1000:7.0f} ms, {len(data) / 1e6:.1f} MB "
            f"({area.width_mm:g} x {area.height_mm:g} mm at 300 DPI)"
        )


if __name__ == "__main__":
    main()
