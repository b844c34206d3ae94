"""``LiveFigure``: a matplotlib figure shown as an ``ipywidgets.Image`` and redrawn in place.

How a panel stays smooth (DESIGN.md, example 7): the figure is built once, a slider move changes only the
artists that move, redraws just those over a cached background (blitting) and swaps the image's PNG bytes:
no flicker, no page jump, no new figure per move. Every panel of :mod:`helpers.widgets` is built on it.

The picture goes to the page as a ``data:`` URL (:func:`data_url`), not as the PNG bytes ipywidgets would turn into
a blob URL: the page shows a data URL sooner (benchmarks/README.md, "Where a slider's time goes").
"""

from __future__ import annotations

import base64
import contextlib
import struct
import zlib

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.validation import as_bool, as_instance, as_sequence, require_methods

try:  # ISA-L's deflate (the isal package): the same zlib stream as zlib's, ~7x faster at level 1
    from isal.isal_zlib import compress as _deflate
except ImportError:  # a platform isal has no wheel for: zlib's own, slower, the same pictures
    from zlib import compress as _deflate

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


def shown_picture(image: widgets.Image) -> bytes:
    """The PNG bytes that ``image`` (an ``ipywidgets.Image`` showing a :func:`data_url`) shows now."""
    as_instance(image, "image", widgets.Image, "an ipywidgets.Image")
    value = bytes(image.value)
    if value.startswith(_PNG_URL):
        return base64.b64decode(value[len(_PNG_URL):])
    raise ValueError(f"image must show a picture made by data_url, got format {image.format!r} and "
                     f"{len(value)} bytes starting {value[:30]!r}")


