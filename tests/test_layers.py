"""Layers: shapes, values, and every backward pass against central differences (float64, rel error < 1e-7)."""

import warnings

import numpy as np
import pytest

from helpers.gradcheck import layer_gradient_errors, numerical_gradient, rel_error
from helpers.layers import (
    ACTIVATION_LAYERS,
    Affine,
    BinaryCrossEntropy,
    MSELoss,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
    mlp,
)

TOL = 1e-7  # largest relative error accepted between analytic and numerical gradients (float64, h = 1e-5)
rng = np.random.default_rng(0)


def test_affine_forward_is_x_at_W_plus_b():
    layer = Affine(3, 2, rng=0)
    layer.params["W"][...] = [[1, 0], [0, 1], [1, 1]]
    layer.params["b"][...] = [0.5, -0.5]
    out = layer.forward([[1.0, 2.0, 3.0]])
    assert out.shape == (1, 2) and out.tolist() == [[4.5, 4.5]]


def test_affine_starts_with_small_random_weights_and_zero_bias():
    layer = Affine(4, 3, rng=1)
    assert layer.params["W"].shape == (4, 3) and layer.params["b"].tolist() == [0, 0, 0]
    assert 0.1 < layer.params["W"].std() < 1.0
    assert np.array_equal(Affine(4, 3, rng=1).params["W"], layer.params["W"])  # same seed, same start


@pytest.mark.parametrize("make", [lambda: Affine(3, 4, rng=0), Sigmoid, Tanh, ReLU],
                         ids=["Affine", "Sigmoid", "Tanh", "ReLU"])
def test_backward_matches_numerical_gradient(make):
    x = rng.standard_normal((5, 3))
    x[np.abs(x) < 1e-3] = 0.5  # keep ReLU inputs away from the kink, where the derivative jumps
    errors = layer_gradient_errors(make(), x)
    assert set(errors) == ({"x", "W", "b"} if isinstance(make(), Affine) else {"x"})
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("layer", [Affine(3, 4, rng=0), Sigmoid(), Tanh(), ReLU()], ids=repr)
def test_backward_never_changes_dout_in_place(layer):
    x = rng.standard_normal((5, 3))
    out = layer.forward(x)
    dout = rng.standard_normal(out.shape)
    kept = dout.copy()
    layer.backward(dout)
    assert np.array_equal(dout, kept)


