"""The activation explorer, driven without a browser: set a control, check what the learner would see."""

import numpy as np
import pytest

from helpers.activation_explorer import activation_explorer
from helpers.activation_model import PARAM_RANGES, depth_state, explorer_state, output_limits, slider_name
from helpers.activations import ACTIVATIONS, SELU_ALPHA, SELU_LAMBDA, relu, sigmoid
from helpers.png import shown_picture


def test_state_is_the_plain_math():
    z = np.array([-2.0, -1.0, 0.5, 3.0])
    s = explorer_state("relu", shift=0.0, scale=1.0, samples=z, image=np.array([[-1.0, 2.0]]))
    assert np.array_equal(s["image"], [[0.0, 2.0]])
    assert s["zero"] == 0.5 and s["flat"] == 0.5 and np.isclose(s["mean"], np.mean(relu(z)))
    assert np.allclose(s["f"], relu(s["x"])) and s["heights"].max() == 1.0


def test_shift_and_scale_act_on_the_inputs():
    z = np.linspace(-1, 1, 201)
    s = explorer_state("sigmoid", shift=2.0, scale=3.0, samples=z, image=np.zeros((2, 2)))
    assert np.isclose(s["mean"], np.mean(sigmoid(3 * z + 2)))
    assert np.allclose(s["image"], sigmoid(2.0))
    lo, hi = s["band"]
    assert np.isclose(lo, np.percentile(3 * z + 2, 1)) and np.isclose(hi, np.percentile(3 * z + 2, 99))


def test_a_large_negative_shift_kills_relu_and_saturates_sigmoid():
    dead = explorer_state("relu", shift=-3.0)
    assert dead["zero"] > 0.99 and dead["flat"] > 0.99
    assert explorer_state("relu", shift=0.0)["zero"] == pytest.approx(0.5, abs=0.02)
    assert explorer_state("sigmoid", scale=5.0)["flat"] > explorer_state("sigmoid", scale=1.0)["flat"]
    assert explorer_state("leaky_relu", shift=-3.0)["flat"] < 0.01  # slope 0.01 is not "flat"


def test_selu_constants_set_the_mean_and_the_spread():
    textbook = explorer_state("selu")
    assert abs(textbook["mean"]) < 0.05 and abs(textbook["std"] - 1) < 0.05
    wider = explorer_state("selu", {"lam": 1.3})
    assert abs(wider["mean"]) < 0.05 and wider["std"] > 1.2  # λ scales: the spread grows, the mean stays 0
    assert explorer_state("selu", {"alpha": 1.0})["mean"] > 0.1  # α sets the mean


def test_depth_state_vanishes_for_sigmoid_not_for_relu():
    sig, rel = depth_state("sigmoid"), depth_state("relu")
    assert 1e-8 < sig["median"][9] < 1e-5 and rel["median"][9] == 1.0
    assert rel["zero"][9] == pytest.approx(0.5, abs=0.05)  # the inputs that started negative: dead paths
    exploding = depth_state("relu", weight=1.5)["median"][9]
    assert exploding == pytest.approx(1.5**10)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_axes_limits_hold_every_curve_over_the_slider_range(name):
    act = ACTIVATIONS[name]
    (f_lo, f_hi), (d_lo, d_hi) = output_limits(name)
    x = np.linspace(-6, 6, 601)
    for value in (None, 0.0, 1.0):
        for p in act.params:
            lo, hi, _ = PARAM_RANGES[slider_name(name, p)]
            v = None if value is None else lo + value * (hi - lo)
            assert f_lo <= np.min(act(x, **{p: v})) and np.max(act(x, **{p: v})) <= f_hi
            assert d_lo <= np.min(act.derivative(x, **{p: v})) and np.max(act.derivative(x, **{p: v})) <= d_hi


