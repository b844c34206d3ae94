"""Plot helpers: they take ax=None, return what they drew, and draw the right thing."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.datasets import truth_table
from helpers.gates import Perceptron, evaluate_gate
from helpers.plotting import (
    CLASS_COLORS,
    decision_line_points,
    firing_region,
    plot_decision_regions,
    plot_gate,
    plot_output_surface,
    plot_perceptron_diagram,
    plot_training_history,
    truth_table_html,
)


def test_decision_line_of_the_and_gate_crosses_the_square_on_the_line():
    xs, ys = decision_line_points((0.5, 0.5), -0.7)
    assert xs.shape == ys.shape == (2,)
    np.testing.assert_allclose(0.5 * xs + 0.5 * ys - 0.7, 0)


@pytest.mark.parametrize(("w", "b"), [((0, 0), 1.0), ((1, 1), 10.0)])
def test_no_line_when_it_misses_the_square(w, b):
    xs, ys = decision_line_points(w, b)
    assert xs.size == ys.size == 0


def test_vertical_line():
    xs, ys = decision_line_points((1, 0), -0.5)
    np.testing.assert_allclose(xs, [0.5, 0.5])


@pytest.mark.parametrize(("w", "b"), [((0.5, 0.5), -0.7), ((1, -1), 0.2), ((0, 1), -0.5), ((-2, 0.3), 0.9),
                                     ((0, 0), 1.0), ((0, 0), -1.0), ((1, 1), 10.0), ((1, 1), -10.0)])
def test_the_firing_region_holds_exactly_the_points_of_the_square_that_output_1(w, b):
    """A point of a fine grid over the square lies in the polygon exactly when ``w·x + b > 0`` (away from the line)."""
    from matplotlib.path import Path

    corners = firing_region(w, b)
    grid = np.stack(np.meshgrid(*[np.linspace(-0.5, 1.5, 81)] * 2), axis=-1).reshape(-1, 2)
    z = grid @ np.asarray(w, float) + b
    clear = np.abs(z) > 1e-6
    inside = Path(corners).contains_points(grid, radius=1e-9) if len(corners) else np.zeros(len(grid), bool)
    assert corners.shape[1] == 2 and len(corners) in (0, 3, 4, 5)
    assert np.array_equal(inside[clear], (z > 0)[clear])


def test_plot_gate_draws_on_given_axes_and_updates_in_place():
    fig, ax = plt.subplots()
    picture = plot_gate((0.5, 0.5), -0.7, "AND", ax=ax)
    assert picture.ax is ax and "4/4" in picture.title.get_text()
    before = picture.region.get_xy().copy()
    picture.update(evaluate_gate((0.5, 0.5), -0.2, "AND"))
    assert "2/4" in picture.title.get_text()  # b = -0.2 is the OR line
    assert not np.array_equal(before, picture.region.get_xy())
    assert len(ax.patches) == 2 and len(ax.lines) == 1  # updated, not drawn again


def test_plot_gate_colours_points_by_target():
    picture = plot_gate((0.5, 0.5), -0.2, "OR")
    expected = plt.matplotlib.colors.to_rgba_array([CLASS_COLORS[t] for t in (0, 1, 1, 1)])
    np.testing.assert_allclose(picture.points.get_facecolor(), expected)


def test_truth_table_html_marks_each_row():
    html = truth_table_html(evaluate_gate((0.5, 0.5), -0.6, "OR"))  # misses (0, 1) and (1, 0)
    assert html.count("✓") == 2 and html.count("✗") == 2 and "2/4 correct" in html


def test_training_history_and_regions_return_their_artists():
    X, y = truth_table("AND")
    p = Perceptron(2, seed=0)
    line = plot_training_history(p.fit(X, y, 10))
    assert len(line.get_xdata()) == 10
    drawn = plot_decision_regions(p.predict, X, y)
    assert set(np.unique(drawn["region"].get_array())) <= {0, 1}


def test_perceptron_diagram_labels_weights_and_bias():
    drawn = plot_perceptron_diagram((0.5, -0.5), -0.7)
    texts = " ".join(t.get_text() for t in drawn["texts"])
    assert "w=0.5" in texts and "w=-0.5" in texts and "b=-0.7" in texts


def test_output_surface_is_drawn_on_the_given_3d_axes():
    ax = plt.figure().add_subplot(projection="3d")
    surface = plot_output_surface((0.5, 0.5), -0.7, ax=ax)
    assert surface in ax.collections and list(ax.get_zticks()) == [0, 1]
