"""The experiments of notebook 06: the classic activation experiment, deep MLPs, the stand-in softmax loss."""

import numpy as np
import pytest

from helpers.init_experiments import (
    deep_mlp,
    digits_split,
    layer_activations,
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
