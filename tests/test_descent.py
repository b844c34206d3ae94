"""Gradient descent on drawable surfaces: gradients right, the learning-rate regimes as the theory predicts."""

import warnings

import numpy as np
import pytest

from helpers.descent import (
    cross_entropy,
    describe_run,
    gradient_descent,
    line_data,
    minibatch_path,
    minibatch_updates,
    regression_surface,
    slope_loss,
    split_lr_regimes,
    squared_error,
    two_minima_surface,
    uphill_fraction,
)
from helpers.gradcheck import numerical_gradient, rel_error

TOL = 1e-7  # analytic versus central-difference gradients, float64


@pytest.mark.parametrize("make", [regression_surface, two_minima_surface])
@pytest.mark.parametrize("point", [(0.3, -0.7), (2.5, 1.5), (-1.2, 0.4)])
def test_surface_gradients_match_numerical(make, point):
    s = make()
    p = np.array(point, dtype=float)
    numeric = numerical_gradient(lambda q: s.loss_at(q), p)
    assert rel_error(s.gradient(p), numeric) < TOL


def test_regression_minimum_is_the_least_squares_line_and_the_hessian_is_exact():
    x, y = line_data()
    s = regression_surface(x, y)
    assert np.allclose(s.minimum, np.polyfit(x, y, 1))
    assert np.allclose(s.gradient(s.minimum), 0, atol=1e-12)
    H = np.column_stack([numerical_gradient(lambda q, i=i: s.gradient(q)[i], s.minimum.copy()) for i in range(2)])
    assert np.allclose(H, s.hessian, atol=1e-6)


def test_two_minima_surface_has_a_lower_left_minimum_than_right():
    s = two_minima_surface()
    assert np.allclose(s.gradient(s.minimum), 0, atol=1e-9) and s.minimum[0] < 0
    right = gradient_descent(s.gradient, [1.5, 0.0], 0.05, 500)[-1]
    assert right[0] > 0 and s.loss_at(right) > s.loss_at(s.minimum) + 0.5
    with pytest.raises(ValueError, match="not quadratic"):
        s.largest_stable_lr()


def test_one_step_is_w_minus_lr_times_gradient():
    s = regression_surface()
    w0 = np.array([0.0, 0.0])
    path = gradient_descent(s.gradient, w0, 0.1, 1)
    assert path.shape == (2, 2) and np.allclose(path[1], w0 - 0.1 * s.gradient(w0))


def test_learning_rate_regimes_on_the_bowl():
    s = regression_surface()
    start = [-0.5, 3.5]
    lr_max = s.largest_stable_lr()
    assert 0.4 < lr_max < 0.5
    verdicts = {lr: describe_run(s, gradient_descent(s.gradient, start, lr, 50)) for lr in (0.01, 0.2, 0.4, 0.45)}
    assert verdicts == {0.01: "crawling", 0.2: "converged", 0.4: "oscillating", 0.45: "diverged"}
    just_below = gradient_descent(s.gradient, start, 0.99 * lr_max, 2000)
    just_above = gradient_descent(s.gradient, start, 1.01 * lr_max, 2000)
    assert s.loss_at(just_below[-1]) < s.loss_at(just_below[0])
    assert describe_run(s, just_above) == "diverged"


def test_regimes_helper_orders_the_thresholds():
    regimes = split_lr_regimes(regression_surface())
    assert regimes["monotone below"] == pytest.approx(regimes["diverges above"] / 2)


def test_two_minima_start_decides_the_end():
    s = two_minima_surface()
    left = gradient_descent(s.gradient, [-1.5, 1.0], 0.05, 200)
    right = gradient_descent(s.gradient, [1.5, 1.0], 0.05, 200)
    assert describe_run(s, left) == "converged" and describe_run(s, right) == "local minimum"


def test_divergence_stops_early_and_silently():
    s = regression_surface()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(s.gradient, [0.0, 0.0], 5.0, 10_000)
        assert describe_run(s, path) == "diverged"
    assert len(path) < 10_000 and np.all(np.isfinite(path))