class LiveFigure:
    """A matplotlib figure shown as an ``ipywidgets.Image`` and redrawn in place.

    Args:
        fig: a ``matplotlib.figure.Figure`` (not from pyplot, so nothing else displays it).
        dynamic_artists: the artists that change between redraws; the rest is drawn once as background.
        hinted_text: ``False`` draws the figure's text without font hinting: about a quarter faster for a figure
            of many small numbers that change together (notebook 05's backprop stepper), and at 8-10 pt the same
            to the eye.

    Call :meth:`redraw` after changing the dynamic artists, or ``redraw(full=True)`` after changing
    anything else (axis limits, labels); :meth:`redraw_changed` redraws only where some artists changed.
    """

    def __init__(self, fig: Figure, dynamic_artists, hinted_text: bool = True):
        self.fig = as_instance(fig, "fig", Figure, "a matplotlib.figure.Figure")
        for k, artist in enumerate(as_sequence(dynamic_artists, "dynamic_artists", "matplotlib artists")):
            require_methods(artist, f"dynamic_artists[{k}]", ("get_zorder", "set_animated"), "a matplotlib artist")
        self._hinted_text = as_bool(hinted_text, "hinted_text")
        FigureCanvasAgg(fig)
        self.dynamic_artists = sorted(dynamic_artists, key=lambda a: a.get_zorder())
        for artist in self.dynamic_artists:
            artist.set_animated(True)
        width, height = (int(round(v)) for v in fig.get_size_inches() * fig.dpi)
        self.image = widgets.Image(format="url", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self._background = None
        self._backgrounds = {}  # key -> background, for redraw(full=True, key=...)
        self._extents = None  # artist -> the pixels it covers, once redraw_changed is used
        self._png_rows = None  # encode_png's scratch rows, kept from move to move
        self.redraw(full=True)

    def redraw(self, full: bool = False, key=None) -> None:
        """Draw the dynamic artists over the cached background and update the image.

        ``key`` (optional, hashable) names the layout of a full redraw: its background is kept, and a later
        full redraw with the same key reuses it instead of drawing the figure again (a figure that switches
        between a few layouts, e.g. a number of panels).
        """
        full = as_bool(full, "full")
        try:
            hash(key)
        except TypeError:
            raise TypeError(f"key must be hashable (a number, text or tuple) or None, got {key!r}") from None
        with self._drawing():
            self._redraw(full, key)
        self.image.value = data_url(self.png())

    def _drawing(self):
        """The settings the figure is drawn with (unhinted text if asked for)."""
        return contextlib.nullcontext() if self._hinted_text else matplotlib.rc_context({"text.hinting": "no_hinting"})

    def _redraw(self, full: bool, key) -> None:
        canvas = self.fig.canvas
        if full and key is not None and key in self._backgrounds:
            self._background = self._backgrounds[key]
            canvas.restore_region(self._background)
        elif full or self._background is None:
            canvas.draw()  # animated artists are left out: this is the background
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            if key is not None:
                self._backgrounds[key] = self._background
        else:
            canvas.restore_region(self._background)
        for artist in self.dynamic_artists:
            self.fig.draw_artist(artist)
        if self._extents is not None:  # kept only for a figure redrawn by redraw_changed
            self._extents = {artist: self._extent(artist) for artist in self.dynamic_artists}

    def _extent(self, artist):
        """The pixels ``artist`` covers, ``(x0, y0, x1, y1)`` with y counted from the top, padded; None if none."""
        if not artist.get_visible() or (hasattr(artist, "get_text") and not artist.get_text()):
            return None
        box = artist.get_window_extent(self.fig.canvas.get_renderer())
        height = self.fig.bbox.height
        pad = _REDRAW_PAD
        return (box.x0 - pad, height - box.y1 - pad, box.x1 + pad, height - box.y0 + pad)

    def redraw_changed(self, changed) -> None:
        """Redraw only where the dynamic artists ``changed`` were and are now (a figure of many small texts
        of which a few change): the background is put back in those boxes, and every dynamic artist that
        reaches into them is drawn again, so the picture is the one :meth:`redraw` would give."""
        changed = as_sequence(changed, "changed", "dynamic artists of this figure")
        for k, artist in enumerate(changed):
            if artist not in self.dynamic_artists:
                raise ValueError(f"changed[{k}] must be one of this figure's dynamic artists, got {artist!r}")
        if self._extents is None:  # the first time: draw everything and note where each artist is
            self._extents = {}
            self.redraw()
            return
        with self._drawing():
            self._redraw_boxes(changed)
        self.image.value = data_url(self.png())

    def _redraw_boxes(self, changed) -> None:
        new = {artist: self._extent(artist) for artist in changed}
        boxes = [box for artist in changed for box in (self._extents.get(artist), new[artist]) if box]
        self._extents.update(new)
        touched = set(changed)
        grown = True
        while grown:  # an artist that reaches into a box is drawn whole: its whole extent is restored too
            grown = False
            for artist, box in self._extents.items():
                if artist not in touched and box and any(_overlap(box, other) for other in boxes):
                    touched.add(artist)
                    boxes.append(box)
                    grown = True
        canvas = self.fig.canvas
        width, height = canvas.get_width_height()
        for x0, y0, x1, y1 in boxes:
            x0, y0 = max(int(x0), 0), max(int(y0), 0)
            x1, y1 = min(int(x1) + 1, width), min(int(y1) + 1, height)
            if x0 < x1 and y0 < y1:
                canvas.restore_region(self._background, bbox=(x0, y0, x1, y1), xy=(0, 0))  # Agg: xy is an offset
        for artist in self.dynamic_artists:
            if artist in touched:
                self.fig.draw_artist(artist)

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes made by :func:`encode_png` (it runs on every move). An opaque
        figure (the usual white one) is saved without its alpha channel: the same pixels, a fifth less to encode."""
        pixels = np.asarray(self.fig.canvas.buffer_rgba())  # (H, W, 4)
        patch = self.fig.patch
        if patch.get_visible() and patch.get_facecolor()[3] == 1:  # every pixel was drawn over an opaque patch
            pixels = pixels[..., :3]
        height, width, channels = pixels.shape
        if self._png_rows is None or self._png_rows.shape != (height, 1 + channels * width):
            self._png_rows = np.zeros((height, 1 + channels * width), np.uint8)
        return encode_png(pixels, self._png_rows)


_REDRAW_PAD = 3  # pixels around an artist's extent that antialiasing may reach


def _overlap(a, b) -> bool:
    """Whether two boxes ``(x0, y0, x1, y1)`` share any pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
