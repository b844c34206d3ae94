"""Property-based tests (Hypothesis): every layer and loss, on random shapes and values.

For each: forward and backward shapes agree, the analytic gradients match central differences
(``np.allclose(rtol=1e-5, atol=1e-7)``, float64, h = 1e-5, on values in [-3, 3]), and finite inputs up to
|x| = 1e4 give finite outputs and gradients. Then the bad-input kinds of the API probe, drawn at random: NaN or
inf at any position of any array argument, and array arguments of a wrong shape, fail with a clear error.
The example counts are bounded and the runs derandomised by the "ci" profile (tests/conftest.py).
"""

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from probe import probe_call
from probe_registry import REGISTRY

from helpers.gradcheck import numerical_gradient
from helpers.layers import (
    Affine,
    BatchNorm,
    BinaryCrossEntropy,
    MSELoss,
    ReLU,
    Sigmoid,
    SoftmaxWithLoss,
    Tanh,
    mlp,
)
from helpers.rnn import RNN, Readout

RTOL, ATOL = 1e-5, 1e-7
sizes = st.integers(1, 5)
seeds = st.integers(0, 2**16)


def values(shape, bound=3.0, away_from_zero=False):
    """Float64 arrays of ``shape`` with entries in [-bound, bound] (kept 0.01 from 0 for ReLU's kink)."""
    elements = st.floats(-bound, bound, allow_nan=False, width=64)
    if away_from_zero:
        elements = elements.filter(lambda v: abs(v) > 1e-2)
    return arrays(np.float64, shape, elements=elements)


@st.composite
def layer_and_input(draw, bound=3.0):
    """One of the vector layers with an input batch (N, D) it accepts."""
    n, d, k = draw(sizes), draw(sizes), draw(sizes)
    kind = draw(st.sampled_from(["Affine", "Sigmoid", "Tanh", "ReLU", "mlp", "BatchNorm"]))
    make = {"Affine": lambda: Affine(d, k, rng=draw(seeds)), "Sigmoid": Sigmoid, "Tanh": Tanh, "ReLU": ReLU,
            "mlp": lambda: mlp([d, k, 2], "tanh", rng=draw(seeds)), "BatchNorm": lambda: BatchNorm(d)}[kind]
    x = draw(values((n + (kind == "BatchNorm"), d), bound, away_from_zero=kind == "ReLU"))
    return kind, make(), x


def _grads_agree(analytic, f, x):
    return np.allclose(analytic, numerical_gradient(f, x), rtol=RTOL, atol=ATOL)


@given(layer_and_input())
def test_layer_backward_has_the_shapes_of_forward_and_matches_numerical_gradients(case):
    kind, layer, x = case
    if kind == "BatchNorm":  # a feature almost constant over the batch makes x_hat too steep for central differences
        assume(x.std(axis=0).min() > 0.1)
    out = layer.forward(x)
    dout = np.random.default_rng(0).standard_normal(out.shape)
    dx = layer.backward(dout)
    assert dx.shape == x.shape and out.shape[0] == x.shape[0]
    assert {k: g.shape for k, g in layer.grads.items()} == {k: p.shape for k, p in layer.params.items()}
    analytic = {"x": dx, **{k: g.copy() for k, g in layer.grads.items()}}

    def f(_):
        return float(np.sum(layer.forward(x) * dout))

    assert _grads_agree(analytic["x"], f, x)
    for name, param in layer.params.items():
        assert _grads_agree(analytic[name], f, param), name


@given(layer_and_input(bound=1e4))
def test_layer_outputs_and_gradients_are_finite_for_inputs_up_to_1e4(case):
    _, layer, x = case
    out = layer.forward(x)
    dx = layer.backward(np.ones_like(out))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(dx))
    assert all(np.all(np.isfinite(g)) for g in layer.grads.values())


@st.composite
def loss_and_scores(draw, bound=3.0):
    """A loss, scores (N, K) and labels it accepts."""
    n = draw(sizes)
    kind = draw(st.sampled_from(["MSELoss", "BinaryCrossEntropy", "SoftmaxWithLoss"]))
    k = draw(st.integers(2, 5)) if kind == "SoftmaxWithLoss" else 1
    scores = draw(values((n, k), bound))
    if kind == "MSELoss":
        y = draw(values((n, 1), bound))
    elif kind == "BinaryCrossEntropy":
        y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)), dtype=float)
    else:
        y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return {"MSELoss": MSELoss, "BinaryCrossEntropy": BinaryCrossEntropy, "SoftmaxWithLoss": SoftmaxWithLoss}[kind](), \
        scores, y


