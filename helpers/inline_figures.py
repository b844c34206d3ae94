"""The notebooks' figures drawn once: the picture the inline backend shows, without its second draw.

IPython's inline backend shows a figure as ``savefig(png, bbox_inches="tight")``: matplotlib draws the whole
figure once to find its tight box (where its artists end, plus ``savefig.pad_inches``), draws it again onto a canvas
of that box, and Pillow encodes it (zlib at level 6, every row filter tried). :func:`figure_png` draws the figure
once, with room around it, takes the same tight box from that draw (whole pixels: at most one more on a side), cuts
it out of those pixels and encodes it with :func:`helpers.png.encode_png`: a third to a half less time than the
inline backend's picture (benchmarks/README.md), the same picture. A figure whose box does not fit in what was
drawn (an artist far beyond the figure's edge) goes through ``savefig`` as before.

:func:`show_figures_drawn_once` makes it the PNG of every figure a notebook displays
(:func:`helpers.plotting.use_course_style` calls it).
"""

from __future__ import annotations

import io
import math
from binascii import b2a_base64

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from helpers.png import encode_png
from helpers.validation import as_instance

#: Pixels drawn beyond each edge of a figure without a layout engine: its labels may reach past the edge (the
#: course's figures: up to 13 px; a legend placed beside the axes, more), and the tight box keeps them.
ROOM = 100


def _drawn(fig: Figure):
    """The figure drawn once: ``(pixels, origin, renderer)``, RGBA (H, W, 4) with ``origin`` the display (x, y) of
    the pixels' bottom-left corner. Without a layout engine on a canvas ``ROOM`` px larger on every side (the
    artists where ``savefig`` puts them), with one (constrained layout) on its own canvas. None for a canvas other
    than Agg's or a size that is not whole pixels."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        return None
    if fig.get_layout_engine() is not None:
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()), (0, 0), fig.canvas.get_renderer()
    width, height = fig.bbox.width + 2 * ROOM, fig.bbox.height + 2 * ROOM
    if width != int(width) or height != int(height):
        return None
    room = Bbox.from_bounds(-ROOM / fig.dpi, -ROOM / fig.dpi, width / fig.dpi, height / fig.dpi)
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=fig.dpi, bbox_inches=room, facecolor=fig.get_facecolor(),
                edgecolor=fig.get_edgecolor())  # a given box, no layout engine: one draw
    data = raw.getvalue()
    if len(data) != int(width) * int(height) * 4:
        return None
    pixels = np.frombuffer(data, np.uint8).reshape(int(height), int(width), 4)
    return pixels, (-ROOM, -ROOM), fig.canvas.renderer  # the renderer of that draw: its text sizes are known


def _tight_box(fig, renderer) -> tuple[int, int, int, int]:
    """``savefig(bbox_inches="tight")``'s box of ``fig`` in display pixels, ``(x0, y0, x1, y1)`` rounded outwards."""
    box = fig.get_tightbbox(renderer).padded(float(mpl.rcParams["savefig.pad_inches"]))
    return (math.floor(box.x0 * fig.dpi), math.floor(box.y0 * fig.dpi), math.ceil(box.x1 * fig.dpi),
            math.ceil(box.y1 * fig.dpi))


def figure_png(fig) -> bytes | None:
    """The PNG a notebook shows for ``fig`` (a matplotlib ``Figure``): its tight box, drawn once; ``savefig``'s
    tight PNG for a figure this cannot draw once; None for a figure with nothing in it (the inline backend's
    "no output")."""
    fig = as_instance(fig, "fig", Figure, "a matplotlib Figure")
    if not fig.axes and not fig.lines:
        return None
    drawn = _drawn(fig)
    if drawn is not None:
        pixels, (ox, oy), renderer = drawn
        x0, y0, x1, y1 = _tight_box(fig, renderer)
        pad = math.ceil(float(mpl.rcParams["savefig.pad_inches"]) * fig.dpi)
        height, width = pixels.shape[:2]
        # the box's artists must all have been drawn: only its padding may lie beyond (a constrained figure's)
        if x0 + pad >= ox and y0 + pad >= oy and x1 - pad <= ox + width and y1 - pad <= oy + height:
            picture = np.empty((y1 - y0, x1 - x0, 4), np.uint8)
            picture[...] = np.round(np.array(to_rgba(fig.get_facecolor())) * 255)  # what lies beyond the canvas
            top, bottom = oy + height - y1, oy + height - y0  # rows of the pixels, top first
            left, right = x0 - ox, x1 - ox
            t, b, lf, r = max(top, 0), min(bottom, height), max(left, 0), min(right, width)
            picture[t - top:b - top, lf - left:r - left] = pixels[t:b, lf:r]
            opaque = bool((picture[:, :, 3] == 255).all())
            return encode_png(np.ascontiguousarray(picture[:, :, :3]) if opaque else picture)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=fig.dpi, bbox_inches="tight", facecolor=fig.get_facecolor(),
                edgecolor=fig.get_edgecolor())
    return out.getvalue()


def _png_base64(fig) -> str | None:
    data = figure_png(fig)
    return None if data is None else b2a_base64(data, newline=False).decode("ascii")


def show_figures_drawn_once(shell=None) -> bool:
    """Make ``shell`` (the running IPython by default) show every figure as :func:`figure_png` draws it.

    The inline backend registers its own PNG formatter when it is switched on (``%matplotlib inline``, or the
    first figure without it): it is switched on here first, so that it does not replace this one later. Returns
    False outside IPython (a script: nothing to show).
    """
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    if not hasattr(shell, "display_formatter"):
        raise TypeError(f"shell must be an IPython shell (get_ipython()), got {type(shell).__name__} {shell!r:.60}")
    if mpl.get_backend() == "module://matplotlib_inline.backend_inline":
        import matplotlib_inline.backend_inline  # noqa: F401  (its import registers the inline backend's formatter)
    shell.display_formatter.formatters["image/png"].for_type(Figure, _png_base64)
    return True
