"""RNN panels driven without a browser: move a slider, check what the learner would see."""

import numpy as np
import pytest

from helpers.rnn import gradient_flow
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
