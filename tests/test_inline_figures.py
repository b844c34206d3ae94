"""The notebooks' figures drawn once (helpers.inline_figures): the picture of matplotlib's tight box, from one draw
instead of two."""

from __future__ import annotations

import base64
import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from PIL import Image

from helpers.inline_figures import _drawn, _tight_box, figure_png, show_figures_drawn_once
from helpers.plotting import use_course_style

use_course_style()


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _tight(fig) -> np.ndarray:
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return _pixels(out.getvalue())


def _ink_size(pixels: np.ndarray) -> tuple[int, int]:
    ink = np.any(pixels != pixels[0, 0], axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def _labels_below_the_edge():  # the course's usual figure: no layout engine, the x label reaches past the bottom
    fig, ax = plt.subplots(figsize=(6.0, 2.2))
    ax.plot(np.sin(np.linspace(0, 6, 50)), label="sin")
    ax.set(xlabel="epoch", ylabel="loss", title="a title")
    ax.legend()
    return fig


def _constrained():
    fig, axes = plt.subplots(1, 3, figsize=(9.0, 2.5), layout="constrained")
    for i, ax in enumerate(axes):
        ax.bar(range(5), np.arange(5) + i)
    fig.suptitle("constrained layout")
    return fig


def _fixed_margins():  # notebooks 04 and 06: a grid with margins set by hand
    fig, axes = plt.subplots(2, 3, figsize=(7.0, 4.0), sharey="row",
                             gridspec_kw=dict(left=0.075, right=0.995, bottom=0.04, top=0.92, wspace=0.12, hspace=0.55))
    for ax in axes.ravel():
        ax.stairs(np.arange(1.0, 6.0), np.linspace(0, 1, 6))
    return fig


def _legend_outside():  # a legend placed beyond the right edge (within the room drawn around the figure)
    fig, ax = plt.subplots(figsize=(5.0, 2.5))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


@pytest.mark.parametrize("make", [_labels_below_the_edge, _constrained, _fixed_margins, _legend_outside])
def test_a_figure_shows_its_tight_box_drawn_once_pixel_for_pixel(make):
    fig = make()
    picture, tight = _pixels(figure_png(fig)), _tight(fig)
    # matplotlib's tight box, rounded outwards to whole pixels: at most one pixel more on a side
    assert 0 <= picture.shape[0] - tight.shape[0] <= 2 and 0 <= picture.shape[1] - tight.shape[1] <= 2
    assert np.allclose(_ink_size(picture), _ink_size(tight), atol=1)  # (a shift below a pixel: antialiasing)
    # what matplotlib draws into that box (savefig with the box in inches), but for a few pixels that its
    # translation by a box in inches snaps differently (12 of 273,824 in the grid with margins set by hand)
    x0, y0, x1, y1 = _tight_box(fig, _drawn(fig)[2])
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches=Bbox([[x0 / fig.dpi, y0 / fig.dpi], [x1 / fig.dpi, y1 / fig.dpi]]))
    reference = _pixels(out.getvalue())
    assert picture.shape == reference.shape
    assert np.any(picture != reference, axis=2).mean() < 1e-4
    plt.close(fig)


def test_a_figure_with_an_artist_beyond_the_room_drawn_is_drawn_by_savefig_as_before():
    fig, ax = plt.subplots(figsize=(4.0, 2.0))
    ax.plot([0, 1], [0, 1])
    fig.text(1.6, 0.5, "far to the right")  # 2.4 in beyond the edge: more than ROOM (100) px
    assert np.array_equal(_pixels(figure_png(fig)), _tight(fig))
    plt.close(fig)


def test_a_figure_with_nothing_in_it_shows_nothing_and_a_non_figure_is_refused_by_name():
    assert figure_png(Figure()) is None
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        figure_png(np.zeros((4, 4)))


def test_an_ipython_shell_shows_figures_drawn_once_and_a_script_has_none_to_show():
    from IPython.core.interactiveshell import InteractiveShell

    assert show_figures_drawn_once() is False  # pytest runs outside IPython
    with pytest.raises(TypeError, match="shell must be an IPython shell"):
        show_figures_drawn_once("ipython")
    shell = InteractiveShell.instance()
    try:
        assert show_figures_drawn_once(shell) is True
        fig = _constrained()
        shown = shell.display_formatter.format(fig)[0]["image/png"]
        assert base64.b64decode(shown) == figure_png(fig)
        plt.close(fig)
    finally:
        InteractiveShell.clear_instance()