def test_minibatch_full_batch_equals_gradient_descent_and_small_batches_are_noisy():
    x, y = line_data()
    s = regression_surface(x, y)
    full = minibatch_path(x, y, [0.0, 0.0], 0.1, batch_size=len(x), epochs=30)
    assert np.allclose(full, gradient_descent(s.gradient, [0.0, 0.0], 0.1, 30))
    sgd = minibatch_path(x, y, [0.0, 0.0], 0.05, batch_size=1, epochs=30, seed=0)
    assert len(sgd) == 30 * len(x) + 1
    assert np.linalg.norm(sgd[-1] - s.minimum) < 0.5  # near the minimum, but jittering around it
    assert not np.allclose(sgd[-1], sgd[-2])


def test_losses():
    assert squared_error([1.0, 2.0], [1.0, 4.0]) == 2.0
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == pytest.approx(np.log(2))
    assert cross_entropy([0.9], [1.0]) < cross_entropy([0.6], [1.0])
    x, y = line_data()
    losses = slope_loss(np.linspace(0, 5, 11), x, y)
    assert losses.shape == (11,) and losses[0] == pytest.approx(np.mean(y**2))


@pytest.mark.parametrize("call, error", [
    (lambda: gradient_descent(lambda w: w, [1.0, 2.0], -0.1, 5), ValueError),
    (lambda: gradient_descent(lambda w: w, [1.0, 2.0], 0.1, 0), ValueError),
    (lambda: gradient_descent(lambda w: w, "start", 0.1, 5), TypeError),
    (lambda: squared_error([1, 2], [1, 2, 3]), ValueError),
    (lambda: cross_entropy([0.0, 1.0], [0, 1]), ValueError),
    (lambda: regression_surface([1.0], [2.0]), ValueError),
])
def test_bad_input_is_explained(call, error):
    with pytest.raises(error):
        call()


def test_minibatch_updates_continue_a_run_exactly_and_one_epoch_sees_every_sample_once():
    x, y = line_data()
    whole = minibatch_updates(x, y, [0.0, 0.0], 0.05, 3, 17)
    first = minibatch_updates(x, y, [0.0, 0.0], 0.05, 3, 8)
    rest = minibatch_updates(x, y, first[-1], 0.05, 3, 9, start=8)
    assert np.allclose(np.vstack([first, rest[1:]]), whole)
    assert np.allclose(minibatch_path(x, y, [0.0, 0.0], 0.05, 3, epochs=2), minibatch_updates(x, y, [0.0, 0.0],
                                                                                             0.05, 3, 14))
    # with lr so small that w barely moves, one epoch of B = 1 sums to one full-batch gradient step
    s = regression_surface(x, y)
    tiny = 1e-9
    sgd = minibatch_updates(x, y, [0.5, 0.5], tiny, 1, len(x))
    assert np.allclose((sgd[-1] - sgd[0]) / len(x), -tiny * s.gradient(np.array([0.5, 0.5])), rtol=1e-5)


def test_full_batch_never_goes_uphill_one_sample_often_does():
    x, y = line_data()
    s = regression_surface(x, y)
    assert uphill_fraction(s, gradient_descent(s.gradient, [-0.5, 3.5], 0.2, 50)) == 0
    assert 0.2 < uphill_fraction(s, minibatch_path(x, y, [-0.5, 3.5], 0.05, 1, epochs=10)) < 0.8
    assert uphill_fraction(s, gradient_descent(s.gradient, [-0.5, 3.5], 0.45, 20)) > 0.5  # diverging: uphill
    with pytest.raises(ValueError, match="at least two points"):
        uphill_fraction(s, [[0.0, 0.0]])


@pytest.mark.parametrize("call, error, words", [
    (lambda: minibatch_updates([1.0, 2.0], [1.0], [0, 0], 0.1, 1, 5), ValueError, "like x"),
    (lambda: minibatch_updates([1.0, 2.0], [1.0, 2.0], [0, 0], -0.1, 1, 5), ValueError, "lr must be positive"),
    (lambda: minibatch_updates([1.0, 2.0], [1.0, 2.0], [0, 0], 0.1, 0, 5), ValueError, "batch_size must be at least 1"),
    (lambda: minibatch_updates([1.0, 2.0], [1.0, 2.0], [0, 0], 0.1, 1, 5, start=-1), ValueError, "start must be"),
    (lambda: minibatch_updates("x", [1.0, 2.0], [0, 0], 0.1, 1, 5), TypeError, "x must be"),
])
def test_minibatch_bad_input_is_explained(call, error, words):
    with pytest.raises(error, match=words):
        call()
