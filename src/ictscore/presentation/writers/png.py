"""PNGs of coloured bands, written with the standard library: the bars of the Word report's charts.

A bar is such a picture stretched to the bar's length, so a chart needs a few tiny images and no
plotting library; the labels and numbers around it are text the reader can copy.
"""

from __future__ import annotations

import struct
import zlib

from ictscore.formats.message import N_

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def solid(rgb: tuple[int, int, int], width: int = 4, height: int = 4) -> bytes:
    """An 8-bit RGB image of one colour; a few pixels, since it is scaled where it is placed."""
    return bands([(rgb, width)], height)


def bar(
    rgb: tuple[int, int, int], track: tuple[int, int, int], fraction: float, width: int = 400
) -> bytes:
    """A bar and its track in one picture: two pictures side by side break onto two lines in a
    table cell that holds them both (LibreOffice), one picture cannot. `width` pixels make the
    split exact to a quarter of a percent."""
    filled = max(0, min(width, round(fraction * width)))
    return bands([(rgb, filled), (track, width - filled)], 4)


def bands(segments: list[tuple[tuple[int, int, int], int]], height: int = 4) -> bytes:
    """An 8-bit RGB image of vertical bands, each a colour and a width in pixels, left to right."""
    width = sum(w for _, w in segments)
    if (
        not all(0 <= x <= 255 for rgb, _ in segments for x in rgb)
        or any(w < 0 for _, w in segments)
        or width < 1
        or height < 1
    ):
        raise ValueError(N_("no such picture: {bands} ×{height}", bands=segments, height=height))
    row = b"\x00" + b"".join(bytes(rgb) * w for rgb, w in segments)  # filter 0 (none) per row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )
