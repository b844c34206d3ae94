"""The experiments of notebook 06: the classic activation experiment, deep MLPs, the stand-in softmax loss."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, rel_error
from helpers.init_experiments import (
    deep_mlp,
    digits_split,
    forward_backward,
    layer_activations,
    stack_weights,
    train_digits,
)
from helpers.layers import Affine, BatchNorm, ReLU, Tanh


def test_layer_activations_shapes_and_reproducibility():
    acts = layer_activations("xavier", "tanh", depth=3, n_units=20, n_samples=50, rng=0)
    assert [a.shape for a in acts] == [(50, 20)] * 3
    assert np.array_equal(acts[-1], layer_activations("xavier", "tanh", depth=3, n_units=20, n_samples=50,
                                                      rng=0)[-1])
    deeper = layer_activations("xavier", "tanh", depth=5, n_units=20, n_samples=50, rng=0)
    assert np.array_equal(deeper[2], acts[2])  # a deeper stack starts with the same layers


def test_the_classic_experiment_saturation_collapse_and_health():
    def std_last(scheme, act):
        return layer_activations(scheme, act, rng=1)[-1].std()

    sig = layer_activations("std 1", "sigmoid", rng=1)[-1]
    assert np.mean((sig < 0.05) | (sig > 0.95)) > 0.5  # std 1 + sigmoid: most units saturated
    assert std_last("std 0.01", "tanh") < 1e-4  # std 0.01: the signal collapses towards 0
    assert 0.2 < std_last("xavier", "tanh") < 0.9
    relu_he = [a.std() for a in layer_activations("he", "relu", rng=1)]
    assert 0.5 < relu_he[-1] / relu_he[0] < 1.5  # He keeps ReLU's scale layer after layer
    relu_xavier = [a.std() for a in layer_activations("xavier", "relu", rng=1)]
    assert relu_xavier[-1] / relu_xavier[0] < 0.4  # Xavier halves ReLU's variance per layer


def test_layer_activations_rejects_unknown_names():
    with pytest.raises(ValueError, match="activation must be one of"):
        layer_activations("he", "softplus")
    with pytest.raises(ValueError, match="init must be one of"):
        layer_activations("glorot", "relu")


def test_deep_mlp_layout_and_init():
    plain = deep_mlp([8, 6, 6, 3], "tanh", "xavier_normal", rng=0)
    assert [type(layer) for layer in plain.layers] == [Affine, Tanh, Affine, Tanh, Affine]
    before = deep_mlp([8, 6, 3], "relu", "he", batchnorm="before", rng=0)
    assert [type(layer) for layer in before.layers] == [Affine, BatchNorm, ReLU, Affine]
    after = deep_mlp([8, 6, 3], "relu", "he", batchnorm="after", rng=0)
    assert [type(layer) for layer in after.layers] == [Affine, ReLU, BatchNorm, Affine]
    assert deep_mlp([100, 100, 2], "relu", "std 0.01", rng=0).layers[0].params["W"].std() == pytest.approx(
        0.01, rel=0.05)
    with pytest.raises(ValueError, match="batchnorm"):
        deep_mlp([8, 3], batchnorm="middle")


def test_training_on_the_digits_learns_and_measures_test_accuracy():
    data = digits_split()
    assert [len(part) for part in data] == [1500, 1500, 297, 297]
    history = train_digits(deep_mlp([64, 32, 10], "relu", "he", rng=0), data, epochs=3)
    assert history["loss"][-1] < history["loss"][0] and history["test_accuracy"] > 0.8


def test_a_tiny_init_stalls_a_deep_relu_net_and_batchnorm_rescues_it():
    data = digits_split()
    sizes = [64, 64, 64, 64, 64, 10]
    stuck = train_digits(deep_mlp(sizes, "relu", "std 0.01", rng=1), data, epochs=3)
    rescued = train_digits(deep_mlp(sizes, "relu", "std 0.01", batchnorm="before", rng=1), data, epochs=3)
    assert stuck["loss"][-1] > 2.2 and rescued["loss"][-1] < 0.5


def _signals_and_loss(activation, batchnorm=False, batch_size=None, seed=0):
    rng = np.random.default_rng(seed)
    x, upstream = rng.standard_normal((8, 5)), rng.standard_normal((8, 5))
    weights = stack_weights("xavier", 3, 5, rng)

    def loss(_=None):
        acts, _grads = forward_backward(x, weights, activation, upstream, batchnorm=batchnorm, batch_size=batch_size)
        return np.sum(acts[-1] * upstream)

    return x, weights, forward_backward(x, weights, activation, upstream, batchnorm=batchnorm,
                                        batch_size=batch_size), loss


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky relu"])
@pytest.mark.parametrize(("batchnorm", "batch_size"), [(False, None), (True, None), (True, 4)],
                         ids=["plain", "batch norm, one batch", "batch norm, batches of 4"])
def test_forward_backward_gives_dL_dz_of_every_layer(activation, batchnorm, batch_size):
    # dL/dW_l = a_{l-1}^T dz_l must match central differences on W_l (tolerance 1e-6: float64, h = 1e-5)
    x, weights, (acts, grads), loss = _signals_and_loss(activation, batchnorm, batch_size)
    for i, W in enumerate(weights):
        analytic = (x if i == 0 else acts[i - 1]).T @ grads[i]
        assert rel_error(analytic, numerical_gradient(loss, W)) < 1e-6, (activation, i)


def test_forward_backward_without_batchnorm_repeats_layer_activations():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1000, 100))
    acts, grads = forward_backward(x, stack_weights("he", 3, 100, rng), "relu", np.ones((1000, 100)))
    assert all(np.array_equal(a, b) for a, b in zip(acts, layer_activations("he", "relu", depth=3, rng=1), strict=True))
    assert [g.shape for g in grads] == [(1000, 100)] * 3


def test_forward_backward_reuses_known_first_layers_to_the_same_numbers():
    """A layer's output does not depend on the layers after it: the explorer's L steps reuse them."""
    rng = np.random.default_rng(2)
    x, upstream = rng.standard_normal((50, 6)), rng.standard_normal((50, 6))
    weights = stack_weights("he", 5, 6, rng)
    acts, grads = forward_backward(x, weights, "relu", upstream)
    for depth, known in ((3, acts), (5, acts[:2]), (5, acts[:5])):
        again, again_grads = forward_backward(x, weights[:depth], "relu", upstream, known_acts=known)
        fresh, fresh_grads = forward_backward(x, weights[:depth], "relu", upstream)
        assert all(np.array_equal(a, b) for a, b in zip(again + again_grads, fresh + fresh_grads, strict=True))
    with pytest.raises(ValueError, match="known_acts works only without batch norm"):
        forward_backward(x, weights, "relu", upstream, batchnorm=True, known_acts=acts[:1])
    with pytest.raises(ValueError, match=r"known_acts\[0\] must have the shape of x \(50, 6\), got \(49, 6\)"):
        forward_backward(x, weights, "relu", upstream, known_acts=[acts[0][1:]])


def test_backward_gradients_per_layer_in_the_classic_experiment():
    def grad_stds(scheme, activation):
        rng = np.random.default_rng(1)
        x = rng.standard_normal((1000, 100))
        upstream = np.random.default_rng(2).standard_normal((1000, 100))
        _, grads = forward_backward(x, stack_weights(scheme, 5, 100, rng), activation, upstream)
        return np.array([g.std() for g in grads])

    tanh_big = grad_stds("std 1", "tanh")
    assert np.all(tanh_big[:-1] / tanh_big[1:] > 1.5)  # tanh, std 1: grows towards the input
    sig_xavier = grad_stds("xavier", "sigmoid")
    assert np.all((sig_xavier[:-1] / sig_xavier[1:] > 0.1) & (sig_xavier[:-1] / sig_xavier[1:] < 0.3))  # x ~0.25
    he = grad_stds("he", "relu")
    assert np.all((he > 0.8 * he[-1]) & (he < 1.25 * he[-1]))  # ReLU + He: steady backwards too


def test_batch_norm_in_the_stack_and_its_batch_size():
    rng = np.random.default_rng(0)
    x, upstream = rng.standard_normal((40, 6)), rng.standard_normal((40, 6))
    weights = stack_weights("std 0.01", 3, 6, rng)
    acts, _ = forward_backward(x, weights, "tanh", upstream, batchnorm=True)
    assert 0.3 < acts[-1].std() < 1.0  # batch norm undoes the tiny start
    weights = stack_weights("he", 3, 6, rng)  # (with std 0.01, eps = 1e-5 is not small beside these variances)
    pairs, grads = forward_backward(x, weights, "tanh", upstream, batchnorm=True, batch_size=2)
    # batches of 2: x_hat = +-1 up to eps (a pair of nearly equal values is the exception), so tanh(+-1)
    assert np.mean(np.isclose(np.abs(pairs[0]), np.tanh(1.0), atol=1e-3)) > 0.95
    assert np.median(np.abs(grads[0])) < 1e-4  # ... and almost no gradient gets through
    evaluated, _ = forward_backward(x, weights, "tanh", upstream, batchnorm=True, batch_size=2, train=False)
    assert not np.allclose(np.abs(evaluated[0]), np.tanh(1.0), atol=0.1)  # running statistics: a real spread
    with pytest.raises(ValueError, match="batch_size must be between 2"):
        forward_backward(x, weights, "tanh", upstream, batchnorm=True, batch_size=1)
    with pytest.raises(ValueError, match="upstream must have the shape"):
        forward_backward(x, weights, "tanh", upstream[:3])
