"""Activation functions: values, derivatives against central differences, stability, clear errors.

The finite-difference helper is local to this file on purpose (it is the reference, kept tiny).
Tolerances: central differences in float64 with h = 1e-6 have an error of about h^2 |f'''| + eps |f| / h,
so analytic and numerical derivatives agree to a relative error below 1e-6 away from kinks; kinks
(x = 0 for the ReLU family, x = threshold for step) are excluded from the grid.
"""

import warnings

import numpy as np
import pytest

from helpers.activations import (
    ACTIVATIONS,
    SELU_ALPHA,
    SELU_LAMBDA,
    elu,
    elu_grad,
    identity,
    identity_grad,
    leaky_relu,
    leaky_relu_grad,
    log_sigmoid,
    log_sigmoid_grad,
    log_softmax,
    maxout,
    maxout_grad,
    prelu,
    prelu_grad,
    prelu_grad_alpha,
    relu,
    relu_grad,
    selu,
    selu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_grad,
    step,
    step_grad,
    swish,
    swish_grad,
    tanh,
    tanh_grad,
)

TOL = 1e-6  # max relative error between an analytic derivative and central differences
H = 1e-6


def numerical_derivative(f, x, h=H):
    """Elementwise central difference ``(f(x + h) - f(x - h)) / 2h`` of an elementwise function."""
    x = np.asarray(x, dtype=np.float64)
    return (np.asarray(f(x + h)) - np.asarray(f(x - h))) / (2 * h)


def numerical_jacobian(f, x, h=H):
    """``J[i, j] = d f(x)_i / d x_j`` for a vector function of a 1-D ``x``, by central differences."""
    x = np.asarray(x, dtype=np.float64)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h))
    return np.stack(cols, axis=-1)


def rel_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


# Points away from every kink (0 and the default thresholds), both signs, tails included.
GRID = np.concatenate([np.linspace(-8, -0.01, 97), np.linspace(0.013, 8, 97), [-30.0, -15.0, 15.0, 30.0]])

ELEMENTWISE = [(step, step_grad, {}), (step, step_grad, {"threshold": 0.7}), (identity, identity_grad, {}),
               (sigmoid, sigmoid_grad, {}), (tanh, tanh_grad, {}), (relu, relu_grad, {}),
               (leaky_relu, leaky_relu_grad, {}), (leaky_relu, leaky_relu_grad, {"alpha": 0.3}),
               (prelu, prelu_grad, {}), (prelu, prelu_grad, {"alpha": -0.4}),
               (elu, elu_grad, {}), (elu, elu_grad, {"alpha": 2.5}), (selu, selu_grad, {}),
               (selu, selu_grad, {"alpha": 1.0, "lam": 1.3}),
               (swish, swish_grad, {}), (swish, swish_grad, {"beta": 0.0}), (swish, swish_grad, {"beta": 3.0}),
               (log_sigmoid, log_sigmoid_grad, {})]


@pytest.mark.parametrize("f, grad, kw", ELEMENTWISE, ids=lambda v: getattr(v, "__name__", str(v)))
def test_every_elementwise_derivative_matches_central_differences(f, grad, kw):
    grid = GRID[np.abs(GRID - kw.get("threshold", 0.0)) > 1e-3]
    analytic = grad(grid, **kw)
    numeric = numerical_derivative(lambda x: f(x, **kw), grid)
    assert np.asarray(analytic).shape == grid.shape
    assert np.allclose(analytic, numeric, rtol=TOL, atol=1e-9)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_registry_view_derivative_matches_central_differences(name):
    act = ACTIVATIONS[name]
    settings = [{}] + [{p: d + 0.37} for p, d in act.params.items()] + [{p: -0.2 for p in act.params}]
    for named in settings:
        kink = act.values(**named)[0] if name == "step" else 0.0
        grid = GRID[np.abs(GRID - kink) > 1e-3]
        numeric = numerical_derivative(lambda x, kw=named: act(x, **kw), grid)
        assert np.allclose(act.derivative(grid, **named), numeric, rtol=TOL, atol=1e-9), (name, named)


def test_the_registry_holds_the_twelve_in_order():
    assert list(ACTIVATIONS) == ["step", "identity", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu",
                                 "selu", "swish", "maxout", "softmax"]
    assert ACTIVATIONS["relu"].f is relu and ACTIVATIONS["relu"].grad is relu_grad
    assert [n for n, a in ACTIVATIONS.items() if not a.elementwise] == ["maxout", "softmax"]


def test_prelu_gradient_with_respect_to_alpha_matches_central_differences():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 3))
    dout = rng.normal(size=(5, 3))
    for alpha in (0.25, np.array([0.1, -0.2, 0.3]), np.array([[0.1], [0.2], [0.3], [0.4], [0.5]])):
        alpha = np.asarray(alpha, dtype=np.float64)
        numeric = np.zeros(alpha.shape)
        for idx in np.ndindex(alpha.shape):
            e = np.zeros(alpha.shape)
            e[idx] = H
            numeric[idx] = (np.sum(dout * prelu(x, alpha + e)) - np.sum(dout * prelu(x, alpha - e))) / (2 * H)
        analytic = prelu_grad_alpha(x, alpha if alpha.ndim else float(alpha), dout)
        assert np.shape(analytic) == alpha.shape
        assert rel_error(analytic, numeric) < TOL


