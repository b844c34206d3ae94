"""Notebook 05's three panels, driven without a browser: press buttons, move sliders, set settings, read what
is shown; bad constructor arguments are explained."""

import numpy as np
import pytest

from helpers.backprop import example_222, gradient_step, hand_backprop_222, layer_gradient_norms, loss_222
from helpers.backprop_stepper import BackpropStepper
from helpers.descent import minibatch_updates, uphill_fraction
from helpers.descent_explorer import RUN_STEPS, DescentExplorer
from helpers.fitting_explorer import WIDTHS, FittingExplorer, capacity_curves, small_digits_split
from helpers.layers import SoftmaxWithLoss, mlp


def test_descent_explorer_step_run_reset():
    d = DescentExplorer(lr=0.2)
    png = d.figure.image.value
    assert d.verdict == "start" and d.path.shape == (1, 2)
    d.step_button.click()
    assert d.path.shape == (2, 2) and d.figure.image.value != png
    d.run_button.click()
    assert len(d.path) == 2 + RUN_STEPS and d.verdict == "converged" and "converged" in d.status.value
    d.reset_button.click()
    assert d.path.shape == (1, 2)


def test_descent_explorer_learning_rates_tell_their_story():
    d = DescentExplorer()
    seen = {}
    for lr in (0.01, 0.2, 0.4, 0.45):
        d.lr.value = lr  # moving the slider restarts from the start point
        d.run_button.click()
        seen[lr] = d.verdict
    assert seen == {0.01: "crawling", 0.2: "converged", 0.4: "oscillating", 0.45: "diverged"}
    assert "2/λ" in d.status.value


def test_descent_explorer_two_minima_and_long_runs_extend_the_axis():
    d = DescentExplorer()
    d.surface_menu.value = "two minima"
    d.w1.value, d.w2.value, d.lr.value = 1.5, 1.0, 0.05
    for _ in range(5):
        d.run_button.click()
    assert d.verdict == "local minimum" and d.ax_loss.get_xlim()[1] >= 250
    assert "2/λ" not in d.status.value


def test_backprop_stepper_walks_forward_then_backward():
    b = BackpropStepper()
    assert b.current is None and b.back_button.disabled
    assert all(t.get_text() == "" for t in b.texts.values())
    b.next_button.click()
    assert b.current.key == "v2_1" and b.texts["v2_1"].get_text() == "v=0.55"
    assert "forward pass" in b.formula.value and "0.55" in b.formula.value
    b.step.value = 10
    assert b.current.key == "e3_1" and "backward pass" in b.formula.value
    assert b.texts["e3_1"].get_text().startswith("e=-0.0967") and b.texts["e2_1"].get_text() == ""
    b.step.value = b.step.max
    assert b.current == "update" and b.next_button.disabled and all(t.get_text() for t in b.texts.values())
    b.back_button.click()
    assert b.step.value == b.step.max - 1 and b.current.key == "db1_2"


def test_capacity_curves_show_under_and_overfitting():
    data = small_digits_split()
    small, big = capacity_curves(1, 200, data=data), capacity_curves(32, 200, data=data)
    assert small.train_acc[-1] < 0.6  # one hidden unit cannot even learn the training images
    assert big.train_acc[-1] == 1.0 and big.train_acc[-1] - big.val_acc[-1] > 0.08  # memorised: a gap
    assert big.best_epoch < 200 and big.val_loss[-1] > big.val_loss.min()  # validation loss turned up
    assert len(big.train_loss) == 200 and np.all(np.diff(big.train_loss[:50]) < 0)


def test_fitting_explorer_caches_widths_and_moves_the_marker():
    f = FittingExplorer(hidden=2, epochs=100)
    assert "underfitting" in f.status.value
    f.hidden.value = 32
    assert "overfitting" in f.status.value
    png = f.figure.image.value
    f.epoch.value = 20
    assert "epoch 20" in f.status.value and f.figure.image.value != png
    assert f.markers[0].get_xdata()[0] == 20 and list(WIDTHS) == list(f.hidden.options)
    assert set(f._cache) == {("90 images", width, "relu", 1, 0.5) for width in WIDTHS}


