"""The init explorer and the gamma/beta explorer, driven without a browser."""

import numpy as np
import pytest

from helpers.init_experiments import forward_backward, layer_activations
from helpers.init_explorer import init_explorer, scheme_std
from helpers.init_pictures import gradient_histograms, histogram_range, layer_histograms, plot_activation_grid
from helpers.png import shown_picture
from helpers.scale_shift_explorer import sample_preactivations, scale_shift, scale_shift_explorer


def test_layer_histograms_are_fractions_of_all_units():
    acts = layer_activations("xavier", "relu", depth=3, rng=0)
    edges, fractions, zeros = layer_histograms(acts, "relu")
    assert edges[0] == 0 and fractions.shape == (3, 30)
    assert np.allclose(fractions.sum(axis=1) + zeros, 1.0)  # bars + exact zeros = every activation
    assert histogram_range("tanh", acts) == (-1.0, 1.0)
    lo, hi = histogram_range("leaky relu", layer_activations("xavier", "leaky relu", depth=1, rng=0))
    assert lo == -0.1 * hi < 0  # leaky ReLU's negative side is shown


def test_gradient_histograms_bin_log10_of_the_size_and_count_zeros_apart():
    fractions, zeros = gradient_histograms([np.array([[0.0, 1e-3, 1e-3, 10.0]])])
    assert zeros[0] == 0.25 and np.isclose(fractions.sum() + zeros.sum(), 1.0)
    centres = np.linspace(-12, 8, 41)[:-1] + 0.25
    assert set(np.round(centres[fractions[0] > 0], 2)) == {-2.75, 1.25}  # log10 1e-3 = -3, log10 10 = 1


def test_gradient_histograms_use_the_edges_given_even_when_uneven():
    fractions, zeros = gradient_histograms([np.array([1e-3, 0.05, 0.2, 0.3, 0.0, 1e3])], edges=[-4, -2, -1, 0])
    # log10: -3 in [-4, -2); -1.3 in [-2, -1); -0.7 and -0.5 in [-1, 0]; 3 beyond: the last bin; 0 counted apart
    assert np.allclose(fractions[0] * 6, [1, 1, 3]) and zeros[0] == 1 / 6


def test_explorer_starts_with_the_saturated_sigmoid():
    e = init_explorer()
    assert len(e.acts) == 5 == len(e.grads) and shown_picture(e.figure.image).startswith(b"\x89PNG")
    assert "std 1 (σ_w = 1) + sigmoid" in e.status.value and "gradient std per layer" in e.status.value


def _pixels(explorer):
    return np.asarray(explorer.figure.fig.canvas.buffer_rgba()).copy()


def test_the_columns_stay_put_and_the_layers_beyond_L_are_blank():
    e = init_explorer(scheme="he", activation="relu", depth=8)
    places = [ax.get_position().bounds for ax in e.act_axes + e.grad_axes]
    e.depth.value = 2
    assert [ax.get_position().bounds for ax in e.act_axes + e.grad_axes] == places  # no panel moves
    beyond = e.activations.bars[2:] + e.activations.labels[2:] + e.gradients.bars[2:] + e.gradients.labels[2:]
    assert not any(artist.get_visible() for artist in beyond)
    pixels = _pixels(e)
    height, width = pixels.shape[:2]
    start = int(np.ceil((e.act_axes[2].get_position().x0 - e.COLUMN_GAP / 2) * width)) + 1
    bottom = int(height * (1 - e.CURTAIN_BOTTOM)) - 1
    assert (pixels[:bottom, start:] == 255).all()  # layers 3-8: blank, no title, axis, number or bar
    assert (pixels[:bottom, :start] < 255).any() and (pixels[bottom:, start:] < 255).any()  # layers 1-2, the label
    e.depth.value = 8
    assert all(bars.get_visible() for bars in e.activations.bars + e.gradients.bars) and len(e.grads) == 8