def test_prelu_alpha_gradient_is_zero_for_positive_inputs_and_x_for_negative():
    assert prelu_grad_alpha([2.0], 0.25) == 0.0
    assert prelu_grad_alpha([-3.0], 0.25) == -3.0


def test_softmax_jacobian_matches_central_differences():
    rng = np.random.default_rng(1)
    for x in (rng.normal(size=4), np.array([3.0, -2.0, 0.5]), np.array([50.0, 49.0, -10.0])):
        assert rel_error(softmax_grad(x), numerical_jacobian(softmax, x)) < 1e-5
    batch = rng.normal(size=(2, 3))
    J = softmax_grad(batch)
    assert J.shape == (2, 3, 3)
    assert np.allclose(J[1], numerical_jacobian(softmax, batch[1]), atol=1e-8)
    assert np.allclose(softmax_grad(batch.T, axis=0), J)  # the axis is honoured


def test_maxout_gradient_routes_to_the_winning_piece():
    rng = np.random.default_rng(2)
    z = rng.normal(size=(4, 3))
    numeric = np.stack([numerical_jacobian(maxout, row)[0] for row in z])
    assert np.allclose(maxout_grad(z), numeric, atol=1e-8)
    assert maxout_grad(z).sum(axis=1).tolist() == [1.0] * 4
    assert np.allclose(maxout(z.T, axis=0), z.max(axis=1))


def test_maxout_with_two_pieces_is_relu_leaky_relu_abs_and_identity():
    x = np.linspace(-3, 3, 13)
    view = ACTIVATIONS["maxout"]
    assert np.allclose(view(x, 0.0), relu(x))
    assert np.allclose(view(x, 0.1), leaky_relu(x, 0.1))
    assert np.allclose(view(x, -1.0), np.abs(x))
    assert np.allclose(view(x, 1.0), x)


def test_known_values():
    assert sigmoid(0) == 0.5 and sigmoid(-1000) == 0.0 and sigmoid(1000) == 1.0
    assert sigmoid_grad(0) == 0.25 and tanh_grad(0) == 1.0
    assert softmax([1000, 1000]).tolist() == [0.5, 0.5]
    assert step([-1, 0, 0.5, 2], threshold=0.5).tolist() == [0, 0, 0, 1]
    assert relu([-2, 0, 3]).tolist() == [0, 0, 3] and leaky_relu(-2.0) == -0.02
    assert np.isclose(elu(-50.0), -1.0) and np.isclose(selu(-50.0), -SELU_LAMBDA * SELU_ALPHA)
    assert np.isclose(swish(1.0), sigmoid(1.0)) and swish(2.0, beta=0.0) == 1.0


def test_identities_the_notebook_uses():
    x = np.linspace(-5, 5, 101)
    assert np.allclose(tanh(x), 2 * sigmoid(2 * x) - 1)
    assert np.allclose(sigmoid_grad(x), sigmoid(x) * (1 - sigmoid(x)))
    assert np.allclose(tanh_grad(x), 1 - tanh(x) ** 2)
    assert np.allclose(4 * sigmoid(2 * x) * (1 - sigmoid(2 * x)), tanh_grad(x))  # exercise 4's solution
    assert np.allclose(ACTIVATIONS["softmax"](x), sigmoid(x))  # two-class softmax is a sigmoid
    assert np.allclose(log_softmax([[1.0, 2.0, 3.0]]), np.log(softmax([[1.0, 2.0, 3.0]])))


def test_selu_keeps_mean_zero_and_variance_one_for_standard_normal_input():
    z = np.linspace(-12, 12, 200_001)
    pdf = np.exp(-z**2 / 2) / np.sqrt(2 * np.pi)
    y = selu(z)
    mean = np.sum(y * pdf) * (z[1] - z[0])
    var = np.sum((y - mean) ** 2 * pdf) * (z[1] - z[0])
    assert abs(mean) < 1e-6 and abs(var - 1) < 1e-6


def test_softmax_outputs_are_probabilities_along_the_axis():
    x = np.random.default_rng(3).normal(size=(3, 4)) * 10
    for axis in (0, 1, -1):
        s = softmax(x, axis=axis)
        assert s.shape == x.shape and np.all(s > 0) and np.allclose(s.sum(axis=axis), 1)
    assert np.allclose(softmax(x + 123.0), softmax(x))  # shift invariance, the trick behind stability


