"""Builders for real, crafted upload files: good images, bombs, polyglots and impostors."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def photo(size: tuple[int, int] = (400, 300), mode: str = "RGB") -> Image.Image:
    """A picture with distinct halves: red on the left, blue on the right."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    return image.convert(mode)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_from_rows(
    width: int, height: int, *, colour_type: int, bit_depth: int, row: bytes
) -> bytes:
    """A valid PNG whose every scanline is ``row`` (filter byte added), streamed through zlib.

    Lets tests build files Pillow cannot write (16-bit RGB) and real decompression bombs
    (a 30000 x 30000 1-bit PNG is ~100 KB) without holding the pixels in memory.
    """
    compressor = zlib.compressobj(9)
    scanline = b"\x00" + row
    parts = [compressor.compress(scanline) for _ in range(height)]
    parts.append(compressor.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def png_bomb(side: int) -> bytes:
    """A genuine all-black 1-bit PNG of side x side pixels: tiny file, huge decode."""
    return png_from_rows(side, side, colour_type=0, bit_depth=1, row=bytes((side + 7) // 8))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG declaring width x height RGB pixels with a token IDAT (a lying header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def png_16bit_rgb(width: int, height: int, rgb16: tuple[int, int, int]) -> bytes:
    return png_from_rows(
        width, height, colour_type=2, bit_depth=16, row=struct.pack(">HHH", *rgb16) * width
    )


HTML_PAYLOAD = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png_polyglot() -> bytes:
    """A valid PNG with an HTML page appended after IEND."""
    return encode(photo(), "PNG") + HTML_PAYLOAD


def jpeg_polyglot() -> bytes:
    """A valid JPEG with an HTML page appended after EOI."""
    return encode(photo(), "JPEG", quality=90) + HTML_PAYLOAD


def animated(fmt: str, frames: int = 3) -> bytes:
    images = [Image.new("RGB", (300, 300), (i * 80, 0, 0)) for i in range(frames)]
    return encode(images[0], fmt, save_all=True, append_images=images[1:], duration=100, loop=0)


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">'
SVG += b'<script>alert(1)</script><rect width="300" height="300"/></svg>'
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