def test_activations_stay_finite_and_silent_at_extremes():
    x = np.array([[-1e4, -50.0, 0.0, 50.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Sigmoid().forward(x).tolist() == [[0.0, pytest.approx(0.0), 0.5, pytest.approx(1.0), 1.0]]
        assert Tanh().forward(x).tolist() == [[-1.0, -1.0, 0.0, 1.0, 1.0]]
        assert ReLU().forward(x).tolist() == [[0.0, 0.0, 0.0, 50.0, 1e4]]
        loss = BinaryCrossEntropy()
        assert loss.forward(np.array([[1e4], [-1e4]]), [0, 1]) == pytest.approx(1e4)
        assert np.all(np.isfinite(loss.backward()))


def test_mse_loss_value_and_gradient():
    loss = MSELoss()
    y_hat = rng.uniform(size=(6, 1))
    y = np.array([0, 1, 1, 0, 1, 0])
    assert loss.forward(y_hat, y) == pytest.approx(np.mean((y_hat[:, 0] - y) ** 2))
    d = loss.backward()
    assert d.shape == (6, 1)
    assert rel_error(d, numerical_gradient(lambda v: loss.forward(v, y), y_hat)) < TOL
    assert loss.predict(np.array([[0.2], [0.7]])).tolist() == [0, 1]


def test_binary_cross_entropy_value_and_gradient():
    loss = BinaryCrossEntropy()
    scores = rng.standard_normal((6, 1)) * 3
    y = np.array([0, 1, 1, 0, 1, 0])
    p = 1 / (1 + np.exp(-scores[:, 0]))
    assert loss.forward(scores, y) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    assert rel_error(loss.backward(), numerical_gradient(lambda v: loss.forward(v, y), scores)) < TOL
    assert loss.forward(np.zeros((4, 1)), [0, 1, 1, 0]) == pytest.approx(np.log(2))  # knowing nothing
    assert loss.predict(np.array([[-0.1], [0.1]])).tolist() == [0, 1]


@pytest.mark.parametrize("activation", sorted(set(ACTIVATION_LAYERS) - {"step"}))  # step: see below
def test_sequential_end_to_end_gradient(activation):
    X = rng.standard_normal((7, 2))
    y = (rng.uniform(size=7) > 0.5).astype(int)
    model = mlp([2, 4, 3, 1], activation, rng=3)
    loss = BinaryCrossEntropy()
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    analytic = {k: v.copy() for k, v in model.grads.items()}
    assert sorted(analytic) == ["0.W", "0.b", "2.W", "2.b", "4.W", "4.b"]
    for key, param in model.params.items():
        numeric = numerical_gradient(lambda _: loss.forward(model.forward(X), y), param)
        assert rel_error(analytic[key], numeric) < TOL, key


@pytest.mark.parametrize("model", [mlp([2, 4, 3, 1], "relu", rng=4), Sequential([Affine(2, 1, rng=5)])],
                         ids=["mlp", "one Affine"])
def test_backward_without_dx_gives_the_numerical_parameter_gradients_and_no_dx(model):
    """``dx=False`` (what a training step asks for) leaves out only the input's gradient."""
    X = rng.standard_normal((6, 2))
    y = np.array([0, 1, 1, 0, 1, 0])
    loss = BinaryCrossEntropy()
    loss.forward(model.forward(X), y)
    assert model.backward(loss.backward(), dx=False) is None
    analytic = {k: v.copy() for k, v in model.grads.items()}
    for key, param in model.params.items():
        numeric = numerical_gradient(lambda _: loss.forward(model.forward(X), y), param)
        assert rel_error(analytic[key], numeric) < TOL, key
    first = model.layers[0]
    assert first.backward(np.ones((6, first.n_out)), dx=False) is None
    assert first.backward(np.ones((6, first.n_out))).shape == (6, 2)


def test_sequential_params_are_the_layers_own_arrays():
    model = Sequential([Affine(2, 3, rng=0), Tanh(), Affine(3, 1, rng=1)])
    model.params["0.W"] += 1.0
    assert model.layers[0].params["W"] is model.params["0.W"]
    assert repr(model) == "Sequential([Affine(2, 3), Tanh(), Affine(3, 1)])"


def test_mlp_builds_the_layers_it_is_asked_for():
    model = mlp([2, 2, 1], "sigmoid", rng=0, output_activation="sigmoid")
    assert [type(layer).__name__ for layer in model.layers] == ["Affine", "Sigmoid", "Affine", "Sigmoid"]
    assert model.forward(np.zeros((4, 2))).shape == (4, 1)


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match=r"shape \(N, 3\)"):
        Affine(3, 2).forward(np.zeros((4, 2)))
    with pytest.raises(TypeError, match="real numbers"):
        Affine(2, 1).forward([["a", "b"]])
    with pytest.raises(ValueError, match="at least 1"):
        Affine(0, 2)
    with pytest.raises(ValueError, match="one of tanh, sigmoid, relu"):
        mlp([2, 2, 1], "swish")
    with pytest.raises(ValueError, match="y must have shape"):
        BinaryCrossEntropy().forward(np.zeros((4, 1)), [0, 1, 1])
    with pytest.raises(TypeError, match="forward and backward"):
        Sequential([Affine(2, 2), "relu"])
    with pytest.raises(RuntimeError, match="forward before backward"):
        Affine(2, 2).backward(np.zeros((1, 2)))


def test_step_is_the_perceptrons_threshold_and_passes_no_gradient():
    from helpers.gradcheck import layer_gradient_errors
    from helpers.layers import Step

    x = rng.uniform(0.1, 2.0, (5, 3)) * rng.choice([-1, 1], (5, 3))  # away from the jump at 0
    assert np.array_equal(Step().forward(x), (x > 0).astype(float))
    assert layer_gradient_errors(Step(), x)["x"] == 0.0  # both gradients are exactly 0 there
