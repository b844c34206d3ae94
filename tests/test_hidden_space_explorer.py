"""Notebook 02's hidden-space explorer and its math: the training frames, one frame read, the margin; the panel
driven from code (the epoch slider, seed and η, settings, bad arguments)."""

import numpy as np
import pytest

from helpers.datasets import truth_table
from helpers.hidden_space import hidden_coordinates, hidden_frame, separation_margin, xor_training_frames
from helpers.hidden_space_explorer import EPOCHS, LEGEND, hidden_space_explorer
from helpers.layers import BinaryCrossEntropy, mlp
from helpers.optim import SGD
from helpers.train import Trainer

X, Y = truth_table("XOR")


def test_the_frames_are_the_trainers_weights_epoch_by_epoch():
    frames = xor_training_frames(seed=3, lr=1.0, epochs=7)
    assert frames["W1"].shape == (8, 2, 2) and frames["b1"].shape == (8, 2) and frames["W2"].shape == (8, 2)
    model = mlp([2, 2, 1], "tanh", rng=3)
    trainer = Trainer(model, BinaryCrossEntropy(), SGD(lr=1.0), X, Y)
    np.testing.assert_array_equal(frames["W1"][0], model.layers[0].params["W"])
    trainer.fit(7)
    np.testing.assert_array_equal(frames["W1"][7], model.layers[0].params["W"])
    np.testing.assert_array_equal(frames["W2"][7], model.layers[2].params["W"][:, 0])
    assert frames["b2"][7] == model.layers[2].params["b"][0]
    frame = hidden_frame(frames, 7, X)  # the model's own forward pass, read from the frame
    np.testing.assert_allclose(frame["hidden"], hidden_coordinates(model, X))
    np.testing.assert_allclose(frame["p"], BinaryCrossEntropy.probability(model.forward(X)).ravel())
    assert not np.allclose(frames["W1"][0], frames["W1"][7])  # training moved the weights


def test_a_hidden_neurons_line_is_where_its_output_is_zero():
    frame = hidden_frame(xor_training_frames(0, 2.0, 5), 5, X)
    (w1, w2, b) = frame["lines"][1]
    on_line = np.array([[0.0, -b / w2], [1.0, -(w1 + b) / w2]])
    np.testing.assert_allclose(hidden_frame(xor_training_frames(0, 2.0, 5), 5, on_line)["hidden"][:, 1], 0,
                               atol=1e-12)


def test_the_margin_of_known_point_sets():
    square = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    assert separation_margin(square, [0, 0, 1, 1]) == pytest.approx(0.5, abs=1e-6)  # the line x1 = 0.5
    assert separation_margin(square, [0, 1, 1, 0]) < 0  # XOR in the input plane: no line
    merged = np.array([[0, 0], [1, 1], [1, 1], [2, 0]], float)  # a 0 and a 1 on the same spot
    assert separation_margin(merged, [0, 1, 0, 1]) <= 0
    with pytest.raises(ValueError, match="both classes"):
        separation_margin(square, [1, 1, 1, 1])
    with pytest.raises(ValueError, match="points"):
        separation_margin(np.zeros((4, 3)), [0, 1, 0, 1])


def test_moving_the_epoch_slider_moves_the_points_and_only_redraws():
    e = hidden_space_explorer(epoch=0)
    runs, png, start = dict(e._runs), e.figure.image.value, e.frame["hidden"].copy()
    e.epoch.value = 150
    assert e._runs == runs  # nothing trained again
    assert e.figure.image.value != png and not np.allclose(e.frame["hidden"], start)
    np.testing.assert_allclose(e.hidden_points.get_offsets(), e.frame["hidden"])
    assert len(e.paths[0].get_xdata()) == 151 and "epoch 150 of 300" in e.status.value


def test_the_learning_seed_separates_the_rows_and_the_stuck_seed_merges_two():
    e = hidden_space_explorer(seed=0, lr=2.0, epoch=EPOCHS)
    assert e.margin > 0.5 and ((e.frame["p"] > 0.5) == Y).all() and "one line separates" in e.status.value
    e.epoch.value = 0  # the start: the rows are not yet separable
    assert e.margin < 0.1
    e.set_settings(seed=1, epoch=EPOCHS)
    hidden = e.frame["hidden"]
    assert np.linalg.norm(hidden[1] - hidden[3]) < 0.02 and Y[1] != Y[3]  # rows 01 and 11 on one spot
    assert e.margin <= 0.01 and ((e.frame["p"] > 0.5) == Y).sum() <= 3 and "no line separates" in e.status.value


def test_settings_round_trip_and_the_textbook_values():
    e = hidden_space_explorer()
    assert e.settings == {"seed": 0, "lr": 2.0, "epoch": EPOCHS}
    e.set_settings(seed=4, lr=0.3, epoch=20)
    assert e.settings == {"seed": 4, "lr": 0.3, "epoch": 20} and "seed 4, η = 0.3" in e.status.value
    again = hidden_space_explorer(**e.settings)
    np.testing.assert_allclose(again.frame["hidden"], e.frame["hidden"])
    e.restore_defaults()
    assert e.settings == e.defaults
    with pytest.raises(ValueError, match="lr"):
        e.set_settings(lr=0.5)
    assert e.settings == e.defaults


def test_the_panel_has_a_legend_and_labelled_controls():
    e = hidden_space_explorer()
    assert "hidden neurons 1, 2" in LEGEND and "output" in LEGEND
    assert e.epoch.description == "epoch t" and "seed" in e.seed.description and "η" in e.lr.description


@pytest.mark.parametrize("kwargs, error, words", [
    ({"seed": -1}, ValueError, "seed"), ({"seed": 50}, ValueError, "seed"), ({"seed": 1.5}, TypeError, "seed"),
    ({"lr": 0.5}, ValueError, "lr must be one of"), ({"lr": "2"}, TypeError, "lr"),
    ({"epoch": 301}, ValueError, "epoch"), ({"epoch": "3"}, TypeError, "epoch"),
])
def test_bad_starting_arguments_get_a_clear_error(kwargs, error, words):
    with pytest.raises(error, match=words):
        hidden_space_explorer(**kwargs)
