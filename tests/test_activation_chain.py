"""The depth panel's math: the gradient through L one-unit layers u_l = w·f(u_{l-1}), checked and measured."""

import numpy as np
import pytest

from helpers.activation_chain import chain_gradients, chain_summary
from helpers.activations import ACTIVATIONS
from helpers.gradcheck import numerical_gradient, rel_error


def run_chain(name, u0, weight, depth):
    u = u0
    for _ in range(depth):
        u = weight * np.asarray(ACTIVATIONS[name](u))
    return u


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "swish", "softmax"])
def test_chain_gradient_matches_the_numerical_gradient(name):
    u0 = np.array([-1.3, -0.4, 0.6, 1.7])  # away from the kinks at 0
    for weight in (0.8, 1.0, 1.4):
        grads = chain_gradients(name, u0, weight, 6)
        for depth in (1, 3, 6):
            numeric = numerical_gradient(lambda u, d=depth, w=weight: np.sum(run_chain(name, u, w, d)), u0.copy())
            # h = 1e-5 in float64: relative error below 1e-6, or below 1e-9 absolute for a vanished gradient
            assert rel_error(grads[depth - 1], numeric) < 1e-6 or np.allclose(grads[depth - 1], numeric, atol=1e-9), \
                (name, weight, depth)


def test_sigmoid_vanishes_relu_stays_relu_with_large_weights_explodes():
    u0 = np.array([0.5])
    at_10 = {key: chain_gradients(name, u0, w, 10)[9, 0] for key, (name, w) in {
        "sigmoid": ("sigmoid", 1.0), "relu": ("relu", 1.0), "relu w=1.5": ("relu", 1.5)}.items()}
    assert 1e-8 < at_10["sigmoid"] < 1e-5          # vanished: far below 1, yet not zero
    assert at_10["relu"] == 1.0                     # neither vanishes nor explodes on an active path
    assert 50 < at_10["relu w=1.5"] < 60            # 1.5^10 = 57.7: exploded
    assert at_10["relu w=1.5"] == pytest.approx(1.5**10)


def test_a_negative_input_kills_the_relu_path_for_good():
    grads = chain_gradients("relu", np.array([-0.5, 0.5]), 2.0, 5)
    assert np.all(grads[:, 0] == 0) and np.allclose(grads[:, 1], 2.0 ** np.arange(1, 6))


def test_summary_is_the_median_over_live_paths_and_the_dead_fraction():
    grads = np.array([[0.0, 2.0, 4.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    s = chain_summary(grads)
    assert s["median"][0] == 3.0 and np.isnan(s["median"][1])
    assert s["zero"].tolist() == [0.5, 1.0]


def test_chain_parameters_and_bad_input():
    leaky = chain_gradients("leaky_relu", np.array([-1.0]), 1.0, 3, 0.1)
    assert np.allclose(leaky[:, 0], [0.1, 0.01, 0.001])  # u = -0.1, -0.01, -0.001: a factor 0.1 per layer
    with pytest.raises(ValueError, match="name must be one of"):
        chain_gradients("gelu", [1.0])
    with pytest.raises(ValueError, match="depth must be at least 1"):
        chain_gradients("relu", [1.0], depth=0)
    with pytest.raises(TypeError, match="weight must be a real number"):
        chain_gradients("relu", [1.0], weight="2")
