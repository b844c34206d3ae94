"""RNN panels driven without a browser: move a slider, check what the learner would see."""

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.char_rnn import CharRNN, CharVocab
from helpers.rnn import gradient_flow
from helpers.rnn_explorers import BidirectionalStepper, ShapesExplorer
from helpers.rnn_training_explorers import ClippingExplorer, TemperatureExplorer
from helpers.rnn_widgets import GradientFlowExplorer, TimeStepper
from helpers.sequence_tasks import SequenceRegressor, noisy_sines


@pytest.fixture
def stepper():
    batch = noisy_sines(3, 12, seed=0)
    return TimeStepper(SequenceRegressor(1, 6, seed=0), batch.noisy, batch.clean)


def test_stepper_shows_the_hidden_state_of_the_current_step(stepper):
    stepper.t.value = 7
    h = stepper.model.rnn.forward(stepper.xs)[0][7, 0]
    assert np.allclose([bar.get_width() for bar in stepper.bars], h)
    assert np.allclose(stepper.previous.get_xdata(), stepper.hs[6, 0])
    assert len(stepper.output_line.get_xdata()) == 8  # outputs so far: t = 0 .. 7
    assert "t = 7" in stepper.status.value


def test_stepper_starts_from_a_zero_previous_state(stepper):
    assert stepper.t.value == 0 and np.all(stepper.state_at(0)["h_prev"] == 0)


def test_stepper_changes_the_picture_and_switches_sequences(stepper):
    png = stepper.figure.image.value
    stepper.t.value = 3
    assert stepper.figure.image.value != png
    stepper.seq.value = 2
    assert np.allclose(stepper.heat.get_array(), stepper.hs[:, 2, :].T)
    assert np.allclose(stepper.input_line.get_ydata(), stepper.xs[:, 2, 0])


def _pixels(panel):
    return np.asarray(panel.figure.fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("kind", ["time stepper", "bidirectional stepper"])
def test_a_new_sequence_is_drawn_without_a_full_redraw_yet_as_one_would_draw_it(kind, monkeypatch):
    """The sequence's inputs, targets and heat map move with the other artists: switching sequences blits them
    (the figure and its layout are not drawn again) and gives the picture a full redraw gives."""
    batch = noisy_sines(3, 12, seed=0)
    model = SequenceRegressor(1, 4, bidirectional=kind != "time stepper", seed=0)
    make = TimeStepper if kind == "time stepper" else BidirectionalStepper
    panel = make(model, batch.noisy, batch.clean)
    (panel.t if kind == "time stepper" else panel.k).value = 5
    panel.figure.redraw(full=True)  # constrained layout settles on its second pass: compare like with like
    full_draws = []
    canvas = panel.figure.fig.canvas
    draw = canvas.draw
    monkeypatch.setattr(canvas, "draw", lambda: full_draws.append(1) or draw())
    panel.seq.value = 2
    assert not full_draws
    blitted = _pixels(panel)
    panel.figure.redraw(full=True)
    assert full_draws and np.array_equal(blitted, _pixels(panel))


def test_stepper_of_a_bidirectional_model_shows_both_halves():
    batch = noisy_sines(2, 5, seed=0)
    panel = TimeStepper(SequenceRegressor(1, 4, bidirectional=True, seed=0), batch.noisy)
    assert len(panel.bars) == 8 and panel.heat.get_array().shape == (8, 5)


def test_gradient_flow_panel_follows_the_slider():
    panel = GradientFlowExplorer(wh_scale=0.5)
    assert np.allclose(panel.tanh_line.get_ydata()[:10], gradient_flow(0.5, "tanh").grad_norm[:10])
    png = panel.figure.image.value
    panel.scale.value = 2.0
    assert panel.figure.image.value != png
    assert panel.flows["relu"].state_norm.max() > 1e6
    assert panel.relu_line.get_ydata().max() <= GradientFlowExplorer.LIMITS[1]  # clipped to the axes
    assert "ReLU" in panel.status.value


def test_panels_build_their_figure_once():
    panel = GradientFlowExplorer()
    fig = panel.figure.fig
    for value in (0.5, 1.0, 1.5):
        panel.scale.value = value
    assert panel.figure.fig is fig and len(fig.axes) == 2


# --- the Panel contract: settings, textbook values, legend, labelled controls, checked arguments ---------


def test_stepper_settings_round_trip(stepper):
    assert stepper.settings == {"t": 0, "n": 0}
    stepper.set_settings(t=9, n=1)
    assert stepper.t.value == 9 and np.allclose([b.get_width() for b in stepper.bars], stepper.hs[9, 1])
    stepper.restore_defaults()
    assert stepper.settings == {"t": 0, "n": 0}


def test_stepper_rejects_a_model_with_two_inputs():
    with pytest.raises(TypeError, match="one input and one output"):
        TimeStepper(SequenceRegressor(2, 3, seed=0), np.zeros((4, 1, 2)))
    with pytest.raises(ValueError, match="targets must have the shape of xs"):
        TimeStepper(SequenceRegressor(1, 3, seed=0), np.zeros((4, 1, 1)), np.zeros((5, 1, 1)))


def test_gradient_flow_has_length_and_hidden_size_sliders():
    panel = GradientFlowExplorer()
    assert panel.settings == {"s": 1.0, "T": 40, "H": 16}
    panel.set_settings(T=100, H=32, s=0.5)
    assert len(panel.tanh_line.get_xdata()) == 100 and panel.starts[0].get_xdata()[0] == 99  # ends at k = T-1
    assert np.allclose(panel.tanh_line.get_ydata()[:20], gradient_flow(0.5, "tanh", 100, 32).grad_norm[:20])
    assert panel.ceiling.get_ydata()[0] == pytest.approx(np.sqrt(32))  # tanh's bound moves with H
    assert "T = 100, H = 32" in panel.status.value


def test_gradient_flow_defaults_button_restores_the_text_values():
    panel = GradientFlowExplorer(wh_scale=0.9)
    panel.set_settings(s=2.0, T=20)
    _defaults_button(panel).click()
    assert panel.settings == {"s": 0.9, "T": 40, "H": 16} and len(panel.relu_line.get_xdata()) == 40


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"wh_scale": 3.0}, ValueError, "wh_scale must be between 0.2 and 2.5"),
    ({"steps": 2}, ValueError, "steps must be between 5 and 120"),
    ({"hidden_size": "16"}, TypeError, "hidden_size must be a whole number"),
])
def test_gradient_flow_checks_its_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        GradientFlowExplorer(**kwargs)


