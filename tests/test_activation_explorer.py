"""The activation explorer, driven without a browser: set a control, check what the learner would see."""

import numpy as np
import pytest

from helpers.activation_explorer import PARAM_RANGES, activation_explorer, explorer_state, output_limits
from helpers.activations import ACTIVATIONS, relu, sigmoid


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


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_axes_limits_hold_every_curve_over_the_slider_range(name):
    act = ACTIVATIONS[name]
    (f_lo, f_hi), (d_lo, d_hi) = output_limits(name)
    x = np.linspace(-6, 6, 601)
    values = [None] if act.param is None else np.linspace(*PARAM_RANGES[act.param][:2], 7)
    for v in values:
        assert f_lo <= np.min(act(x, v)) and np.max(act(x, v)) <= f_hi
        assert d_lo <= np.min(act.derivative(x, v)) and np.max(act.derivative(x, v)) <= d_hi


def test_moving_a_slider_updates_the_picture_in_place():
    e = activation_explorer("relu")
    fig, png = e.figure.fig, e.figure.image.value
    assert bytes(png).startswith(b"\x89PNG")
    e.shift.value = -2.5
    assert e.figure.image.value != png and e.state["zero"] > 0.95
    assert f"outputs exactly 0: <b>{e.state['zero']:.1%}</b>" in e.status.value and "99." in e.status.value
    e.scale.value = 3.0
    assert e.figure.fig is fig and len(fig.axes) == 4


def test_changing_the_function_sets_up_its_parameter_slider():
    e = activation_explorer("sigmoid")
    assert e.param.disabled and e.param.description == "(no parameter)"
    e.function.value = "elu"
    assert not e.param.disabled and e.param.description == "alpha" and e.param.value == 1.0
    assert (e.param.min, e.param.max) == PARAM_RANGES["alpha"][:2]
    e.param.value = 2.0
    assert np.isclose(e.state["f"][0], ACTIVATIONS["elu"](-6.0, 2.0))
    e.function.value = "step"
    assert e.param.description == "threshold" and e.param.value == 0.0 and e.param.min == -3.0
    e.param.value = 1.0
    assert np.array_equal(e.state["f"], (e.state["x"] > 1.0).astype(float))


def test_every_function_can_be_shown():
    e = activation_explorer()
    for name in ACTIVATIONS:
        e.function.value = name
        assert np.all(np.isfinite(e.state["f"])) and np.all(np.isfinite(e.state["image"]))
        assert name in e.status.value


def test_bad_name_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of"):
        activation_explorer("gelu")
    with pytest.raises(ValueError, match="name must be one of"):
        explorer_state("gelu")


def test_plot_activation_draws_f_and_its_derivative():
    from helpers.plotting import plot_activation

    lines = plot_activation("sigmoid")
    x, f = lines["f"].get_data()
    assert np.allclose(f, sigmoid(x)) and np.isclose(np.max(lines["df"].get_ydata()), 0.25, atol=1e-4)
    step_lines = plot_activation("step", value=1.0, legend=False)
    assert np.isnan(step_lines["f"].get_ydata()).sum() == 1  # no vertical segment drawn at the jump
    assert "threshold=1" in step_lines["f"].axes.get_title()
    with pytest.raises(ValueError, match="name must be one of"):
        plot_activation("gelu")
