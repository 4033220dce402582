"""Preview endpoint timings through Django: ``uv run python bench/preview_http_bench.py``.

Uploads a 3000 x 3000 artwork through the API (Django test client, a throw-away SQLite
database and media dir), then times ``GET /products/TEE-PRINT/preview/`` at 1000 px:

- cold: every request a new placement (render + WebP encode + cache store),
- warm: the same configuration again (served from the cache by content hash).

Prints median / p95 / p99. Target: cold p95 <= 100 ms on a quiet machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="c2m-preview-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.demo")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(TMP / "media")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from configurator import ProductDefinition  # noqa: E402
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES  # noqa: E402
from orders.services.catalog import product_upsert  # noqa: E402


def percentiles(samples: list[float]) -> str:
    q = statistics.quantiles(sorted(samples), n=100, method="inclusive")
    return f"median {statistics.median(samples):6.1f} ms  p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms"


def artwork_png(side: int) -> bytes:
    """Photo-like: smooth gradients and shapes with a little grain (pure noise is a PNG
    worst case that makes the upload, not the preview, the thing measured)."""
    image = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((side, side)),
            Image.radial_gradient("L").resize((side, side)),
            Image.effect_noise((side // 8, side // 8), 20).resize((side, side)),
        ],
    )
    ImageDraw.Draw(image).ellipse((side // 8, side // 8, side * 7 // 8, side * 7 // 8), "orange")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    data = next(p for p in DEMO_PRODUCTS if p["sku"] == "TEE-PRINT")
    product_upsert(definition=ProductDefinition.from_dict(data, shared_rules=DEMO_RULES).to_dict())
    client = Client()
    started = time.perf_counter()
    response = client.post(
        "/api/v1/artworks/", {"file": SimpleUploadedFile("a.png", artwork_png(3000))}
    )
    print(f"upload 3000 x 3000 PNG: {(time.perf_counter() - started) * 1000:.0f} ms")
    art = response.json()["id"]

    def url(scale: str, offset: str = "0") -> str:
        options = {
            "colour": "#1F2A44",
            "artwork_front": {"artwork_id": art, "placement": {"scale": scale, "offset_y": offset}},
        }
        return "/products/TEE-PRINT/preview/?" + urlencode(
            {"config": json.dumps({"options": options})}
        )

    def timed(path: str, expect: str) -> float:
        start = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200 and response["X-Preview-Cache"] == expect, response
        return elapsed

    timed(url("0.5"), "miss")  # load the mockup, fonts and the preview source once
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for i in range(900, 950):
            timed(url("0.8", f"{i / 1000:.3f}"), "miss")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumtime").print_stats(30)
    cold = [timed(url("0.8", f"{i / 1000:.3f}"), "miss") for i in range(args.runs)]
    warm = [timed(url("0.8", "0.000"), "hit") for _ in range(args.runs)]
    print(f"preview 1000 px, cold (render):  {percentiles(cold)}  ({args.runs} runs)")
    print(f"preview 1000 px, warm (cached):  {percentiles(warm)}  ({args.runs} runs)")


if __name__ == "__main__":
    main()
