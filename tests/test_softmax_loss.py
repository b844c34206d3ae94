"""SoftmaxWithLoss and softmax: values, stability at huge scores, and the gradient against central differences."""

import warnings

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, rel_error
from helpers.layers import Affine, ReLU, Sequential, SoftmaxWithLoss, softmax
from helpers.optim import SGD
from helpers.train import Trainer

TOL = 1e-7  # largest relative error accepted between analytic and numerical gradients (float64, h = 1e-5)


def test_softmax_rows_are_probabilities_and_keep_the_order_of_scores():
    p = softmax([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    assert np.allclose(p.sum(axis=1), 1) and np.all(p > 0)
    assert np.allclose(p[1], 1 / 3) and np.all(np.diff(p[0]) > 0)
    assert np.allclose(p[0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())


def test_loss_is_minus_log_of_the_right_class_probability():
    scores = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
    y = np.array([0, 2])
    p = softmax(scores)
    expected = -np.mean(np.log([p[0, 0], p[1, 2]]))
    assert SoftmaxWithLoss().forward(scores, y) == pytest.approx(expected, rel=1e-12)


def test_uniform_scores_give_log_K():
    assert SoftmaxWithLoss().forward(np.zeros((4, 10)), [0, 3, 5, 9]) == pytest.approx(np.log(10))


def test_gradient_is_p_minus_onehot_over_N():
    rng = np.random.default_rng(0)
    scores, y = rng.standard_normal((5, 4)), np.array([0, 1, 3, 3, 2])
    loss = SoftmaxWithLoss()
    loss.forward(scores, y)
    expected = softmax(scores) - np.eye(4)[y]
    assert np.allclose(loss.backward(), expected / 5)


@pytest.mark.parametrize("scale", [0.1, 0.5, 1.0])
def test_backward_matches_numerical_gradient(scale):
    rng = np.random.default_rng(1)
    scores, y = scale * rng.standard_normal((6, 5)), rng.integers(0, 5, 6)
    loss = SoftmaxWithLoss()
    loss.forward(scores, y)
    analytic = loss.backward()
    numeric = numerical_gradient(lambda _: loss.forward(scores, y), scores)
    assert rel_error(analytic, numeric) < TOL


def test_backward_matches_numerical_gradient_for_large_scores_up_to_rounding():
    # With scores of 3 or more some probabilities fall below 1e-6 and central differences can no longer
    # resolve those entries to 1e-7 relatively. With scores ~50 the loss is ~50 and a central difference
    # carries rounding noise of about eps * 50 / h = 1e-9, so tiny entries (1e-40 ... 1e-10) are matched
    # absolutely (atol 1e-8) and the rest relatively (rtol 1e-6).
    rng = np.random.default_rng(1)
    scores, y = 50 * rng.standard_normal((6, 5)), rng.integers(0, 5, 6)
    loss = SoftmaxWithLoss()
    loss.forward(scores, y)
    analytic = loss.backward()
    numeric = numerical_gradient(lambda _: loss.forward(scores, y), scores)
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


def test_whole_network_gradient_through_softmax_loss():
    rng = np.random.default_rng(2)
    model = Sequential([Affine(4, 6, rng=0), ReLU(), Affine(6, 3, rng=1)])
    X, y = rng.standard_normal((7, 4)), rng.integers(0, 3, 7)
    loss = SoftmaxWithLoss()
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    for name, param in model.params.items():
        analytic = model.grads[name].copy()
        numeric = numerical_gradient(lambda _: loss.forward(model.forward(X), y), param)
        assert rel_error(analytic, numeric) < TOL, name


def test_huge_scores_stay_finite_and_silent():
    scores = np.array([[1e4, 0.0, -1e4], [-1e150, 1e150, 0.0], [800.0, 800.0, 800.0]])
    y = np.array([0, 0, 1])
    loss = SoftmaxWithLoss()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = loss.forward(scores, y)
        grad = loss.backward()
        p = softmax(scores)
    assert np.isfinite(value) and np.all(np.isfinite(grad)) and np.all(np.isfinite(p))
    # row 0: certain and right (no gradient); row 1: certain and wrong (loss = the score gap 2e150);
    # row 2: equal huge scores, a uniform guess
    assert grad[0].tolist() == [0.0, 0.0, 0.0] and np.allclose(p[2], 1 / 3)
    assert value == pytest.approx(2e150 / 3 + np.log(3) / 3)


def test_certain_and_right_gives_zero_loss_certain_and_wrong_gives_the_score_gap():
    loss = SoftmaxWithLoss()
    assert loss.forward([[1e4, 0.0]], [0]) == 0.0
    assert loss.forward([[1e4, 0.0]], [1]) == pytest.approx(1e4)


def test_backward_does_not_change_its_own_state():
    loss = SoftmaxWithLoss()
    loss.forward([[1.0, 2.0], [3.0, 0.0]], [1, 0])
    first, second = loss.backward(), loss.backward()
    assert np.array_equal(first, second)


def test_predict_is_argmax_and_probability_is_softmax():
    scores = np.array([[0.1, 3.0, -1.0], [5.0, 0.0, 0.0]])
    assert SoftmaxWithLoss.predict(scores).tolist() == [1, 0]
    assert np.allclose(SoftmaxWithLoss.probability(scores), softmax(scores))


@pytest.mark.parametrize("y, message", [
    ([0, 1, 2], "one label per row"),
    ([0, 5], "class numbers 0 .. 2"),
    ([0.5, 1], "whole class numbers"),
    ([-1, 0], "class numbers"),
])
def test_bad_labels_are_explained(y, message):
    with pytest.raises(ValueError, match=message):
        SoftmaxWithLoss().forward(np.zeros((2, 3)), y)


def test_bad_scores_are_explained():
    with pytest.raises(ValueError, match="2-dimensional"):
        SoftmaxWithLoss().forward(np.zeros(3), [0])
    with pytest.raises(TypeError):
        SoftmaxWithLoss().forward("scores", [0])
    with pytest.raises(RuntimeError, match="forward before backward"):
        SoftmaxWithLoss().backward()


def test_trainer_learns_three_blobs_with_softmax_loss():
    rng = np.random.default_rng(3)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    y = np.repeat(np.arange(3), 30)
    X = centres[y] + 0.4 * rng.standard_normal((90, 2))
    model = Sequential([Affine(2, 8, rng=0), ReLU(), Affine(8, 3, rng=1)])
    trainer = Trainer(model, SoftmaxWithLoss(), SGD(lr=0.5), X, y, batch_size=10)
    history = trainer.fit(30)
    assert history["loss"][-1] < 0.1 * history["loss"][0] and trainer.accuracy() == 1.0