def test_moving_a_slider_updates_the_picture_in_place():
    e = activation_explorer("relu")
    fig, png = e.figure.fig, shown_picture(e.figure.image)
    assert png.startswith(b"\x89PNG")
    e.shift.value = -2.5
    assert shown_picture(e.figure.image) != png and e.state["zero"] > 0.95
    assert f"exactly 0: <b>{e.state['zero']:.1%}</b>" in e.status.value and "99." in e.status.value
    e.scale.value = 3.0
    assert e.figure.fig is fig and len(fig.axes) == 5


def test_changing_the_function_shows_its_parameter_sliders_at_their_defaults():
    e = activation_explorer("sigmoid")
    shown = [p for p, c in e.params.items() if c.layout.display != "none"]
    assert shown == [] and e.no_param.layout.display != "none"
    e.function.value = "elu"
    assert [p for p, c in e.params.items() if c.layout.display != "none"] == ["alpha"]
    assert e.params["alpha"].value == 1.0 and e.params["alpha"].description == "α"
    e.params["alpha"].value = 2.0
    assert np.isclose(e.state["f"][0], ACTIVATIONS["elu"](-6.0, 2.0))
    e.function.value = "selu"
    assert [p for p, c in e.params.items() if c.layout.display != "none"] == ["selu_alpha", "lam"]
    assert (e.params["selu_alpha"].value, e.params["lam"].value) == (SELU_ALPHA, SELU_LAMBDA)
    e.params["lam"].value = 1.3
    assert e.state["std"] > 1.2 and "lam = 1.3" in e.status.value
    e.function.value = "leaky_relu"
    assert e.params["alpha"].value == 0.01
    e.params["alpha"].value = 0.5
    assert np.isclose(e.state["f"][0], -3.0)
    e.function.value = "step"
    e.params["threshold"].value = 1.0
    assert np.array_equal(e.state["f"], (e.state["x"] > 1.0).astype(float))


def test_compare_draws_g_dashed_on_f_f_prime_and_the_depth_panel():
    e = activation_explorer("relu")
    assert len(e.line_g.get_xdata()) == 0 and e.depth["g"] is None
    png = e.figure.image.value
    e.compare.value = "sigmoid"
    x, y = e.line_g.get_data()
    assert np.allclose(y, sigmoid(x)) and e.figure.image.value != png
    assert np.isclose(np.max(e.line_dg.get_ydata()), 0.25, atol=1e-4)
    assert e.depth["g"]["median"][9] < 1e-5 < 1.0 == e.gradient_at_depth
    assert "for g" in e.depth_status.value
    e.compare.value = "none"
    assert len(e.line_g.get_xdata()) == 0 and "for g" not in e.depth_status.value


def test_depth_and_weight_sliders():
    e = activation_explorer("relu", depth=10)
    assert e.gradient_at_depth == 1.0 and "<b>1</b> for f" in e.depth_status.value
    png = e.figure.image.value
    e.weight.value = 1.5
    assert e.gradient_at_depth == pytest.approx(1.5**10) and e.figure.image.value != png
    e.depth_slider.value = 20
    assert e.gradient_at_depth == pytest.approx(1.5**20) and e.depth_marker.get_xdata()[0] == 20
    e.set_settings(function="sigmoid", weight=1.0, depth=10)
    assert 1e-8 < e.gradient_at_depth < 1e-5


def test_fixed_grey_scale_shows_the_squashing():
    e = activation_explorer("sigmoid")
    assert e.picture.get_clim() == pytest.approx((e.state["image"].min(), e.state["image"].max()))
    e.fixed_scale.value = True
    assert e.picture.get_clim() == (-2.5, 2.5) and "black -2.5, white +2.5" in e.status.value
    assert 0 < e.state["image"].min() and e.state["image"].max() < 1  # a narrow band of the scale: squashed


