"""The shapes explorer and the bidirectional stepper, driven from code as a learner would move them."""

import numpy as np
import pytest

from helpers.rnn_explorers import BidirectionalStepper, ShapesExplorer, cells_picture, layout_codes
from helpers.sequence_tasks import SequenceRegressor, noisy_sines


def test_shapes_explorer_shows_the_shapes_of_out_and_h_n():
    panel = ShapesExplorer()
    assert panel.settings == {"T": 10, "N": 3, "D": 4, "H": 8, "layers": 1, "bidirectional": True}
    assert "<b>out</b> (10, 3, 16)" in panel.shapes.value and "<b>h_n</b> (2, 3, 8)" in panel.shapes.value
    assert "out[9, :, 0:8]" in panel.table.value and "out[0, :, 8:16]" in panel.table.value
    assert panel.table.value.count("✔ equal") == 2


def test_shapes_explorer_with_three_forward_layers():
    panel = ShapesExplorer()
    png = panel.figure.image.value
    panel.set_settings(bidirectional=False, layers=3, T=5, H=3)
    assert panel.layout.out_shape == (5, 3, 3) and panel.layout.h_n_shape == (3, 3, 3)
    assert panel.figure.image.value != png
    assert "h_n[0] .. h_n[2]" in panel.shapes.value
    assert panel.arrows[0].get_visible() and not panel.arrows[1].get_visible()  # one direction, one arrow
    assert "nn.RNN(4, 3, num_layers=3, bidirectional=False)" in panel.table.value
    assert panel.table.value.count("not in out") == 2  # layers 0 and 1


def test_shape_pictures_colour_the_final_states():
    out, h_n = layout_codes(T=3, H=2, dirs=2, num_layers=2)
    assert out[2, :2].tolist() == [3, 3] and out[0, 2:].tolist() == [4, 4]  # forward at t = T-1, reverse at t = 0
    assert h_n[:, 0].tolist() == [5, 5, 3, 4]  # layer 0 grey (not in out), layer 1 forward, reverse
    picture = cells_picture(out)
    assert picture.shape == (3 * 7 + 1, 4 * 7 + 1) and picture[0].max() == 0  # white grid lines between cells


def test_shapes_explorer_checks_its_arguments():
    with pytest.raises(ValueError, match="T must be between 1 and 12"):
        ShapesExplorer(T=20)
    with pytest.raises(TypeError, match="bidirectional must be True or False"):
        ShapesExplorer(bidirectional="yes")


@pytest.fixture
def stepper():
    waves = noisy_sines(3, 10, noise=0.3, seed=0)
    return BidirectionalStepper(SequenceRegressor(1, 4, bidirectional=True, seed=0), waves.noisy, waves.clean)


def test_bidirectional_stepper_fills_the_states_in_from_both_ends(stepper):
    stepper.k.value = 2
    forward, reverse = (heat.get_array() for heat in stepper.heats)
    assert (~forward.mask[0]).tolist() == [True] * 3 + [False] * 7  # h_0 .. h_2 computed
    assert (~reverse.mask[0]).tolist() == [False] * 7 + [True] * 3  # h'_7 .. h'_9 computed
    assert np.allclose(forward[:, 2], stepper.model.hs[2, 0, :4])
    assert np.all(np.isnan(stepper.output_line.get_ydata()))  # no output has both states yet
    assert "outputs ready: <b>0 of 10</b>" in stepper.status.value


def test_bidirectional_stepper_shows_outputs_once_both_states_exist(stepper):
    stepper.set_settings(k=5, n=1)
    shown = stepper.output_line.get_ydata()
    ready = ~np.isnan(shown)
    assert ready.tolist() == [False] * 4 + [True] * 2 + [False] * 4  # t = 4, 5
    assert np.allclose(shown[ready], stepper.y_hat[4:6, 1])
    assert np.allclose(stepper.input_line.get_ydata(), stepper.xs[:, 1, 0])
    stepper.restore_defaults()
    assert stepper.settings == {"k": 0, "n": 0}


def test_bidirectional_stepper_needs_a_bidirectional_model():
    with pytest.raises(TypeError, match="bidirectional SequenceRegressor"):
        BidirectionalStepper(SequenceRegressor(1, 4, seed=0), np.zeros((5, 1, 1)))
