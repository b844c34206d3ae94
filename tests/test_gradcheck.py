"""The numerical gradient is the reference for every backward pass, so it is tested on known functions."""

import numpy as np
import pytest

from helpers.gradcheck import model_gradient_errors, numerical_gradient, rel_error
from helpers.layers import MSELoss, mlp


def test_numerical_gradient_of_a_quadratic_is_exact_to_rounding():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([0.5, -1.5])
    grad = numerical_gradient(lambda v: 0.5 * v @ A @ v, x)
    assert rel_error(grad, A @ x) < 1e-9


def test_numerical_gradient_works_on_any_shape_and_restores_x():
    x = np.arange(6, dtype=float).reshape(2, 3) / 10
    before = x.copy()
    grad = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert grad.shape == (2, 3)
    assert rel_error(grad, np.cos(before)) < 1e-9
    assert np.array_equal(x, before)


def test_numerical_gradient_needs_a_float64_array():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: v.sum(), np.arange(3))
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: 0.0, [1.0, 2.0])


def test_rel_error():
    assert rel_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert rel_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    assert rel_error([0.0], [0.0]) == 0.0
    with pytest.raises(ValueError, match="same shape"):
        rel_error([1.0, 2.0], [1.0])


def test_model_gradient_errors_checks_every_parameter_of_a_network():
    rng = np.random.default_rng(0)
    model, loss = mlp([2, 3, 1], "tanh", rng=0), MSELoss()
    X, y = rng.standard_normal((5, 2)), rng.standard_normal((5, 1))

    def compute_loss():
        value = loss.forward(model.forward(X), y)
        model.backward(loss.backward())
        return value

    errors = model_gradient_errors(compute_loss, model)
    assert set(errors) == set(model.params) and max(errors.values()) < 1e-7
