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

from helpers.validation import as_bool, as_choice, as_instance, as_sequence, require_methods

_DATA_URL_PREFIX = {"png": b"data:image/png;base64,", "jpeg": b"data:image/jpeg;base64,"}


def data_url(data: bytes, fmt: str = "png") -> bytes:
    """PNG or JPEG bytes (``fmt``) as the ``data:`` URL that an ``ipywidgets.Image(format="url")`` shows.

    The page shows a new picture 10-20 ms sooner this way than from the blob URL ipywidgets makes of
    ``format="png"`` bytes (measured with ``benchmarks/slider_roundtrip.py``; most of it in the leg from the new
    ``src`` to the decoded picture). The URL is a third longer than the bytes.
    """
    if not isinstance(data, bytes):
        raise TypeError(f"data must be the picture's PNG or JPEG bytes, got {type(data).__name__} {data!r:.60}")
    return _DATA_URL_PREFIX[as_choice(fmt, "fmt", _DATA_URL_PREFIX)] + base64.b64encode(data)


def shown_picture(image: widgets.Image) -> bytes:
    """The PNG or JPEG bytes that ``image`` (an ``ipywidgets.Image`` showing a :func:`data_url`) shows now."""
    as_instance(image, "image", widgets.Image, "an ipywidgets.Image")
    value = bytes(image.value)
    for prefix in _DATA_URL_PREFIX.values():
        if value.startswith(prefix):
            return base64.b64decode(value[len(prefix):])
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
        """The figure as it is now, as PNG bytes (fast compression: it is sent on every move). An opaque figure
        (the usual white one) is saved without its alpha channel: the same pixels, about a fifth less to encode."""
        patch = self.fig.patch
        opaque = patch.get_visible() and patch.get_facecolor()[3] == 1  # every pixel drawn over an opaque patch
        return _png(np.asarray(self.fig.canvas.buffer_rgba()), channels=3 if opaque else 4)


def _png(rgba: np.ndarray, channels: int) -> bytes:
    """The pixels ``rgba`` (height, width, 4) of 8 bits as PNG bytes: RGB (``channels=3``) or RGBA (4).

    Every row is stored unfiltered and deflated at zlib level 1. Pillow tries each of PNG's five row filters
    per row, which costs two thirds of its encoding time; for a plot (mostly runs of one colour) unfiltered
    rows deflate as small: an 760 x 680 figure encodes in ~4.5 ms instead of ~13, within 1 % of the size
    (benchmarks/README.md, "Where a slider's time goes").
    """
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + width * channels), np.uint8)  # each row: filter type 0 (none), then its pixels
    pixels = rows[:, 1:].reshape(height, width, channels)
    for channel in range(channels):  # one channel at a time: ~5x faster than one strided copy of all three
        pixels[..., channel] = rgba[..., channel]
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"IDAT", zlib.compress(rows, 1)),
                     _chunk(b"IEND", b"")))


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


_REDRAW_PAD = 3  # pixels around an artist's extent that antialiasing may reach


def _overlap(a, b) -> bool:
    """Whether two boxes ``(x0, y0, x1, y1)`` share any pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
