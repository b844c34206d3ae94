"""``GridShade``: a grid of values shaded through a colormap, drawn straight at the canvas's pixels.

A panel that recolours a shading on every move (notebook 02's hidden-space explorer, notebook 07's heat maps of
hidden states) paid ~5 ms per ``AxesImage`` and move on this course's machines: matplotlib resamples the grid to
the output size, then colour-maps and blends every output pixel. A grid drawn with nearest cells needs none of
that: :class:`GridShade` looks each cell's colour up once, repeats it over the cell's pixels and hands the
finished picture to the renderer (~1 ms; benchmarks/README.md, "Where a slider's time goes"). What it shows is
``imshow(values, cmap=..., vmin=..., vmax=..., alpha=..., interpolation="nearest", extent=..., origin=...)``,
the same colours; a cell's edge may fall one pixel apart.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import Colormap, Normalize

from helpers.validation import as_choice, as_finite_float, as_float_array, as_instance, require_methods


def _as_extent(extent) -> tuple[float, float, float, float]:
    """``(left, right, bottom, top)``: four finite numbers, ``left != right`` and ``bottom != top``."""
    values = tuple(float(v) for v in as_float_array(extent, "extent", ndim=1))
    if len(values) != 4 or values[0] == values[1] or values[2] == values[3]:
        raise ValueError(f"extent must be (left, right, bottom, top) with left != right and bottom != top, "
                         f"got {extent!r}")
    return values


class _Cells(Artist):
    """The matplotlib artist of a :class:`GridShade` (what a figure draws, and ``LiveFigure`` redraws)."""

    def __init__(self, shade: GridShade):
        super().__init__()
        self._shade = shade

    def draw(self, renderer) -> None:
        if self.get_visible():
            self._shade._draw(renderer)
        self.stale = False


class GridShade:
    """A colour-mapped grid on ``ax``, drawn at the pixels of the canvas with nearest cells (see the module).

    Args:
        ax: the matplotlib Axes (linear axes) to draw on; the shade is added to it.
        values: the grid, shape (R, C), a NumPy or masked array: NaN and masked cells are shown in the colormap's
            "bad" colour (transparent unless the colormap sets one), as ``imshow`` shows them.
        extent: ``(left, right, bottom, top)`` in data coordinates, as ``imshow``'s.
        cmap: a matplotlib ``Colormap``; ``vmin``, ``vmax``: the values shown in its first and last colour
            (values beyond are shown in those).
        alpha: opacity in [0, 1], applied to every cell.
        origin: ``"upper"`` (row 0 at ``top``) or ``"lower"`` (row 0 at ``bottom``), as ``imshow``'s.

    Attributes: ``artist``, the matplotlib artist on ``ax`` (a dynamic artist of a ``LiveFigure``); ``cmap`` and
    ``norm`` (a ``Normalize(vmin, vmax)``), for a colorbar or colours to match.
    """

    def __init__(self, ax, values, *, extent, cmap: Colormap, vmin: float, vmax: float, alpha: float = 1.0,
                 origin: str = "upper", zorder: float = 0):
        require_methods(ax, "ax", ("add_artist", "get_window_extent"), "a matplotlib Axes")
        self.cmap = as_instance(cmap, "cmap", Colormap, "a matplotlib Colormap")
        vmin, vmax = as_finite_float(vmin, "vmin"), as_finite_float(vmax, "vmax")
        if not vmin < vmax:
            raise ValueError(f"vmin must be below vmax, got vmin={vmin:g}, vmax={vmax:g}")
        self.norm = Normalize(vmin, vmax)
        alpha = as_finite_float(alpha, "alpha", low=0.0, high=1.0)
        self._extent = _as_extent(extent)
        self._origin = as_choice(origin, "origin", ("upper", "lower"))
        colours = self.cmap(np.arange(self.cmap.N))  # the colormap's N colours, (N, 4)
        colours = np.vstack([colours, self.cmap.get_bad()])  # and one more for NaN and masked cells
        colours[:, 3] *= alpha
        self._table = (colours * 255).astype(np.uint8)  # truncated, as Colormap(..., bytes=True)
        zorder = as_finite_float(zorder, "zorder")
        self.artist = _Cells(self)
        self.artist.set_zorder(zorder)
        self.set_data(values)
        ax.add_artist(self.artist)  # last: a refused argument leaves the axes as they were

    def set_data(self, values) -> None:
        """Show ``values`` (R, C), shaped like the first grid or not: drawn at the next redraw."""
        mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
        data = as_float_array(np.ma.getdata(values) if mask is not None else values, "values", ndim=2,
                              nonempty=True, allow_nan=True)
        if data.shape[1] == 0:
            raise ValueError(f"values must hold at least one column, got shape {data.shape}")
        n = self.cmap.N
        scaled = (data - self.norm.vmin) / (self.norm.vmax - self.norm.vmin) * n  # as a Colormap indexes its N
        with np.errstate(invalid="ignore"):
            index = np.clip(np.floor(scaled), 0, n - 1)
        index[np.isnan(data) if mask is None else np.isnan(data) | mask] = n  # the "bad" colour
        self._values = data if mask is None else np.ma.masked_array(data, mask)
        self._colours = self._table[index.astype(np.intp)]  # (R, C, 4)
        self.artist.stale = True

    def set_extent(self, extent) -> None:
        """Move the grid to ``extent`` ``(left, right, bottom, top)``: drawn there at the next redraw."""
        self._extent = _as_extent(extent)
        self.artist.stale = True

    def get_array(self) -> np.ndarray:
        """The values shown, shape (R, C) (a masked array if they were given as one)."""
        return self._values

    def _draw(self, renderer) -> None:
        left, right, bottom, top = self._extent
        rows, cols = self._colours.shape[:2]
        y_from, y_to = (top, bottom) if self._origin == "upper" else (bottom, top)  # row 0's side first
        axes = self.artist.axes
        to_pixels = axes.transData.transform  # linear axes: x and y transform apart
        xs, ys = np.linspace(left, right, cols + 1), np.linspace(y_from, y_to, rows + 1)
        # a pixel belongs to the cell its centre lies in (on an edge, to the cell before, as imshow draws it)
        x_edges = np.floor(to_pixels(np.column_stack([xs, np.zeros_like(xs)]))[:, 0] + 0.5)
        y_edges = np.floor(to_pixels(np.column_stack([np.zeros_like(ys), ys]))[:, 1] + 0.5)
        picture = self._colours
        if x_edges[0] > x_edges[-1]:  # column 0 on the right (an inverted x axis): the picture runs left to right
            picture, x_edges = picture[:, ::-1], x_edges[::-1]
        if y_edges[0] > y_edges[-1]:  # row 0 at the top: the renderer takes the bottom row first
            picture, y_edges = picture[::-1], y_edges[::-1]
        picture = np.repeat(np.repeat(picture, np.abs(np.diff(y_edges)).astype(np.intp), axis=0),
                            np.abs(np.diff(x_edges)).astype(np.intp), axis=1)
        if picture.size == 0:
            return
        gc = renderer.new_gc()
        gc.set_clip_rectangle(axes.bbox)
        renderer.draw_image(gc, x_edges[0], y_edges[0], np.ascontiguousarray(picture))  # lower left corner
        gc.restore()