def test_the_starting_model_is_trained_at_every_width_so_the_width_slider_trains_nothing(monkeypatch):
    import helpers.fitting_explorer as fitting

    f = FittingExplorer(hidden=64, epochs=20)
    monkeypatch.setattr(fitting, "capacity_curves", lambda *a, **k: pytest.fail("the width slider trained a model"))
    for width in (32, 16, 8, 4, 2, 1):
        f.hidden.value = width
        assert f.curves.hidden == width
    monkeypatch.undo()
    f.depth.value = 2  # another model: trained on its first visit, at the width shown
    assert set(f._cache) - {("90 images", width, "relu", 1, 0.5) for width in WIDTHS} == {
        ("90 images", 1, "relu", 2, 0.5)}


def test_more_training_images_shrink_the_gap():
    f = FittingExplorer(hidden=32, epochs=150)
    gap_small = f.curves.train_acc[-1] - f.curves.val_acc[-1]
    f.train_size.value = "719 images"
    gap_big = f.curves.train_acc[-1] - f.curves.val_acc[-1]
    assert "719 images" in f.status.value and gap_big < gap_small / 2


def test_known_curves_are_shown_without_training_again():
    curves = capacity_curves(4, 50)
    f = FittingExplorer(hidden=4, epochs=50, known=[("90 images", curves)])
    assert f.curves is curves
    with pytest.raises(ValueError, match="known curves"):
        FittingExplorer(hidden=4, epochs=60, known=[("90 images", curves)])


# --- the descent explorer's batch size, settings and defaults --------------------------------------------


def test_descent_explorer_one_sample_path_is_noisy_and_the_full_batch_path_is_drawn_beside_it():
    d = DescentExplorer(lr=0.05)
    d.run_button.click()
    full = d.path.copy()
    assert len(d.full_line.get_xdata()) == 0  # no grey reference on a full-batch run
    d.batch.value = "one"  # a new batch size restarts from the start point
    assert d.path.shape == (1, 2)
    d.run_button.click()
    assert d.verdict == "noisy" and d.batch_size == 1 and "B = 1 of N = 20" in d.status.value
    assert uphill_fraction(d.surface, d.path) > 0.2 and uphill_fraction(d.surface, full) == 0
    assert np.allclose(np.column_stack(d.full_line.get_data()), full)  # dashed: the full-batch path, same length
    best = d.surface.loss_at(d.surface.minimum)
    assert np.allclose(d.full_loss_line.get_ydata(), [d.surface.loss_at(q) - best for q in full])


def test_descent_explorer_mini_batch_runs_continue_the_same_noise():
    d = DescentExplorer(lr=0.05, batch="mini")
    for _ in range(3):
        d.step_button.click()
    d.run_button.click()
    x, y = d.surface.data
    assert np.allclose(d.path, minibatch_updates(x, y, d.path[0], 0.05, 5, 3 + RUN_STEPS))


def test_descent_explorer_settings_round_trip_and_defaults():
    d = DescentExplorer()
    assert d.settings == {"surface": "line fit (MSE)", "lr": 0.05, "batch": "full", "w1": -0.5, "w2": 3.5}
    png = d.figure.image.value
    d.set_settings(surface="two minima", lr=0.1, w1=1.5, w2=1.0)
    assert d.surface.name == "two minima" and d.batch.disabled and d.batch_size is None
    assert d.w1.description == "start w₁" and d.figure.image.value != png
    d.set_settings(batch="one")  # no data behind the two-minima surface: still full-batch descent
    d.run_button.click()
    assert d.verdict != "noisy"
    with pytest.raises(ValueError, match="lr must be between 0.001 and 1.0, got 2.0"):
        d.set_settings(lr=2.0)
    d.defaults_button().click()
    assert d.settings["surface"] == "line fit (MSE)" and d.w1.description == "start w" and not d.batch.disabled
    assert "full batch, same number of updates" in d.legend.value


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"surface": "saddle"}, ValueError, "surface must be one of"),
    ({"lr": 5.0}, ValueError, "lr must be between"),
    ({"lr": "fast"}, TypeError, "lr must be a real number"),
    ({"start": (9.0, 0.0)}, ValueError, "start must be two numbers"),
    ({"batch": 7}, ValueError, "batch must be 'full', 'mini' or 'one'"),
])
def test_descent_explorer_explains_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        DescentExplorer(**kwargs)