def _tiny_sweep():
    history = {"loss": [1.0, 0.5], "grad_norm": [2.0, 0.5], "diverged_at": None}
    return {1.0: history, None: history}


@pytest.mark.parametrize("make", [
    lambda: TimeStepper(SequenceRegressor(1, 3, seed=0), noisy_sines(2, 6, seed=0).noisy),
    lambda: GradientFlowExplorer(),
    lambda: ShapesExplorer(),
    lambda: BidirectionalStepper(SequenceRegressor(1, 3, bidirectional=True, seed=0), noisy_sines(2, 6, seed=0).noisy),
    lambda: ClippingExplorer(_tiny_sweep()),
    lambda: TemperatureExplorer(CharRNN(3, 4, seed=0), CharVocab("ab "), prefix="ab", length=10),
], ids=["time stepper", "gradient flow", "shapes", "bidirectional stepper", "clipping", "temperature"])
def test_every_panel_has_a_legend_labelled_controls_and_a_textbook_values_button(make):
    panel = make()
    texts = _all_widgets(panel.panel)
    legends = [w for w in texts if isinstance(w, widgets.HTML) and "&#9632;" in w.value]
    assert len(legends) == 1
    controls = [w for w in texts if isinstance(w, (widgets.IntSlider, widgets.FloatSlider, widgets.SelectionSlider,
                                                   widgets.Checkbox))]
    assert all(c.description for c in controls) and set(panel.controls.values()) <= set(controls)
    first = dict(panel.settings)
    for control in panel.controls.values():  # move every control away from its textbook value ...
        if isinstance(control, widgets.Checkbox):
            control.value = not control.value
        elif isinstance(control, widgets.SelectionSlider):
            control.index = (control.index + 1) % len(control.options)
        else:
            control.value = control.max if control.value != control.max else control.min
    assert panel.settings != first
    _defaults_button(panel).click()  # ... and one click brings them all back
    assert panel.settings == first


def _all_widgets(widget):
    found = [widget]
    for child in getattr(widget, "children", ()):
        found.extend(_all_widgets(child))
    return found


def _defaults_button(panel):
    return next(w for w in _all_widgets(panel.panel)
                if isinstance(w, widgets.Button) and w.description == "textbook values")
