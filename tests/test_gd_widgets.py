"""Notebook 05's three panels, driven without a browser: press buttons, move sliders, read what is shown."""

import numpy as np
import pytest

from helpers.backprop_stepper import BackpropStepper
from helpers.descent_explorer import RUN_STEPS, DescentExplorer
from helpers.fitting_explorer import WIDTHS, FittingExplorer, capacity_curves, small_digits_split


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
    assert b.next_button.disabled and all(t.get_text() for t in b.texts.values())
    b.back_button.click()
    assert b.step.value == b.step.max - 1


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
    assert "overfitting" in f.status.value and set(f._cache) == {("90 images", 2), ("90 images", 32)}
    png = f.figure.image.value
    f.epoch.value = 20
    assert "epoch 20" in f.status.value and f.figure.image.value != png
    assert f.markers[0].get_xdata()[0] == 20 and list(WIDTHS) == list(f.hidden.options)


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