# --- the backprop stepper: editable numbers and the update step --------------------------------------


def test_backprop_stepper_last_step_applies_the_update_and_lowers_the_loss():
    b = BackpropStepper()
    b.step.value = b.step.max
    ex = example_222()
    _, grads = hand_backprop_222(**ex)
    assert np.allclose(b.updated["W2"], ex["W2"] - 1.0 * grads["W2"])
    assert b.loss_after < b.loss_before == pytest.approx(0.225601, abs=1e-6)
    assert "update" in b.formula.value and "(lower)" in b.formula.value and not b.take_button.disabled
    assert b.param_texts["W1_11"].get_text() == f"w11={b.updated['W1'][0, 0]:.4g}"
    assert b.texts["L"].get_text().endswith(f"→ {b.loss_after:.4g}")
    before = b.loss_after
    b.take_button.click()  # keep the new weights: a second round starts where the first ended
    assert b.step.value == 0 and b.take_button.disabled
    assert b.loss_before == pytest.approx(before) and b.loss_after < before


def test_backprop_stepper_boxes_change_every_number():
    b = BackpropStepper()
    b.set_settings(x1=-1.0, W2_12=2.0, y2=1.0, lr=3.0, step=9)
    ex = example_222()
    ex["x"][0], ex["W2"][0, 1], ex["y"][1] = -1.0, 2.0, 1.0
    steps, grads = hand_backprop_222(**ex)
    assert b.current.key == "L" and b.current.value == pytest.approx(steps[8].value)
    assert np.allclose(b.grads["W1"], grads["W1"]) and b.param_texts["x1"].get_text() == "x=-1"
    assert b.loss_after == pytest.approx(loss_222(ex["x"], ex["y"], **gradient_step(
        {k: ex[k] for k in grads}, grads, 3.0)))
    b.restore_defaults()
    assert b.settings["x1"] == 0.5 and b.settings["lr"] == 1.0 and b.current is None


def test_backprop_stepper_redraws_only_what_changed_yet_shows_the_same_picture():
    """A move redraws only the numbers whose text or colour changed (a step: the new number and the ring), and
    after a run of steps and box edits the picture is pixel for pixel the one a full redraw gives."""
    b = BackpropStepper()
    b.step.value = 3
    drawn = []
    redraw_changed = b.figure.redraw_changed
    b.figure.redraw_changed = lambda changed: (drawn.append(list(changed)), redraw_changed(changed))
    b.step.value = 4
    assert set(drawn[-1]) == {b.texts[b.steps[3].key], b.ring}
    rng = np.random.default_rng(0)
    for _ in range(40):
        if rng.random() < 0.5:
            b.step.value = int(rng.integers(0, b.step.max + 1))
        else:
            b.boxes[str(rng.choice(list(b.boxes)))].value = round(float(rng.uniform(0, 1)), 2)
    partial = np.asarray(b.figure.fig.canvas.buffer_rgba()).copy()
    b.figure.redraw()
    assert np.array_equal(partial, np.asarray(b.figure.fig.canvas.buffer_rgba()))


