"""The init explorer and the gamma/beta explorer, driven without a browser."""

import numpy as np
import pytest

from helpers.init_experiments import layer_activations
from helpers.init_explorer import histogram_range, init_explorer, layer_histograms, plot_activation_grid
from helpers.scale_shift_explorer import sample_preactivations, scale_shift, scale_shift_explorer


def test_layer_histograms_are_fractions_of_all_units():
    acts = layer_activations("xavier", "relu", depth=3, rng=0)
    edges, fractions, zeros = layer_histograms(acts, "relu")
    assert edges[0] == 0 and fractions.shape == (3, 30)
    assert np.allclose(fractions.sum(axis=1) + zeros, 1.0)  # bars + exact zeros = every activation
    assert histogram_range("tanh", acts) == (-1.0, 1.0)


def test_explorer_starts_with_the_saturated_sigmoid():
    e = init_explorer()
    assert len(e.acts) == 5 and bytes(e.figure.image.value).startswith(b"\x89PNG")
    assert "std 1 + sigmoid" in e.status.value


def test_changing_the_scheme_redraws_the_same_artists_in_place():
    e = init_explorer(activation="tanh")
    artists = list(e.histograms.artists)
    png = e.figure.image.value
    e.scheme.value = "std 0.01"
    assert e.acts[-1].std() < 1e-4
    assert e.histograms.artists == artists and e.figure.image.value != png
    e.scheme.value = "xavier"
    assert 0.2 < e.acts[-1].std() < 0.9


def test_depth_and_activation_controls():
    e = init_explorer(scheme="he", activation="relu", depth=3)
    assert len(e.acts) == 3
    assert [bars.get_visible() for bars in e.histograms.bars] == [True] * 3 + [False] * 5
    assert "stops" in e.histograms.labels[3].get_text()
    limits = e.histograms.limits
    e.depth.value = 8
    assert len(e.acts) == 8 and all(bars.get_visible() for bars in e.histograms.bars)
    assert e.histograms.limits == limits  # depth changes only the moving artists
    assert "zeros" in e.histograms.labels[0].get_text()
    e.activation.value = "sigmoid"
    assert e.acts[0].min() >= 0 and e.acts[0].max() <= 1


def test_activation_grid_draws_one_row_per_scheme():
    drawn = plot_activation_grid("sigmoid", depth=3)
    assert list(drawn) == ["std 1", "std 0.01", "xavier", "he"]
    hists, acts = drawn["std 0.01"]
    assert len(acts) == 3 and len(hists.bars) == 3


def test_scale_shift_gamma_widens_and_beta_shifts_right():
    x = sample_preactivations()
    assert x.mean() == pytest.approx(5, abs=0.2) and x.std() == pytest.approx(2, abs=0.2)
    base = scale_shift(x, 1.0, 0.0)
    assert base.mean() == pytest.approx(0, abs=1e-12) and base.std() == pytest.approx(1, rel=1e-5)
    assert scale_shift(x, 2.0, 0.0).std() == pytest.approx(2 * base.std())
    assert scale_shift(x, 1.0, 1.5).mean() == pytest.approx(1.5)


def test_scale_shift_explorer_sliders():
    e = scale_shift_explorer()
    png = e.figure.image.value
    e.gamma.value = 2.0
    assert e.out.std() == pytest.approx(2.0, rel=1e-4) and e.figure.image.value != png
    e.beta.value = 1.0
    assert e.out.mean() == pytest.approx(1.0) and "+1.00" in e.status.value
    assert e.mean_line.get_xdata()[0] == pytest.approx(1.0)