def test_the_scheme_sets_sigma_w_for_the_width_and_a_moved_slider_is_custom():
    e = init_explorer(scheme="xavier", activation="tanh")
    assert e.std.value == pytest.approx(0.1)  # 1 / sqrt(100)
    e.width.value = 200
    assert e.std.value == pytest.approx(scheme_std("xavier", 200)) and e.scheme.value == "xavier"
    e.scheme.value = "he"
    assert e.std.value == pytest.approx(np.sqrt(2 / 200))
    png = e.figure.image.value
    e.std.value = 0.5
    assert e.scheme.value == "custom" and e.figure.image.value != png
    e.width.value = 100
    assert e.std.value == 0.5  # a custom std stays put when the width changes


def test_the_explorer_shows_the_numbers_of_the_classic_experiment():
    e = init_explorer(scheme="xavier", activation="relu", depth=5)
    reference = layer_activations("xavier", "relu", depth=5, rng=1)
    assert all(np.allclose(a, b) for a, b in zip(e.acts, reference, strict=True))
    e.set_settings(scheme="std 1", activation="tanh")
    grads = [g.std() for g in e.grads]
    assert all(grads[i] > 1.5 * grads[i + 1] for i in range(4))  # grows towards the input
    e.set_settings(scheme="xavier", activation="sigmoid")
    grads = [g.std() for g in e.grads]
    assert all(0.1 < grads[i] / grads[i + 1] < 0.3 for i in range(4))  # shrinks, ~sigmoid's 0.25 per layer


@pytest.mark.parametrize("activation", ["relu", "leaky relu"])
def test_a_sigma_w_move_with_relu_rescales_the_numbers_of_sigma_w_1(activation):
    # f(c z) = c f(z): the explorer rescales its sigma_w = 1 arrays; they are the layers pushed through again
    e = init_explorer(scheme="he", activation=activation, depth=6)
    for sigma in (0.02, 0.3, 4.0):
        e.std.value = sigma
        x, z, upstream = e._inputs(100)
        acts, grads = forward_backward(x, [sigma * zi for zi in z[:6]], activation, upstream)
        for mine, direct in ((e.acts, acts), (e.grads, grads)):  # to rounding, against each layer's largest value
            for a, b in zip(mine, direct, strict=True):
                assert np.allclose(a, b, rtol=0, atol=1e-12 * np.abs(b).max())
        assert [np.mean(a == 0) for a in e.acts] == [np.mean(a == 0) for a in acts]  # the same dead units
        # the labels show the std of all 1,000 samples of each layer, as pushed through again
        assert np.allclose(e.activations.stds, [a.std() for a in acts], rtol=1e-12, atol=0)
        assert np.allclose(e.gradients.stds, [g.std() for g in grads], rtol=1e-12, atol=0)


def test_leaky_relu_and_depth():
    e = init_explorer(scheme="he", activation="leaky relu", depth=3)
    assert len(e.acts) == 3 and e.acts[0].min() < 0  # the leaky side
    assert "zeros" not in e.activations.labels[0].get_text()


def test_batch_norm_switch_batch_size_and_train_eval():
    e = init_explorer(scheme="std 0.01", activation="tanh", depth=5)
    assert e.acts[-1].std() < 1e-4 and e.batch_size.disabled
    e.batchnorm.value = True
    assert 0.3 < e.acts[-1].std() < 1.0 and not e.batch_size.disabled  # batch norm rescues the tiny start
    e.set_settings(scheme="he", batch_size=2)
    assert np.mean(np.isclose(np.abs(e.acts[0]), np.tanh(1.0), atol=1e-3)) > 0.95  # N = 2: x_hat = +-1
    assert "batches of 2 (train statistics" in e.status.value
    e.mode.value = "eval"
    assert np.mean(np.isclose(np.abs(e.acts[0]), np.tanh(1.0), atol=1e-3)) < 0.1  # running statistics


