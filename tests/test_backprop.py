"""Backprop by hand in the 2-2-2 sigmoid net: every number agrees with the vectorised layers and with
central differences; the error-splitting intuition; gradient norms per layer in deep nets."""

import numpy as np
import pytest

from helpers.backprop import (
    example_222,
    gradient_step,
    hand_backprop_222,
    layer_gradient_norms,
    loss_222,
    network_222,
    split_error,
)
from helpers.datasets import load_digits
from helpers.gradcheck import numerical_gradient, rel_error
from helpers.layers import MSELoss, SoftmaxWithLoss, mlp

TOL = 1e-7  # hand versus numerical gradients, float64, h = 1e-5
PAIRS = (("W1", "0.W"), ("b1", "0.b"), ("W2", "2.W"), ("b2", "2.b"))


def test_error_split_is_the_source_notes_0_36_and_0_24():
    assert np.allclose(split_error(0.6, [0.6, 0.4]), [0.36, 0.24])
    assert np.allclose(split_error(0.6, [1.2, 0.8]), [0.36, 0.24])  # the split ignores the weights' size
    with pytest.raises(ValueError, match="sum to 0"):
        split_error(0.6, [1.0, -1.0])


def test_hand_forward_numbers():
    steps, _ = hand_backprop_222(**example_222())
    value = {s.key: s.value for s in steps}
    assert value["v2_1"] == pytest.approx(0.5 * 0.1 + 1.0 * 0.4 + 0.1)
    assert value["x2_1"] == pytest.approx(1 / (1 + np.exp(-0.55)))
    assert value["L"] == pytest.approx(0.225601, abs=1e-6)
    assert [s.phase for s in steps].index("backward") == 9  # 8 forward numbers and the loss come first


def test_hand_gradients_match_the_vectorised_layers():
    ex = example_222()
    _, grads = hand_backprop_222(**ex)
    net, loss = network_222(ex["W1"], ex["b1"], ex["W2"], ex["b2"]), MSELoss()
    loss.forward(net.forward(ex["x"][None]), ex["y"][None])  # MSE over 2 outputs = 1/2 sum of squares
    net.backward(loss.backward())
    for hand, layer in PAIRS:
        assert rel_error(grads[hand], net.grads[layer]) < 1e-12, hand


def test_hand_gradients_match_numerical_gradients():
    ex = example_222()
    _, grads = hand_backprop_222(**ex)

    def L(_):
        return hand_backprop_222(**ex)[0][8].value  # the loss is step 9

    for name in ("W1", "b1", "W2", "b2"):
        assert rel_error(grads[name], numerical_gradient(L, ex[name])) < TOL, name


def test_random_networks_agree_too():
    rng = np.random.default_rng(5)
    for _ in range(5):
        p = {"x": rng.normal(size=2), "y": rng.uniform(size=2), "W1": rng.normal(size=(2, 2)),
             "b1": rng.normal(size=2), "W2": rng.normal(size=(2, 2)), "b2": rng.normal(size=2)}
        _, grads = hand_backprop_222(**p)
        net, loss = network_222(p["W1"], p["b1"], p["W2"], p["b2"]), MSELoss()
        loss.forward(net.forward(p["x"][None]), p["y"][None])
        net.backward(loss.backward())
        assert max(rel_error(grads[h], net.grads[v]) for h, v in PAIRS) < 1e-10


def test_steps_have_unique_keys_and_readable_formulas():
    steps, _ = hand_backprop_222(**example_222())
    keys = [s.key for s in steps]
    assert len(keys) == len(set(keys)) == 25
    by_key = {s.key: s for s in steps}
    assert by_key["dW2_12"].formula.startswith("x₁⁽²⁾·e₂⁽³⁾ = ")  # the rule, then the numbers
    assert by_key["e2_1"].formula.startswith("(0.6·(-0.09677) + (-0.5)·0.13369)")  # sum of w·e, negatives bracketed
    assert by_key["x2_1"].formula == "σ(0.5500)"
    assert [by_key[k].text for k in ("v2_1", "e3_2", "dW1_12", "db2_1", "L")] == [
        "v₁⁽²⁾", "e₂⁽³⁾", "∂L/∂w₁₂⁽¹⁾", "∂L/∂b₁⁽²⁾", "L"]


def test_bad_shapes_are_explained():
    ex = example_222()
    ex["W1"] = np.ones((3, 2))
    with pytest.raises(ValueError, match="W1 must have shape"):
        hand_backprop_222(**ex)


def test_sigmoid_gradients_vanish_toward_the_input_relu_ones_do_not():
    X, y = load_digits()
    X, y = X[:200], y[:200]
    sizes = [64] + [32] * 9 + [10]
    sig = layer_gradient_norms(mlp(sizes, "sigmoid", rng=0), SoftmaxWithLoss(), X, y)
    relu = layer_gradient_norms(mlp(sizes, "relu", rng=0), SoftmaxWithLoss(), X, y)
    assert sig.shape == relu.shape == (10,)
    assert sig[0] / sig[-1] < 1e-4  # ten sigmoid layers: the first layer's gradient is 10,000x smaller
    assert relu[0] / relu[-1] > 0.3  # ReLU keeps it within a factor of a few


def test_loss_222_is_the_hand_loss_and_its_gradient_is_the_hand_gradient():
    rng = np.random.default_rng(3)
    for ex in [example_222()] + [{"x": rng.normal(size=2), "y": rng.uniform(0, 1, 2), "W1": rng.normal(size=(2, 2)),
                                  "b1": rng.normal(size=2), "W2": rng.normal(size=(2, 2)), "b2": rng.normal(size=2)}
                                 for _ in range(3)]:
        steps, grads = hand_backprop_222(**ex)
        assert loss_222(**ex) == pytest.approx(next(s.value for s in steps if s.key == "L"), abs=1e-12)
        params = {k: np.array(v, dtype=float) for k, v in ex.items()}
        for name in grads:
            numeric = numerical_gradient(lambda _, p=params: loss_222(**p), params[name])
            assert rel_error(grads[name], numeric) < TOL


def test_one_gradient_step_lowers_the_loss_and_leaves_the_inputs_alone():
    ex = example_222()
    _, grads = hand_backprop_222(**ex)
    params = {k: ex[k].copy() for k in grads}
    new = gradient_step(params, grads, 1.0)
    assert all(np.array_equal(params[k], ex[k]) for k in grads)  # nothing changed in place
    assert np.allclose(new["b2"], ex["b2"] - grads["b2"])
    after = loss_222(ex["x"], ex["y"], **new)
    assert after == pytest.approx(0.180101, abs=1e-6) and after < loss_222(**ex)


@pytest.mark.parametrize("call, error, words", [
    (lambda: gradient_step({"W": np.ones(2)}, {"W": np.ones(2)}, 0.0), ValueError, "lr must be positive"),
    (lambda: gradient_step({"W": np.ones(2)}, {"b": np.ones(2)}, 0.1), ValueError, "keys of params"),
    (lambda: gradient_step({"W": np.ones(2)}, {"W": np.ones(3)}, 0.1), ValueError, "like params"),
    (lambda: loss_222(**{**example_222(), "b2": np.ones(3)}), ValueError, r"b2 must have shape \(2,\)"),
])
def test_update_bad_input_is_explained(call, error, words):
    with pytest.raises(error, match=words):
        call()
