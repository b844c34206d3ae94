"""``GridShade`` shows what ``imshow(..., interpolation="nearest")`` shows, in the same colours, much sooner."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from helpers.grid_shade import GridShade
from helpers.picture_basics import PROBABILITY_CMAP

_rng = np.random.default_rng(0)
CASES = {  # name: (values, extent, origin, cmap, vmin, vmax, alpha): the course's kinds of shading
    "probabilities, origin lower, alpha 0.75 (notebook 02)": (
        _rng.random((60, 60)), (-0.5, 1.5, -0.5, 1.5), "lower", PROBABILITY_CMAP, 0, 1, 0.75),
    "hidden states beyond vmin and vmax, y axis downwards (notebook 07)": (
        _rng.uniform(-1.2, 1.2, (16, 40)), (-0.5, 39.5, 15.5, -0.5), "upper", matplotlib.colormaps["RdBu_r"], -1, 1,
        1.0),
    "six listed colours, one per integer": (
        _rng.integers(0, 6, (5, 9)).astype(float), (-0.5, 8.5, 4.5, -0.5), "upper",
        ListedColormap(["#ffffff", "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff"]), -0.5, 5.5, 1.0),
    "masked cells in the colormap's bad colour (notebook 07's bidirectional stepper)": (
        np.ma.masked_array(_rng.uniform(-1, 1, (8, 20)), mask=np.arange(20)[None, :].repeat(8, 0) > 6),
        (-0.5, 19.5, 7.5, -0.5), "upper", matplotlib.colormaps["RdBu_r"].with_extremes(bad="#DDDDDD"), -1, 1, 1.0),
}


def _drawn(shade: bool, values, extent, origin, cmap, vmin, vmax, alpha) -> np.ndarray:
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.grid(True)
    if shade:
        GridShade(ax, values, extent=extent, origin=origin, cmap=cmap, vmin=vmin, vmax=vmax, alpha=alpha)
    else:
        ax.imshow(values, extent=extent, origin=origin, cmap=cmap, vmin=vmin, vmax=vmax, alpha=alpha,
                  interpolation="nearest", aspect="auto")
    ax.set(xlim=extent[:2], ylim=extent[2:])
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("case", CASES)
def test_the_shade_is_imshows_picture_but_for_a_pixel_at_some_cell_edges(case):
    ours, theirs = _drawn(True, *CASES[case]), _drawn(False, *CASES[case])
    same = (ours == theirs).all(axis=2)
    assert same.mean() > 0.99
    different_rows = np.unique(np.nonzero(~same)[0])
    different_cols = np.unique(np.nonzero(~same)[1])
    assert len(different_rows) <= 10 or len(different_cols) <= 10  # whole edge lines, never scattered cells


def test_new_values_are_shown_at_the_next_draw_and_nan_cells_stay_see_through():
    values, extent, origin, cmap, vmin, vmax, alpha = CASES["six listed colours, one per integer"]
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(facecolor="black")
    shade = GridShade(ax, values, extent=extent, origin=origin, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set(xlim=extent[:2], ylim=extent[2:])
    blank = np.full((5, 9), np.nan)
    blank[0, 0] = 1.0  # row 0, column 0: top left (origin upper), red
    shade.set_data(blank)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())
    height = fig.bbox.height

    def pixel(x, y):  # the pixel at data (x, y), between the grid lines
        px, py = ax.transData.transform((x, y))
        return pixels[int(height - py), int(px)].tolist()

    assert pixel(0.2, 0.2) == [255, 0, 0, 255]  # cell (0, 0): top left, as origin="upper" puts it
    assert pixel(4.3, 2.3) == [0, 0, 0, 255]  # the black axes behind a NaN cell
    np.testing.assert_array_equal(shade.get_array(), blank)


@pytest.mark.parametrize("change, error, words", [
    ({"values": "abc"}, TypeError, "values must be"),
    ({"values": np.zeros(3)}, ValueError, "values must be 2-dimensional"),
    ({"values": np.zeros((2, 0))}, ValueError, "at least one column"),
    ({"cmap": "viridis"}, TypeError, "cmap must be a matplotlib Colormap"),
    ({"vmin": 1.0, "vmax": 0.0}, ValueError, "vmin must be below vmax"),
    ({"alpha": 1.5}, ValueError, "alpha"),
    ({"extent": (0, 0, 0, 1)}, ValueError, "extent must be (left, right, bottom, top)"),
    ({"origin": "middle"}, ValueError, "origin"),
])
def test_bad_arguments_are_refused_by_name(change, error, words):
    fig = Figure()
    args = {"values": np.zeros((2, 2)), "extent": (0, 1, 0, 1), "cmap": PROBABILITY_CMAP, "vmin": 0, "vmax": 1,
            "origin": "lower", **change}
    with pytest.raises(error) as info:
        GridShade(fig.add_subplot(), args.pop("values"), **args)
    assert words in str(info.value)