def test_settings_round_trip_and_defaults_button():
    e = init_explorer(scheme="xavier", activation="relu", depth=8)
    start = e.settings
    assert start == {"scheme": "xavier", "std": pytest.approx(0.1), "n_units": 100, "activation": "relu",
                     "depth": 8, "batchnorm": False, "batch_size": 1000, "mode": "train"}
    e.set_settings(scheme="custom", std=2.0, depth=2, batchnorm=True, mode="eval")
    assert len(e.acts) == 2 and e.settings["std"] == 2.0
    e.defaults_button().click()
    assert e.settings == start and len(e.acts) == 8
    with pytest.raises(ValueError, match="std must be between 0.001 and 10.0, got 20.0"):
        e.set_settings(std=20.0)  # a log slider's range, not its exponents


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"scheme": "glorot"}, ValueError, "scheme must be one of"),
    ({"activation": "softplus"}, ValueError, "activation must be one of"),
    ({"depth": 9}, ValueError, "depth must be between 1 and 8, got 9"),
    ({"depth": 2.5}, TypeError, "depth must be a whole number"),
    ({"n_units": 5}, ValueError, "n_units must be between 10 and 300"),
    ({"std": -1.0}, ValueError, "std must be between"),
    ({"scheme": "custom"}, ValueError, "needs a std"),
    ({"batchnorm": "yes"}, TypeError, "batchnorm must be True or False"),
    ({"batch_size": 3}, ValueError, "batch_size must be one of"),
    ({"mode": "test"}, ValueError, "mode must be one of"),
])
def test_bad_constructor_arguments_are_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        init_explorer(**kwargs)


def test_activation_grid_draws_one_row_per_scheme():
    drawn = plot_activation_grid("sigmoid", depth=3)
    assert list(drawn) == ["std 1", "std 0.01", "xavier", "he"]
    hists, acts = drawn["std 0.01"]
    assert len(acts) == 3 and len(hists.bars) == 3


def test_scale_shift_gamma_widens_and_beta_shifts_right():
    x = sample_preactivations()
    assert x.mean() == pytest.approx(5) and x.std() == pytest.approx(2)
    base = scale_shift(x, 1.0, 0.0)
    assert base.mean() == pytest.approx(0, abs=1e-12) and base.std() == pytest.approx(1, rel=1e-5)
    assert scale_shift(x, 2.0, 0.0).std() == pytest.approx(2 * base.std())
    assert scale_shift(x, 1.0, 1.5).mean() == pytest.approx(1.5)


def test_scale_shift_explorer_sliders_reach_the_values_that_undo_the_normalisation():
    e = scale_shift_explorer()
    png = e.figure.image.value
    e.gamma.value = 2.5
    assert e.out.std() == pytest.approx(2.5, rel=1e-4) and e.figure.image.value != png
    e.beta.value = 1.0
    assert e.out.mean() == pytest.approx(1.0) and "+1.00" in e.status.value
    assert e.mean_line.get_xdata()[0] == pytest.approx(1.0)
    e.set_settings(gamma=2.0, beta=5.0)  # gamma = std of x, beta = mean of x
    assert np.abs(e.out - e.x).max() < 1e-4 and "undone" in e.status.value
    e.defaults_button().click()
    assert e.settings == {"gamma": 1.0, "beta": 0.0} and "undone" not in e.status.value


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"gamma": 5.0}, ValueError, "gamma must be between 0.5 and 3.0, got 5.0"),
    ({"beta": "1"}, TypeError, "beta must be a real number"),
])
def test_scale_shift_explorer_names_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        scale_shift_explorer(**kwargs)


def test_moves_of_L_sigma_and_n_draw_no_whole_figure_and_show_a_fresh_explorers_picture():
    """The panels never move and the x-axis numbers are overlays: a new L, width or ReLU range (σ_w 0.5 makes
    layer 1 reach 20, not 5) redraws no axes; only leaky ReLU's other ticks make a new background, once."""
    e = init_explorer(scheme="xavier", activation="relu", depth=8)
    full_draws = []
    canvas_draw = e.figure.fig.canvas.draw
    e.figure.fig.canvas.draw = lambda: full_draws.append(1) or canvas_draw()
    ranges = set()
    for control, value in ((e.depth, 5), (e.std, 0.5), (e.depth, 2), (e.width, 150), (e.std, 0.05), (e.depth, 8)):
        control.value = value
        ranges.add(e.activations.limits[1])
        assert np.array_equal(_pixels(e), _pixels(init_explorer(**e.settings))), f"{control.description} {value}"
    assert not full_draws and len(ranges) >= 3
    e.activation.value = "leaky relu"
    e.activation.value = "relu"
    e.activation.value = "leaky relu"
    assert len(full_draws) == 1  # leaky ReLU's background is drawn once, then kept
    assert np.array_equal(_pixels(e), _pixels(init_explorer(**e.settings)))
