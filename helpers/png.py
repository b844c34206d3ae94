"""``encode_png``: the exact PNG of a picture's pixels, made fast enough to send on every slider move; ``data_url``
and ``shown_picture``: that PNG as an ``ipywidgets.Image`` shows it, and back.

Every :class:`helpers.live_figure.LiveFigure` move and every frame of the live trainer goes through them.
"""

from __future__ import annotations

import base64
import struct
import zlib

import ipywidgets as widgets
import numpy as np

from helpers.validation import as_instance

try:  # ISA-L's deflate (the isal package): the same zlib stream as zlib's, ~7x faster at level 1
    from isal.isal_zlib import compress as _deflate
except ImportError:  # a platform isal has no wheel for: zlib's own, slower, the same pictures
    from zlib import compress as _deflate


def _chunk(tag: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, tag, data, CRC-32 of tag and data."""
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(pixels: np.ndarray, rows: np.ndarray | None = None) -> bytes:
    """PNG bytes of ``pixels``, uint8 of shape (H, W, 3) (RGB) or (H, W, 4) (RGBA): exact, and fast to make.

    Every row unfiltered (PNG filter type 0), deflated at level 1 by ISA-L (or zlib without the isal package).
    Pillow's encoder tries every filter on every row and deflates with zlib; for the course's pictures (flat
    colours, lines, text) no filter compresses about as well, and ISA-L's deflate takes an eighth of zlib's time
    (benchmarks/README.md, "Where a slider's time goes").

    ``rows``: optional uint8 scratch array (H, 1 + W * C) the rows are assembled in. A picture encoded on every
    move passes the same one each time: filling memory the process already holds is faster than new memory.
    """
    pixels = as_instance(pixels, "pixels", np.ndarray, "a uint8 NumPy array (H, W, 3) or (H, W, 4)")
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or 0 in pixels.shape:
        raise ValueError(f"pixels must be uint8 of shape (H, W, 3) or (H, W, 4) with H, W >= 1, got {pixels.dtype} "
                         f"of shape {pixels.shape}")
    height, width, channels = pixels.shape
    if rows is None:
        rows = np.zeros((height, 1 + width * channels), np.uint8)
    else:
        as_instance(rows, "rows", np.ndarray, "a uint8 NumPy array (H, 1 + W * C)")
        if rows.dtype != np.uint8 or rows.shape != (height, 1 + width * channels) or not rows.flags.c_contiguous:
            raise ValueError(f"rows must be a C-contiguous uint8 array of shape {(height, 1 + width * channels)} for "
                             f"pixels of shape {pixels.shape}, got {rows.dtype} of shape {rows.shape}")
        rows[:, 0] = 0  # each row: its filter type (0, none), then its pixels
    into = rows[:, 1:].reshape(height, width, channels)  # a view: splitting each row's pixels copies nothing
    for channel in range(channels):  # one channel at a time: 7x faster than all at once from RGBA's stride of 4
        into[:, :, channel] = pixels[:, :, channel]
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)  # 8-bit RGB(A)
    idat = _deflate(rows, 1)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


_PNG_URL = b"data:image/png;base64,"


def data_url(data: bytes) -> bytes:
    """PNG bytes as the ``data:`` URL that an ``ipywidgets.Image(format="url")`` shows.

    The page shows a new picture 10-20 ms sooner this way than from the blob URL ipywidgets makes of
    ``format="png"`` bytes (measured with ``benchmarks/slider_roundtrip.py``; most of it in the leg from the new
    ``src`` to the decoded picture). The URL is a third longer than the bytes.
    """
    if not isinstance(data, bytes):
        raise TypeError(f"data must be a picture's PNG bytes, got {type(data).__name__} {data!r:.60}")
    if not data.startswith(b"\x89PNG"):
        raise ValueError(f"data must be a picture's PNG bytes (starting b'\\x89PNG'), got {data[:8]!r}")
    return _PNG_URL + base64.b64encode(data)


def shown_picture(image: widgets.Image) -> bytes:
    """The PNG bytes that ``image`` (an ``ipywidgets.Image`` showing a :func:`data_url`) shows now."""
    as_instance(image, "image", widgets.Image, "an ipywidgets.Image")
    value = bytes(image.value)
    if value.startswith(_PNG_URL):
        return base64.b64decode(value[len(_PNG_URL):])
    raise ValueError(f"image must show a picture made by data_url, got format {image.format!r} and "
                     f"{len(value)} bytes starting {value[:30]!r}")
