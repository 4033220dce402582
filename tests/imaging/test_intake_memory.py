"""Given a decompression bomb, when refused, then the process's memory stays bounded.

The measure runs in a fresh interpreter that only reads the bomb from a file, so
``ru_maxrss`` (a high-water mark) reflects nothing but the rejection. Decoding this bomb
would need about 900 MB, so any decode before the refusal breaks the bound.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.imaging.fixtures import png_bomb

BOUND_MB = 50
ROOT = Path(__file__).resolve().parents[2]
PROBE = textwrap.dedent(
    """
    import json, resource, sys
    from imaging import ArtworkRejected, normalize_upload

    def rss_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    data = open(sys.argv[1], "rb").read()
    before = rss_mb()
    code = None
    try:
        normalize_upload(data)
    except ArtworkRejected as error:
        code = error.code
    print(json.dumps({"code": code, "growth": rss_mb() - before}))
    """
)


def test_bomb_is_refused_with_bounded_memory(tmp_path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_bomb(30_000))

    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(bomb)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert run.returncode == 0, run.stderr
    refused = json.loads(run.stdout)
    assert refused["code"] == "too_many_pixels"
    assert refused["growth"] < BOUND_MB, refused