@given(loss_and_scores())
def test_loss_gradient_has_the_shape_of_the_scores_and_matches_numerical_gradients(case):
    loss, scores, y = case
    value = loss.forward(scores, y)
    dscores = loss.backward()
    assert isinstance(value, float) and dscores.shape == scores.shape
    assert _grads_agree(dscores, lambda _: loss.forward(scores, y), scores)


@given(loss_and_scores(bound=1e4))
def test_loss_and_gradient_are_finite_for_scores_up_to_1e4(case):
    loss, scores, y = case
    assert np.isfinite(loss.forward(scores, y)) and np.all(np.isfinite(loss.backward()))


@st.composite
def rnn_and_sequence(draw, bound=3.0):
    T, N, D, H = draw(st.integers(1, 4)), draw(sizes), draw(sizes), draw(st.integers(1, 4))
    rnn = RNN(D, H, bidirectional=draw(st.booleans()), nonlinearity=draw(st.sampled_from(["tanh", "relu"])),
              seed=draw(seeds))
    return rnn, draw(values((T, N, D), bound)), draw(values((rnn.num_directions, N, H), bound))


@settings(max_examples=15)
@given(rnn_and_sequence())
def test_rnn_bptt_has_the_shapes_of_forward_and_matches_numerical_gradients(case):
    rnn, xs, h0 = case
    out, h_n = rnn.forward(xs, h0)
    rng = np.random.default_rng(0)
    dout, dh_n = rng.standard_normal(out.shape), rng.standard_normal(h_n.shape)
    dxs = rnn.backward(dout, dh_n)
    T, N, _ = xs.shape
    assert out.shape == (T, N, rnn.num_directions * rnn.hidden_size) and h_n.shape == h0.shape
    assert dxs.shape == xs.shape and rnn.dh0.shape == h0.shape
    analytic = {"xs": dxs, "h0": rnn.dh0.copy(), **{k: g.copy() for k, g in rnn.grads.items()}}

    def f(_):
        o, h = rnn.forward(xs, h0)
        return float(np.sum(o * dout) + np.sum(h * dh_n))

    pre = xs @ rnn.params["Wx"]  # ReLU's kink: skip draws with a pre-activation right at 0
    assume(rnn.nonlinearity == "tanh" or np.abs(pre).min() > 1e-3)
    for name, array in {"xs": xs, "h0": h0, **rnn.params}.items():
        assert _grads_agree(analytic[name], f, array), name


@settings(max_examples=15)
@given(rnn_and_sequence(bound=1e4))
def test_rnn_and_readout_stay_finite_for_inputs_up_to_1e4(case):
    rnn, xs, h0 = case
    readout = Readout(rnn.num_directions * rnn.hidden_size, 2, seed=0)
    with np.errstate(over="raise", invalid="raise"):
        y = readout.forward(rnn.forward(xs, h0 if rnn.nonlinearity == "tanh" else None)[0])
        dxs = rnn.backward(readout.backward(np.ones_like(y)))
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dxs))


# --- the bad-input kinds of the probe, drawn at random --------------------------------------------------------

ARRAY_KINDS = {"any", "nonempty", "rows", "batch", "shaped", "labels01", "classes", "labels", "prob"}
ARRAY_ARGS = sorted((name, arg) for name, spec in REGISTRY.items() if not isinstance(spec, str) and not spec.owner
                    for arg, a in spec.args.items()
                    if a.kind in ARRAY_KINDS and not a.nan_ok and np.ndim(a.good) > 0)
SHAPED_ARGS = [(name, arg) for name, arg in ARRAY_ARGS if REGISTRY[name].args[arg].kind in ("shaped", "batch")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ARRAY_ARGS), st.data())
def test_nan_or_inf_anywhere_in_an_array_argument_is_a_clear_error(target, data):
    name, arg = target
    spec_arg = REGISTRY[name].args[arg]
    bad = np.array(spec_arg.good, dtype=float, copy=True)
    allowed = [v for label, v in (("NaN", np.nan), ("inf", np.inf), ("-inf", -np.inf)) if label not in spec_arg.skip]
    bad.flat[data.draw(st.integers(0, bad.size - 1))] = data.draw(st.sampled_from(allowed))  # what the entry refuses
    assert probe_call(REGISTRY[name], arg, bad) is None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SHAPED_ARGS), st.data())
def test_an_array_argument_of_a_wrong_shape_is_a_clear_error(target, data):
    name, arg = target
    good = np.asarray(REGISTRY[name].args[arg].good, dtype=float)
    shape = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=4).map(tuple))
    if REGISTRY[name].args[arg].kind == "batch":  # any number of samples is right: change the rest of the shape
        assume(len(shape) != good.ndim or shape[1:] != good.shape[1:])
    assume(shape != good.shape)
    bad = np.random.default_rng(0).uniform(0.1, 0.9, shape)
    assert probe_call(REGISTRY[name], arg, bad) is None