EXTREMES = np.array([-1e4, -1e3, -745.0, -710.0, -50.0, -1e-300, 0.0, 1e-300, 50.0, 710.0, 745.0, 1e3, 1e4])


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_stable_at_extremes_no_warning_no_nan(name):
    act = ACTIVATIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            for value in (None, 0.0, 3.0, -2.0):
                named = {p: value for p in act.params}
                assert np.all(np.isfinite(act(EXTREMES, **named)))
                assert np.all(np.isfinite(act.derivative(EXTREMES, **named)))


def test_vector_functions_and_logs_are_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            big = np.array([[1e4, -1e4, 0.0], [1000.0, 1000.0, -1000.0]])
            assert np.all(np.isfinite(softmax(big))) and np.all(np.isfinite(softmax_grad(big)))
            assert np.allclose(softmax(big)[1], [0.5, 0.5, 0.0])
            assert np.all(np.isfinite(log_softmax(big))) and log_softmax(big)[0, 1] == -2e4
            assert log_sigmoid(-1e4) == -1e4 and log_sigmoid(1e4) == 0.0
            assert np.all(np.isfinite(maxout(big))) and np.all(np.isfinite(maxout_grad(big)))
            assert np.all(np.isfinite(prelu_grad_alpha(EXTREMES, 0.25)))


def test_shapes_and_scalars():
    assert isinstance(relu(-1), float) and isinstance(sigmoid_grad(3), float)
    x = np.zeros((2, 3, 4))
    for name, act in ACTIVATIONS.items():
        if act.elementwise:
            assert np.shape(act.f(x)) == x.shape and np.shape(act.grad(x)) == x.shape, name
    assert maxout(x).shape == (2, 3) and maxout_grad(x).shape == x.shape
    assert softmax(x, axis=1).shape == x.shape and softmax_grad(x, axis=1).shape == (2, 4, 3, 3)


def test_inputs_are_not_changed_in_place():
    x = np.array([-2.0, 0.5, 3.0])
    before = x.copy()
    for act in ACTIVATIONS.values():
        act(x)
        act.derivative(x)
    identity(x)[0] = 99.0
    assert np.array_equal(x, before)


@pytest.mark.parametrize("bad, error, words", [
    ("1.0", TypeError, "must be a number"),
    (None, TypeError, "must be a number"),
    ([1.0, float("nan")], ValueError, "NaN"),
    ([[1.0, 2.0], [3.0]], ValueError, "rectangular"),
    (np.array(["a"]), TypeError, "real numbers"),
])
def test_bad_input_gets_a_clear_error(bad, error, words):
    with pytest.raises(error, match=words):
        relu(bad)


def test_bad_parameters_get_a_clear_error():
    with pytest.raises(TypeError, match="alpha must be a real number"):
        leaky_relu([1.0], alpha="0.1")
    with pytest.raises(ValueError, match="beta must be finite"):
        swish([1.0], beta=float("inf"))
    with pytest.raises(ValueError, match="does not broadcast"):
        prelu(np.zeros((2, 3)), np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match="out of range"):
        softmax([1.0, 2.0], axis=1)
    with pytest.raises(ValueError, match="at least one dimension"):
        softmax(3.0)
    with pytest.raises(TypeError, match="axis must be an integer"):
        maxout([1.0, 2.0], axis=0.5)
    with pytest.raises(TypeError, match="relu takes 0 parameter"):
        ACTIVATIONS["relu"](1.0, 0.5)
    with pytest.raises(TypeError, match="selu has no parameter beta; its parameters are alpha, lam"):
        ACTIVATIONS["selu"](1.0, beta=0.5)
    with pytest.raises(TypeError, match="lam must be a real number"):
        selu([1.0], lam="1")
    with pytest.raises(ValueError, match="dout must have the shape"):
        prelu_grad_alpha([1.0, -1.0], 0.2, dout=[1.0])


def test_registry_parameters_by_position_by_name_or_default():
    selu_view = ACTIVATIONS["selu"]
    assert selu_view.params == {"alpha": SELU_ALPHA, "lam": SELU_LAMBDA}
    assert selu_view.values() == (SELU_ALPHA, SELU_LAMBDA) == selu_view.values(None, None)
    assert selu_view.values(1.0) == (1.0, SELU_LAMBDA) and selu_view.values(lam=2.0) == (SELU_ALPHA, 2.0)
    assert ACTIVATIONS["relu"].values(None) == ()
    assert selu_view(-1.0, alpha=1.0, lam=1.0) == pytest.approx(elu(-1.0))


def test_selu_with_moved_constants_matches_the_numerical_gradient():
    from helpers.gradcheck import numerical_gradient, rel_error

    x = np.array([-2.0, -0.7, 0.4, 1.5])
    for alpha, lam in ((SELU_ALPHA, SELU_LAMBDA), (1.0, 1.3), (2.5, 0.8)):
        numeric = numerical_gradient(lambda v, a=alpha, s=lam: np.sum(selu(v, a, s)), x.copy())
        assert rel_error(selu_grad(x, alpha, lam), numeric) < 1e-8  # tolerance of helpers.gradcheck at h = 1e-5
