"""Given a decompression bomb, when refused, then the process's memory stays bounded.

Measured in a fresh interpreter so ``ru_maxrss`` (a high-water mark) reflects only this
rejection; the same probe then decodes the bomb with the limits off, to show the measure
would catch a decode.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

BOUND_MB = 50
PROBE = textwrap.dedent(
    """
    import json, resource, sys
    from PIL import Image
    from orders.artwork import ArtworkRejected, normalize_upload
    from tests.orders.artwork.fixtures import png_bomb

    def rss_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    bomb = png_bomb(30_000)
    before = rss_mb()
    try:
        normalize_upload(bomb)
        code = None
    except ArtworkRejected as error:
        code = error.code
    after_reject = rss_mb()

    Image.MAX_IMAGE_PIXELS = None
    import io
    with Image.open(io.BytesIO(png_bomb(12_000))) as image:
        image.load()
    after_decode = rss_mb()
    print(json.dumps({"code": code, "reject_growth": after_reject - before,
                      "decode_growth": after_decode - after_reject}))
    """
)


def test_bomb_is_refused_with_bounded_memory() -> None:
    root = Path(__file__).resolve().parents[3]

    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=180
    )

    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["code"] == "too_many_pixels"
    assert result["reject_growth"] < BOUND_MB, result
    # Control: really decoding even a smaller bomb (144 MP) breaks the same bound.
    assert result["decode_growth"] > BOUND_MB, result
