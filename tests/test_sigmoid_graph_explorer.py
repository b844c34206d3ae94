"""The live four-node sigmoid of notebook 03, driven without a browser: move x and dout, read every number."""

import math

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient
from helpers.graph import sigmoid_chain
from helpers.png import shown_picture
from helpers.sigmoid_graph_explorer import rows_html, sigmoid_chain_rows, sigmoid_graph_explorer


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def edge_texts(e, edge):
    return e.picture.forward_texts[edge].get_text(), e.picture.backward_texts[edge].get_text()


@pytest.mark.parametrize("x", [-4.0, -1.0, 0.0, 0.5, 3.0])
@pytest.mark.parametrize("dout", [1.0, -0.5])
def test_each_node_sends_back_upstream_times_its_local_derivative(x, dout):
    rows = sigmoid_chain_rows(x, dout)
    assert [r["node"] for r in rows] == ["× (−1)", "exp", "+ 1", "1/s"]
    y = sigmoid(x)
    assert [r["out"] for r in rows] == pytest.approx([-x, math.exp(-x), 1 + math.exp(-x), y], rel=1e-12)
    assert [r["local"] for r in rows] == pytest.approx([-1.0, math.exp(-x), 1.0, -y * y], rel=1e-12)
    for r in rows:
        assert r["downstream"] == pytest.approx(r["upstream"] * r["local"], rel=1e-12, abs=1e-15)
    for earlier, later in zip(rows, rows[1:], strict=False):  # what one node sends back, the one before receives
        assert earlier["upstream"] == later["downstream"]
    assert rows[-1]["upstream"] == dout


@pytest.mark.parametrize("x", [-2.0, 0.0, 1.0])
def test_the_chain_gradient_matches_gradcheck(x):
    """dout · y(1 − y) from the four nodes against helpers.gradcheck.numerical_gradient (rel 1e-7)."""
    numeric = numerical_gradient(lambda v: 0.7 * sigmoid_chain(float(v[0])).output, np.array([x]))[0]
    assert sigmoid_chain_rows(x, 0.7)[0]["downstream"] == pytest.approx(numeric, rel=1e-7)


def test_starts_at_the_texts_x_1_and_shows_every_number():
    e = sigmoid_graph_explorer()
    assert e.settings == {"x": 1.0, "dout": 1.0}
    assert edge_texts(e, ("rec", "y")) == ("0.731", "1")
    assert edge_texts(e, ("x", "neg")) == ("1", "0.197")  # y(1 − y) at x = 1
    assert "0.197" in e.status.value and "79% of the peak" in e.readout.get_text()
    assert e.table.value.count("<tr>") == 5 and shown_picture(e.figure.image).startswith(b"\x89PNG")


def test_the_peak_is_felt_at_x_0_and_fades_on_both_sides():
    e = sigmoid_graph_explorer()
    slopes, readouts = {}, {}
    for v in (-6.0, -3.0, -1.0, 0.0, 1.0, 3.0, 6.0):
        e.x.value = v
        slopes[v], readouts[v] = e.chain.grads["x"], e.readout.get_text()
    assert slopes[0.0] == 0.25 and "100% of the peak" in readouts[0.0] and "1% of the peak" in readouts[6.0]
    assert max(slopes.values()) == slopes[0.0]
    assert slopes[-3.0] == pytest.approx(slopes[3.0]) and 0.04 < slopes[3.0] < 0.05
    assert slopes[6.0] < 0.003 and slopes[-6.0] < 0.003
    assert e.slope_dot.get_ydata()[0] == pytest.approx(slopes[6.0])


def test_dout_scales_the_backward_numbers_and_leaves_the_forward_ones():
    e = sigmoid_graph_explorer(x=0.0)
    forward = [t.get_text() for t in e.picture.forward_texts.values()]
    png = e.figure.image.value
    e.dout.value = 2.0
    assert [t.get_text() for t in e.picture.forward_texts.values()] == forward
    assert edge_texts(e, ("rec", "y"))[1] == "2" and edge_texts(e, ("x", "neg"))[1] == "0.5"
    assert e.figure.image.value != png


def test_settings_defaults_button_legend_and_labels():
    e = sigmoid_graph_explorer()
    e.set_settings(x=-2.0, dout=0.5)
    assert e.chain.grads["x"] == pytest.approx(0.5 * sigmoid(-2) * (1 - sigmoid(-2)))
    controls_box = e.panel.children[2].children[0]
    button = next(w for w in controls_box.children if isinstance(w, widgets.Button))
    assert button.description == "textbook values"
    button.click()
    assert e.settings == {"x": 1.0, "dout": 1.0} and edge_texts(e, ("x", "neg"))[1] == "0.197"
    assert [c.description for c in e.controls.values()] == ["x", "dout = ∂L/∂y"]
    legend = e.panel.children[1].value
    assert all(word in legend for word in ("black", "forward", "red", "backward", "blue", "y(1 − y)", "0.25"))


def test_the_figure_is_built_once_and_only_artists_move():
    e = sigmoid_graph_explorer()
    fig = e.figure.fig
    n_texts, n_lines = len(e.picture.ax.texts), len(fig.axes[1].lines)
    for v in (-1.0, 0.5, 2.0):
        e.x.value = v
    assert e.figure.fig is fig and len(fig.axes) == 2
    assert len(e.picture.ax.texts) == n_texts and len(fig.axes[1].lines) == n_lines


def test_rows_html_lists_the_nodes_right_to_left():
    table = rows_html(sigmoid_chain_rows(1.0))
    assert table.index("1/s") < table.index("exp") < table.index("× (−1)")


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"x": "1"}, TypeError, "x must be a real number"),
    ({"x": 7.0}, ValueError, "x must be between -6.0 and 6.0, got 7.0"),
    ({"dout": float("inf")}, ValueError, "dout must be finite"),
    ({"dout": -2.5}, ValueError, "dout must be between -2.0 and 2.0"),
])
def test_bad_constructor_arguments_are_clear_errors(kwargs, error, words):
    with pytest.raises(error, match=words):
        sigmoid_graph_explorer(**kwargs)


def test_a_move_redraws_only_what_changed_and_gives_the_picture_of_a_whole_redraw():
    import numpy as np

    e = sigmoid_graph_explorer()
    for control, value in ((e.x, -2.3), (e.dout, 0.5), (e.x, 4.0), (e.dout, -1.7), (e.x, 0.0)):
        control.value = value
        partial = np.asarray(e.figure.fig.canvas.buffer_rgba()).copy()
        e.figure.redraw()  # every moving artist drawn again over the background
        assert np.array_equal(partial, np.asarray(e.figure.fig.canvas.buffer_rgba())), (control.description, value)
