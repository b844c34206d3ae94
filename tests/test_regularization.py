"""L1 / L2 weight penalties, the linear activation and the squared-error loss for regression, the
Trainer's test set: values by hand and every gradient against ``numerical_gradient``."""

import numpy as np
import pytest

from helpers.datasets import plane
from helpers.gradcheck import layer_gradient_errors, model_gradient_errors, numerical_gradient, rel_error
from helpers.layers import BinaryCrossEntropy, Linear, SquaredErrorLoss, mlp
from helpers.optim import SGD, penalty, penalty_grads
from helpers.train import Trainer

TOL = 1e-7  # relative error between analytic and numerical gradients (float64, h = 1e-5)
rng = np.random.default_rng(0)


def test_penalties_by_hand_leave_biases_out():
    params = {"0.W": np.array([[1.0, -2.0]]), "0.b": np.array([5.0, 5.0]), "2.W": np.array([[3.0]])}
    assert penalty(params, "L1", 0.1) == pytest.approx(0.1 * (1 + 2 + 3))
    assert penalty(params, "L2", 0.1) == pytest.approx(0.1 * (1 + 4 + 9) / 2)
    assert penalty(params, None, 0.1) == 0.0 and penalty(params, "L2", 0.0) == 0.0
    assert set(penalty_grads(params, "L1", 0.1)) == {"0.W", "2.W"}


@pytest.mark.parametrize("kind", ["L1", "L2"])
def test_penalty_gradients_match_numerical_ones(kind):
    params = {"W": rng.uniform(0.1, 1.0, (3, 4)) * rng.choice([-1, 1], (3, 4)), "b": rng.standard_normal(4)}
    grads = penalty_grads(params, kind, 0.03)
    numerical = numerical_gradient(lambda _: penalty(params, kind, 0.03), params["W"])
    assert rel_error(grads["W"], numerical) < TOL


def test_sgd_with_weight_decay_shrinks_weights_and_not_biases():
    params = {"W": np.array([2.0, -2.0]), "b": np.array([2.0])}
    zero = {"W": np.zeros(2), "b": np.zeros(1)}
    SGD(0.5, regularization="L2", reg_rate=0.1).update(params, zero)
    assert np.allclose(params["W"], [1.9, -1.9]) and params["b"][0] == 2.0
    SGD(0.5, regularization="L1", reg_rate=0.1).update(params, zero)
    assert np.allclose(params["W"], [1.85, -1.85])


def test_regularization_arguments_are_checked():
    with pytest.raises(ValueError, match="regularization must be one of"):
        SGD(0.1, regularization="L3")
    with pytest.raises(ValueError, match="reg_rate must be >= 0"):
        SGD(0.1, regularization="L2", reg_rate=-1)


def test_linear_activation_is_the_identity_with_a_checked_gradient():
    x = rng.standard_normal((4, 3))
    assert np.array_equal(Linear().forward(x), x)
    assert layer_gradient_errors(Linear(), x)["x"] < TOL


def test_squared_error_loss_is_half_the_mean_square_and_its_gradient_checks():
    loss = SquaredErrorLoss()
    y_hat, y = rng.standard_normal((6, 1)), rng.standard_normal(6)
    assert loss.forward(y_hat, y) == pytest.approx(0.5 * np.mean((y_hat[:, 0] - y) ** 2))
    assert rel_error(loss.backward(), numerical_gradient(lambda v: loss.forward(v, y), y_hat)) < TOL
    assert not hasattr(loss, "predict")  # a regression has nothing to count as right or wrong


def test_a_regression_network_with_a_linear_output_has_correct_gradients():
    X, y = plane(20, 0.1, seed=0)
    model = mlp([2, 3, 3, 1], "tanh", rng=1)  # no output activation: a linear output
    loss = SquaredErrorLoss()

    def compute():
        value = loss.forward(model.forward(X), y)
        model.backward(loss.backward())
        return value

    assert max(model_gradient_errors(compute, model).values()) < TOL


def test_trainer_learns_a_plane_records_test_loss_and_no_accuracy():
    X, y = plane(200, 0.0, seed=0)
    Xt, yt = plane(100, 0.0, seed=1)
    trainer = Trainer(mlp([2, 1], rng=0), SquaredErrorLoss(), SGD(0.1), X, y, batch_size=10, X_test=Xt, y_test=yt)
    trainer.fit(30)
    h = trainer.history
    assert len(h["loss"]) == len(h["test_loss"]) == 30 and h["accuracy"] == []
    assert h["test_loss"][-1] < 1e-3 < h["test_loss"][0]  # the plane is linear: a linear model fits it
    assert h["test_loss"][-1] == pytest.approx(trainer.test_loss())


def test_trainer_checks_the_test_set():
    X, y = plane(10, seed=0)
    with pytest.raises(ValueError, match="X_test must have shape"):
        Trainer(mlp([2, 1], rng=0), BinaryCrossEntropy(), SGD(0.1), X, y, X_test=np.zeros((3, 3)), y_test=np.zeros(3))
    with pytest.raises(ValueError, match="no test set"):
        Trainer(mlp([2, 1], rng=0), BinaryCrossEntropy(), SGD(0.1), X, y).test_loss()
