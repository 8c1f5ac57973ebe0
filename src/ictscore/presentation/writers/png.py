"""A solid-colour PNG, written with the standard library: the bars of the Word report's charts.

A bar is this picture stretched to the bar's length, so a chart needs one tiny image per colour
and no plotting library; the labels and numbers around it are text the reader can copy.
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
    if not all(0 <= x <= 255 for x in rgb) or width < 1 or height < 1:
        raise ValueError(
            N_("no such picture: {rgb} {width}×{height}", rgb=rgb, width=width, height=height)
        )
    row = b"\x00" + bytes(rgb) * width  # filter type 0 (none) before each row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )
