"""Uploaded images cost the server what the pages need, not what the file declares: a tiny
file declaring a huge canvas is refused from its header, before any decoding."""

import io
import struct
import zlib

import pytest
from PIL import Image

from diaspora_platform import uploads
from diaspora_platform.errors import DomainError

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference


def png_declaring(width: int, height: int, pixels: bytes | None = None) -> bytes:
    """A PNG header of width x height: with `pixels` None a valid one-bit image (a few KB of
    file for millions of pixels), else those bytes as its compressed pixel data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    if pixels is None:
        pixels = zlib.compress((b"\x00" + b"\x00" * ((width + 7) // 8)) * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_a_small_file_declaring_a_huge_canvas_is_refused(app):
    data = png_declaring(4400, 3300)  # 14.5 Mpx in a few KB
    assert len(data) < 20_000
    with pytest.raises(DomainError) as refused:
        uploads.process_image(io.BytesIO(data), 5_000_000, 2400)
    assert "megapixels" in str(refused.value)


def test_a_huge_canvas_is_refused_from_its_header_before_any_decoding(app):
    """Pixel data that cannot be decoded at all: decoding it would fail otherwise, so the
    size message proves the refusal came from the header alone."""
    data = png_declaring(4400, 3300, pixels=b"not compressed pixels" * 10)
    with pytest.raises(DomainError) as refused:
        uploads.process_image(io.BytesIO(data), 5_000_000, 2400)
    assert "megapixels" in str(refused.value)
    small = png_declaring(40, 30, pixels=b"not compressed pixels" * 10)
    with pytest.raises(DomainError) as unreadable:  # the same bytes at a small size: decoded
        uploads.process_image(io.BytesIO(small), 5_000_000, 2400)
    assert "megapixels" not in str(unreadable.value)


def test_a_camera_sized_photo_is_still_accepted_and_scaled_down(app):
    photo = Image.new("RGB", (4000, 3000), "teal")  # 12 Mpx, what phones take
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=80)
    encoded = uploads.process_image(io.BytesIO(out.getvalue()), 5_000_000, 1600)
    with Image.open(io.BytesIO(encoded)) as result:
        assert result.format == "WEBP" and max(result.size) == 1600
