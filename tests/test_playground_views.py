"""The live trainer's new views and controls, without a browser: multiclass picture, confusion table, status,
optimiser / init / stop-epoch controls and their hide groups."""

import numpy as np
import pytest

from helpers.mlp_playground import PlaygroundState, mlp_playground
from helpers.playground.controls import GROUPS
from helpers.playground.display import confusion_html
from helpers.playground.palette import CLASS_LUT, PALETTE, class_colours, colours
from helpers.playground.picture import MAP_SIZE, MAP_X, MAP_Y, RES, TILE


def test_class_colours_go_from_white_when_unsure_to_the_winners_colour_when_sure():
    p = np.array([[1 / 3, 1 / 3, 1 / 3], [0.0, 0.0, 1.0], [0.9, 0.05, 0.05], [0.2, 0.7, 0.1]])
    c = class_colours(p).astype(int)
    assert np.array_equal(c[0], [255, 255, 255]) and np.array_equal(c[1], CLASS_LUT[2, 255])
    assert np.argmax(np.abs(c[2] - 255).sum()) == 0 and c[2][2] > c[2][0]  # bluish: class 0
    assert np.array_equal(class_colours(p, discretize=True), CLASS_LUT[[0, 2, 0, 1], 255])
    assert np.array_equal(CLASS_LUT[:2, 255], colours(np.array([-1.0, 1.0])))  # the binary light blue and orange


def test_the_multiclass_view_colours_the_map_and_the_output_by_class_and_the_hidden_neurons_as_before():
    p = mlp_playground(dataset="blobs4", layers=(4,), lr=0.1)
    p.step(30)
    outputs = p.session.node_outputs(p._grid)
    assert outputs[-1].shape == (RES * RES, 4)
    big = p.figure.frame[MAP_Y:MAP_Y + MAP_SIZE, MAP_X:MAP_X + MAP_SIZE]
    winners = np.argmax(outputs[-1], axis=1).reshape(RES, RES)
    for (gy, gx) in ((5, 5), (5, 54), (54, 5), (54, 54)):  # the four corners of the plane: four classes
        y, x = gy * MAP_SIZE // RES + 2, gx * MAP_SIZE // RES + 2
        k = winners[gy, gx]
        pure = CLASS_LUT[k, 255].astype(int)
        assert np.abs(big[y, x].astype(int) - pure).sum() < 60, (gy, gx, big[y, x], pure)
    assert len({winners[5, 5], winners[5, 54], winners[54, 5], winners[54, 54]}) == 4
    x, y = p.picture.nodes[(2, 0)]  # the output tile: the winning class's colour
    expected = class_colours(outputs[-1].reshape(RES, RES, 4)[::2, ::2])
    assert np.array_equal(p.figure.frame[y:y + TILE, x + 4:x + TILE - 4], expected[:, 4:-4])
    x, y = p.picture.nodes[(1, 0)]  # a hidden neuron: blue-white-orange as before
    expected = colours(outputs[1][:, 0].reshape(RES, RES)[::2, ::2])
    assert np.array_equal(p.figure.frame[y:y + TILE, x + 4:x + TILE - 4], expected[:, 4:-4])
    assert len(p.picture.links) == 2 * 4 + 4 * 4  # 4 class scores from each hidden neuron
    assert "accuracy train" in p.status.value and "mlp-playground-confusion" in p.confusion.value
    assert "network 2-4-4," in p.status.value  # four class scores out


def test_points_are_drawn_in_their_class_colour():
    p = mlp_playground(dataset="spiral3", layers=(3,))
    s = p.session
    drawn = 0
    for (x1, x2), label in zip(s.X_train[:40], s.y_train[:40].astype(int), strict=True):
        x, y = int(MAP_X + (x1 + 6) / 12 * MAP_SIZE), int(MAP_Y + (6 - x2) / 12 * MAP_SIZE)
        if MAP_X + 4 <= x < MAP_X + MAP_SIZE - 4 and MAP_Y + 4 <= y < MAP_Y + MAP_SIZE - 4:
            drawn += np.array_equal(p.figure.frame[y, x], PALETTE[label])
    assert drawn >= 30  # all but the few a later point's ring covers


def test_the_confusion_table_lists_rows_true_and_columns_predicted():
    text = confusion_html(np.array([[5, 1, 0], [0, 7, 2], [1, 0, 9]]))
    assert "25)" in text and "<b>7</b>" in text and text.count("<tr>") == 4
    assert confusion_html(np.eye(4, dtype=int)).count("<th style") == 8


def test_a_binary_set_shows_both_accuracies_and_no_confusion_table():
    p = mlp_playground(dataset="circle", features=("x1sq", "x2sq"), layers=(2,), lr=0.1)
    p.step(10)
    train, test = p.session.accuracy()
    assert f"accuracy train {train:.0%}, test {test:.0%}" in p.status.value and p.confusion.value == ""


def test_train_pauses_by_itself_at_the_stop_epoch_and_the_control_moves_it():
    p = mlp_playground(stop_epoch=3)
    p.train_button.value = True
    for _ in range(5):
        p.player.play.value += 1
    assert p.trainer.epoch == 3 and not p.train_button.value and "stopped at epoch 3" in p.status.value
    p.controls["stop_epoch"].value = 5  # no restart: training goes on to the new stop
    p.train_button.value = True
    for _ in range(5):
        p.player.play.value += 1
    assert p.trainer.epoch == 5 and not p.train_button.value and "stop=5" in p.state


def test_the_optimiser_and_init_controls_restart_with_their_choice_and_are_in_the_state():
    p = mlp_playground()
    p.step(2)
    p.controls["optimizer"].value = "adam"
    p.controls["init"].value = "zeros"
    assert p.trainer.epoch == 0 and type(p.trainer.optimizer).__name__ == "Adam"
    assert all(np.all(a.params["W"] == 0) for a in p.session.affines)
    assert "opt=adam" in p.state and "init=zeros" in p.state
    q = mlp_playground(state=p.state)
    assert q.current_state() == p.current_state() == PlaygroundState(optimizer="adam", init="zeros")


@pytest.mark.parametrize("group, names", [("optimizer", ["optimizer"]), ("init", ["init"]),
                                          ("stop", ["stop_epoch"]), ("draw", ["draw_class"])])
def test_the_new_groups_hide_their_controls(group, names):
    p = mlp_playground(hide=(group,))
    assert set(GROUPS[group]) == set(names) and all(p.controls[n].layout.display == "none" for n in names)
    assert p.controls["lr"].layout.display is None
