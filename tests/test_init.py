"""Initialisers: shapes, reproducibility, and sample variances that match the formulas (fixed seeds)."""

import numpy as np
import pytest

from helpers.init import (
    INITIALISERS,
    SCHEMES,
    get_initialiser,
    he_normal,
    he_uniform,
    he_variance,
    initialise,
    normal,
    xavier_normal,
    xavier_uniform,
    xavier_variance,
    zeros,
)
from helpers.layers import mlp

N_IN, N_OUT = 300, 200  # 60,000 weights: the sample variance is within about 1 % of the true one


def test_the_variance_formulas():
    assert xavier_variance(100, 100) == pytest.approx(0.01)  # = 1 / n when n_in = n_out
    assert xavier_variance(300, 100) == pytest.approx(2 / 400)
    assert he_variance(50) == pytest.approx(0.04)


@pytest.mark.parametrize(("init", "variance"), [
    (xavier_uniform, 2 / (N_IN + N_OUT)),
    (xavier_normal, 2 / (N_IN + N_OUT)),
    (he_uniform, 2 / N_IN),
    (he_normal, 2 / N_IN),
    (lambda n_in, n_out, rng: normal(n_in, n_out, rng, std=0.01), 1e-4),
])
def test_sample_variance_matches_the_formula_within_sampling_error(init, variance):
    W = init(N_IN, N_OUT, np.random.default_rng(0))
    assert W.shape == (N_IN, N_OUT)
    # the variance of a sample variance of n draws is at most 2 var^2 / n (normal), so 5 % is > 10 sigma
    assert W.var() == pytest.approx(variance, rel=0.05)
    assert abs(W.mean()) < 5 * np.sqrt(variance / W.size)


def test_uniform_initialisers_stay_inside_their_limit():
    assert np.abs(xavier_uniform(N_IN, N_OUT, 0)).max() <= np.sqrt(6 / (N_IN + N_OUT))
    assert np.abs(he_uniform(N_IN, N_OUT, 0)).max() <= np.sqrt(6 / N_IN)
    assert np.abs(he_uniform(N_IN, N_OUT, 0)).max() > 0.99 * np.sqrt(6 / N_IN)  # and fill it


def test_he_ignores_n_out_and_xavier_does_not():
    assert he_normal(100, 10, 0).var() == pytest.approx(he_normal(100, 1000, 0).var(), rel=0.15)
    assert xavier_normal(100, 10, 0).var() > 5 * xavier_normal(100, 1000, 0).var()


@pytest.mark.parametrize("name", sorted(INITIALISERS))
def test_same_seed_same_weights(name):
    init = INITIALISERS[name]
    assert np.array_equal(init(5, 3, 7), init(5, 3, np.random.default_rng(7)))


def test_zeros_are_zeros():
    assert zeros(4, 3).shape == (4, 3) and not zeros(4, 3).any()


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="n_in"):
        xavier_normal(0, 3)
    with pytest.raises(TypeError, match="n_out"):
        he_normal(3, 2.5)
    with pytest.raises(ValueError, match="std"):
        normal(3, 3, std=-1.0)
    with pytest.raises(ValueError, match="init must be one of"):
        get_initialiser("glorot")


def test_schemes_of_the_classic_experiment():
    assert list(SCHEMES) == ["std 1", "std 0.01", "xavier", "he"]
    assert SCHEMES["std 1"](1000, 100, 0).std() == pytest.approx(1.0, rel=0.02)
    assert SCHEMES["std 0.01"](1000, 100, 0).std() == pytest.approx(0.01, rel=0.02)


def test_initialise_rewrites_every_affine_and_zeroes_biases():
    model = mlp([64, 100, 10], "relu", rng=0)
    model.layers[0].params["b"][...] = 3.0
    W_before = model.layers[0].params["W"]
    initialise(model, "he_normal", rng=1)
    assert model.layers[0].params["W"] is W_before  # in place: an optimiser holding the arrays still sees them
    assert model.layers[0].params["W"].var() == pytest.approx(2 / 64, rel=0.05)
    assert model.layers[2].params["W"].var() == pytest.approx(2 / 100, rel=0.2)
    assert not model.layers[0].params["b"].any()
