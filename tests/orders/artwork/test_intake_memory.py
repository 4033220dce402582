"""Given a decompression bomb, when refused, then the process's memory stays bounded.

Each measure runs in a fresh interpreter that only reads the bomb from a file, so
``ru_maxrss`` (a high-water mark) reflects nothing but the rejection; a second probe
decodes a smaller bomb with the limits off, to show the measure would catch a decode.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.orders.artwork.fixtures import png_bomb

BOUND_MB = 50
ROOT = Path(__file__).resolve().parents[3]
PROBE = textwrap.dedent(
    """
    import io, json, resource, sys
    from PIL import Image
    from orders.artwork import ArtworkRejected, normalize_upload

    def rss_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    data = open(sys.argv[1], "rb").read()
    before = rss_mb()
    code = None
    if sys.argv[2] == "reject":
        try:
            normalize_upload(data)
        except ArtworkRejected as error:
            code = error.code
    else:
        Image.MAX_IMAGE_PIXELS = None
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    print(json.dumps({"code": code, "growth": rss_mb() - before}))
    """
)


def probe(path: Path, mode: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_bomb_is_refused_with_bounded_memory(tmp_path) -> None:
    bomb, control = tmp_path / "bomb.png", tmp_path / "control.png"
    bomb.write_bytes(png_bomb(30_000))
    control.write_bytes(png_bomb(12_000))

    refused = probe(bomb, "reject")
    decoded = probe(control, "decode")

    assert refused["code"] == "too_many_pixels"
    assert refused["growth"] < BOUND_MB, refused
    # Control: really decoding even a smaller bomb (144 MP) breaks the same bound.
    assert decoded["growth"] > BOUND_MB, decoded