def test_settings_defaults_button_and_one_redraw():
    e = activation_explorer("relu", compare="sigmoid", depth=12)
    start = e.settings
    assert {k: start[k] for k in ("function", "compare", "depth", "weight", "fixed_scale")} == {
        "function": "relu", "compare": "sigmoid", "depth": 12, "weight": 1.0, "fixed_scale": False}
    e.set_settings(function="selu", lam=1.2, shift=-1.0)
    assert e.settings["selu_alpha"] == SELU_ALPHA and e.settings["lam"] == 1.2  # a new f brings its defaults
    assert e.state["mean"] < 0 and "selu" in e.status.value
    e.defaults_button().click()
    assert e.settings == start and e.function.value == "relu" and "relu" in e.status.value


@pytest.mark.parametrize(("values", "error", "words"), [
    ({"gamma": 0.1}, TypeError, "no control 'gamma'"),
    ({"depth": 0}, ValueError, "depth must be between 1 and 40"),
    ({"weight": "2"}, TypeError, "weight must be a number"),
    ({"compare": "gelu"}, ValueError, "compare must be one of"),
])
def test_bad_settings_change_nothing(values, error, words):
    e = activation_explorer()
    before = e.settings
    with pytest.raises(error, match=words):
        e.set_settings(shift=1.0, **values)
    assert e.settings == before


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"name": "gelu"}, ValueError, "name must be one of"),
    ({"compare": "gelu"}, ValueError, "compare must be one of"),
    ({"shift": 9.0}, ValueError, "shift must be between -3.0 and 3.0, got 9.0"),
    ({"scale": "1"}, TypeError, "scale must be a real number"),
    ({"depth": 2.5}, TypeError, "depth must be a whole number"),
    ({"depth": 41}, ValueError, "depth must be between 1 and 40"),
    ({"fixed_scale": 1}, TypeError, "fixed_scale must be True or False"),
    ({"name": "elu", "alpha": 7.0}, ValueError, "alpha must be between 0.0 and 3.0"),
    ({"name": "relu", "alpha": 0.1}, TypeError, "relu has no parameter alpha"),
])
def test_constructor_arguments_are_checked(kwargs, error, words):
    with pytest.raises(error, match=words):
        activation_explorer(**kwargs)


def test_every_function_can_be_shown():
    e = activation_explorer()
    for name in ACTIVATIONS:
        e.function.value = name
        assert np.all(np.isfinite(e.state["f"])) and np.all(np.isfinite(e.state["image"]))
        assert name in e.status.value


def test_the_panel_has_a_legend_labelled_controls_and_a_defaults_button():
    e = activation_explorer()
    assert "f (compare)" not in e.legend.value and all(word in e.legend.value for word in ("f′", "g (compare)", "98%"))
    labels = {c.description for c in e.controls.values()}
    assert {"L (layers)", "w (weight per layer)", "λ (SELU)", "α (SELU)", "α", "input shift", "input scale"} <= labels
    buttons = [w for w in e.panel.children[1].children if getattr(w, "description", "") == "textbook values"]
    assert len(buttons) == 1


def test_plot_activation_draws_f_and_its_derivative():
    from helpers.plotting import plot_activation

    lines = plot_activation("sigmoid")
    x, f = lines["f"].get_data()
    assert np.allclose(f, sigmoid(x)) and np.isclose(np.max(lines["df"].get_ydata()), 0.25, atol=1e-4)
    step_lines = plot_activation("step", value=1.0, legend=False)
    assert np.isnan(step_lines["f"].get_ydata()).sum() == 1  # no vertical segment drawn at the jump
    assert "threshold=1" in step_lines["f"].axes.get_title()
    assert "lam=1.0507" in plot_activation("selu")["f"].axes.get_title()
    with pytest.raises(ValueError, match="name must be one of"):
        plot_activation("gelu")


def test_selu_sliders_run_on_a_grid_through_the_papers_constants():
    for key, value in (("selu_alpha", SELU_ALPHA), ("lam", SELU_LAMBDA)):
        lo, hi, step = PARAM_RANGES[key]
        k = (value - lo) / step
        assert lo < value < hi and abs(k - round(k)) < 1e-9  # a browser's slider keeps the value, not a rounding
    assert slider_name("selu", "alpha") == "selu_alpha" and slider_name("elu", "alpha") == "alpha"