def test_backprop_stepper_says_when_the_step_overshoots():
    ex = {"x": [-1.3, 1.9], "y": [0.8, 0.5], "W1": [[1.3, 0.4], [0.6, 1.7]], "b1": [-0.9, 0.7],
          "W2": [[-0.5, -0.7], [2.0, 1.1]], "b2": [0.0, -0.2]}
    b = BackpropStepper(ex, lr=20.0)
    b.step.value = b.step.max
    assert b.loss_after > b.loss_before and "higher" in b.formula.value


def test_backprop_stepper_controls_carry_the_texts_symbols_and_a_legend():
    b = BackpropStepper()
    assert b.boxes["W1_12"].description == "w₁₂⁽¹⁾" and b.boxes["b2_1"].description == "b₁⁽²⁾"
    assert b.boxes["x2"].description == "x₂" and b.lr.description == "η"
    assert "forward pass" in b.legend.value and "after the update" in b.legend.value


@pytest.mark.parametrize(("args", "error", "words"), [
    (([1, 2],), TypeError, "example must be a dict"),
    (({**example_222(), "W1": np.zeros(3)},), ValueError, "W1 must be 2-dimensional"),
    (({**example_222(), "W2": np.full((2, 2), 9.0)},), ValueError, r"example\['W2'\]\[0, 0\] must be between"),
    (({**example_222(), "y": np.array([1.5, 0.0])},), ValueError, r"example\['y'\]\[0\] must be between 0.0 and 1.0"),
    ((None, 0.0), ValueError, "lr must be between 0.01 and 20.0"),
    ((None, "big"), TypeError, "lr must be a real number"),
])
def test_backprop_stepper_explains_bad_arguments(args, error, words):
    with pytest.raises(error, match=words):
        BackpropStepper(*args)


# --- the fitting explorer: activation, depth, learning rate ----------------------------------------------


def test_fitting_explorer_deep_sigmoid_network_vanishes_and_deep_relu_learns():
    f = FittingExplorer(hidden=16, epochs=150)
    f.set_settings(depth=4, lr=0.1)
    relu = f.curves
    assert relu.depth == 4 and len(relu.grad_norms) == 5 and 0.1 < relu.gradient_ratio < 10
    assert sum(bar.get_visible() for bar in f.bars) == 5 and "vanishing" not in f.status.value
    f.set_settings(activation="sigmoid")
    sigmoid = f.curves
    assert sigmoid.gradient_ratio < 0.1 and sigmoid.train_acc[-1] < 0.5 < relu.train_acc[-1]
    assert "vanishing" in f.status.value and "4 × 16 sigmoid" in f.status.value
    assert f.bars[0].get_height() == pytest.approx(sigmoid.grad_norms[0])
    f.defaults_button().click()
    assert f.settings == {"train_size": "90 images", "hidden": 16, "depth": 1, "activation": "relu", "lr": 0.5,
                          "epoch": 150}


def test_capacity_curves_record_the_starting_gradients_of_every_layer():
    data = small_digits_split()
    c = capacity_curves(8, 5, data=data, activation="sigmoid", depth=2, lr=0.2)
    model = mlp([64, 8, 8, 10], "sigmoid", rng=0)
    assert np.allclose(c.grad_norms, layer_gradient_norms(model, SoftmaxWithLoss(), data[0], data[1]))
    assert (c.activation, c.depth, c.lr) == ("sigmoid", 2, 0.2)
    with pytest.raises(ValueError, match="activation must be one of"):
        capacity_curves(8, 5, data=data, activation="tanh")


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"hidden": 3}, "hidden must be one of"),
    ({"train_size": "all"}, "train_size must be one of"),
    ({"depth": 3}, "depth must be one of"),
    ({"activation": "tanh"}, "activation must be one of"),
    ({"lr": 1.0}, "lr must be one of"),
    ({"epochs": 0}, "epochs must be at least 1"),
])
def test_fitting_explorer_explains_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match=words):
        FittingExplorer(**kwargs)
