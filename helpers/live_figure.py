"""``LiveFigure``: a matplotlib figure shown as an ``ipywidgets.Image`` and redrawn in place.

How a panel stays smooth (DESIGN.md, example 7): the figure is built once, a slider move changes only the
artists that move, redraws just those over a cached background (blitting) and swaps the image's PNG bytes:
no flicker, no page jump, no new figure per move. Every panel of :mod:`helpers.widgets` is built on it.

Text is drawn from glyphs rendered once and kept (:func:`_draw_text`: the same pixels, about half the time for
a panel of many changing numbers). The picture goes to the page as a ``data:`` URL (:func:`helpers.png.data_url`),
not as the PNG bytes ipywidgets would turn into a blob URL: the page shows a data URL sooner
(benchmarks/README.md, "Where a slider's time goes").
"""

from __future__ import annotations

import contextlib
import types

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib import ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from helpers.png import data_url, encode_png
from helpers.validation import as_bool, as_instance, as_sequence, require_methods


class LiveFigure:
    """A matplotlib figure shown as an ``ipywidgets.Image`` and redrawn in place.

    Args:
        fig: a ``matplotlib.figure.Figure`` (not from pyplot, so nothing else displays it).
        dynamic_artists: the artists that change between redraws; the rest is drawn once as background.
        hinted_text: ``False`` draws the figure's text without font hinting: about a quarter faster for a figure
            of many small numbers that change together (notebook 05's backprop stepper), and at 8-10 pt the same
            to the eye.
        key, overlay_key: name the figure's first layout and overlays, as in :meth:`redraw`.
        draw: ``False`` leaves the figure undrawn (an empty image) for a panel whose own first ``redraw(full=True)``
            follows at once, after it has set its artists: the figure is drawn once, not twice (notebook 04's
            explorer, a constrained layout of five axes: 0.4 s less to build).
        overlay_artists: artists that change now and then, such as axis numbers written as texts: they are part
            of the background, drawn over the figure drawn without them, so that new overlays on a layout seen
            before cost their own drawing, not the whole figure's (``redraw``'s ``overlay_key``).

    Call :meth:`redraw` after changing the dynamic artists, or ``redraw(full=True)`` after changing
    anything else (axis limits, labels); :meth:`redraw_changed` redraws only where some artists changed.
    """

    def __init__(self, fig: Figure, dynamic_artists, hinted_text: bool = True, key=None, overlay_artists=(),
                 overlay_key=None, draw: bool = True):
        self.fig = as_instance(fig, "fig", Figure, "a matplotlib.figure.Figure")
        for name, artists in (("dynamic_artists", dynamic_artists), ("overlay_artists", overlay_artists)):
            for k, artist in enumerate(as_sequence(artists, name, "matplotlib artists")):
                require_methods(artist, f"{name}[{k}]", ("get_zorder", "set_animated"), "a matplotlib artist")
        self._hinted_text = as_bool(hinted_text, "hinted_text")
        FigureCanvasAgg(fig)
        self.dynamic_artists = sorted(dynamic_artists, key=lambda a: a.get_zorder())
        self.overlay_artists = sorted(overlay_artists, key=lambda a: a.get_zorder())
        for artist in self.dynamic_artists + self.overlay_artists:
            artist.set_animated(True)
        width, height = (int(round(v)) for v in fig.get_size_inches() * fig.dpi)
        self.image = widgets.Image(format="url", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self._background = None
        self._backgrounds = {}  # (key, overlay_key) -> background, for redraw(full=True, key=...)
        self._bases = {}  # with overlay artists: key -> the figure drawn without them
        self._extents = None  # artist -> the pixels it covers, once redraw_changed is used
        self._png_rows = None  # encode_png's scratch rows, kept from move to move
        if as_bool(draw, "draw"):
            self.redraw(full=True, key=key, overlay_key=overlay_key)

    def redraw(self, full: bool = False, key=None, overlay_key=None) -> None:
        """Draw the dynamic artists over the cached background and update the image.

        ``key`` (optional, hashable) names the layout of a full redraw: its background is kept, and a later
        full redraw with the same key reuses it instead of drawing the figure again (a figure that switches
        between a few layouts, e.g. a few sets of axis limits). ``overlay_key`` (hashable) names the state of
        the overlay artists in the same way: a new one on a kept layout draws only the overlays.
        """
        full = as_bool(full, "full")
        for name, value in (("key", key), ("overlay_key", overlay_key)):
            try:
                hash(value)
            except TypeError:
                raise TypeError(f"{name} must be hashable (a number, text or tuple) or None, got {value!r}") from None
        with self._drawing():
            self._redraw(full, key, overlay_key)
        self.image.value = data_url(self.png())

    @contextlib.contextmanager
    def _drawing(self):
        """The settings the figure is drawn with: unhinted text if asked for, and text from :func:`_draw_text`."""
        renderer = self.fig.canvas.get_renderer()
        unhinted = {} if self._hinted_text else {"text.hinting": "no_hinting"}
        with matplotlib.rc_context(unhinted):
            if _GLYPHS_CACHEABLE:
                renderer.draw_text = types.MethodType(_draw_text, renderer)
            try:
                yield
            finally:
                renderer.__dict__.pop("draw_text", None)

    def _redraw(self, full: bool, key, overlay_key) -> None:
        canvas, bbox, name = self.fig.canvas, self.fig.bbox, (key, overlay_key)
        if full and key is not None and name in self._backgrounds:
            self._background = self._backgrounds[name]
        elif full or self._background is None:
            if key is not None and key in self._bases:
                canvas.restore_region(self._bases[key])
            else:
                canvas.draw()  # animated artists (dynamic and overlays) are left out: this is the background
                if key is not None and self.overlay_artists:
                    self._bases[key] = canvas.copy_from_bbox(bbox)
            for artist in self.overlay_artists:
                self.fig.draw_artist(artist)
            self._background = canvas.copy_from_bbox(bbox)
            if key is not None:
                self._backgrounds[name] = self._background
        canvas.restore_region(self._background)
        for artist in self.dynamic_artists:
            self.fig.draw_artist(artist)
        if self._extents is not None:  # kept only for a figure redrawn by redraw_changed
            self._extents = {artist: self._extent(artist) for artist in self.dynamic_artists}

    def _extent(self, artist):
        """The pixels ``artist`` covers, ``(x0, y0, x1, y1)`` with y counted from the top, padded; None if none."""
        if not artist.get_visible() or (hasattr(artist, "get_text") and not artist.get_text()):
            return None
        renderer = self.fig.canvas.get_renderer()
        box = artist.get_window_extent(renderer)
        patch = artist.get_bbox_patch() if hasattr(artist, "get_bbox_patch") else None
        if patch is not None:  # a text's box reaches beyond its letters (and moves with them only when drawn)
            artist.update_bbox_position_size(renderer)
            box = Bbox.union([box, patch.get_window_extent(renderer)])
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


# matplotlib 3.11 lays out and renders text glyph by glyph (``FT2Font._layout``, ``_render_glyph``). Those calls are
# private and may change in any release, so only 3.11 takes this path (tests/test_widgets.py compares its pixels
# with matplotlib's own); every other version draws text its own way, unchanged here.
_GLYPHS_CACHEABLE = (matplotlib.__version__.startswith("3.11.") and hasattr(ft2font, "RenderMode")
                     and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
                     and all(hasattr(ft2font.FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform")))
_LAYOUTS, _GLYPHS = {}, {}  # (text, font, ...) -> its glyphs; (font, glyph, position within a pixel, ...) -> bitmap
_CACHE_LIMIT = 20_000


def _draw_text(renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    """``RendererAgg.draw_text`` with each line's layout and each glyph's bitmap kept for the next time.

    The same calls to FreeType and to Agg as matplotlib's own (``RendererAgg.draw_text``), so the same pixels
    (``tests/test_widgets.py`` compares them): a glyph rendered at a position moved by whole pixels is the same
    bitmap moved by those pixels, so it is rendered once per position within a pixel (1/64 px steps). The many
    numbers of a panel that change on every move (notebook 06's 16 std labels) draw in about half the time.
    Rotated text and mathtext go to matplotlib's own drawing.
    """
    if ismath or angle:
        return RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath, mtext)
    font, flags = renderer._prepare_font(prop), get_hinting_flag()
    features, language = (mtext.get_fontfeatures(), mtext.get_language()) if mtext is not None else (None, None)
    key = (s, font, prop.get_size_in_points(), renderer.dpi, flags, features, language)
    glyphs = _LAYOUTS.get(key)
    if glyphs is None:
        size = prop.get_size_in_points()
        glyphs = [(item.ft_object, size, item.glyph_index, item.x, item.y)
                  for item in font._layout(s, flags=flags, features=features, language=language)]
        _LAYOUTS[key] = glyphs
    antialiased, height = gc.get_antialiased(), renderer.height
    for ft_object, size, index, dx, dy in glyphs:
        px, py = round(0x40 * (x + dx)), round(0x40 * (height - y + dy))  # 26.6 fixed point; FreeType's y is up
        glyph_key = (ft_object, size, renderer.dpi, index, flags, antialiased, px & 63, py & 63)
        bitmap = _GLYPHS.get(glyph_key)
        if bitmap is None:
            ft_object.set_size(size, renderer.dpi)
            ft_object._set_transform([[0x10000, 0], [0, 0x10000]], [px & 63, py & 63])
            mode = ft2font.RenderMode.NORMAL if antialiased else ft2font.RenderMode.MONO
            rendered = ft_object._render_glyph(index, flags, mode)
            buffer = np.array(rendered.buffer)
            bitmap = _GLYPHS[glyph_key] = (buffer if antialiased else buffer * 0xff, rendered.left, rendered.top)
        buffer, left, top = bitmap
        renderer._renderer.draw_text_image(buffer, left + (px >> 6),
                                           int(height) - top - (py >> 6) + buffer.shape[0], 0, gc)
    for cache in (_LAYOUTS, _GLYPHS):
        if len(cache) > _CACHE_LIMIT:
            cache.clear()


_REDRAW_PAD = 3  # pixels around an artist's extent that antialiasing may reach


def _overlap(a, b) -> bool:
    """Whether two boxes ``(x0, y0, x1, y1)`` share any pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
