"""The properties table is measured, and the measurements are what the mathematics says."""

import numpy as np
import pytest

from helpers.activation_properties import COLUMNS, mean_output, properties, properties_html, properties_table

# name: (continuous, nonlinear, increasing, bounded, limits at -inf and +inf, saturates, differentiable,
#        zero_centred) at the default parameters
INF = np.inf
EXPECTED = {
    "step": (False, True, True, True, (0, 1), "both", False, False),
    "identity": (True, False, True, False, (-INF, INF), "no", True, True),
    "sigmoid": (True, True, True, True, (0, 1), "both", True, False),
    "tanh": (True, True, True, True, (-1, 1), "both", True, True),
    "relu": (True, True, True, False, (0, INF), "left", False, False),
    "leaky_relu": (True, True, True, False, (-INF, INF), "no", False, False),
    "prelu": (True, True, True, False, (-INF, INF), "no", False, False),
    "elu": (True, True, True, False, (-1, INF), "left", True, False),  # alpha = 1: the two slopes meet at 0
    "selu": (True, True, True, False, (-1.7581, INF), "left", False, True),  # -λα; slopes 1.05 and 1.76 at 0
    "swish": (True, True, False, False, (0, INF), "left", True, False),  # dips to -0.278 at x = -1.278
    "maxout": (True, True, False, False, (INF, INF), "no", False, False),  # max(x, -0.5x): a V
    "softmax": (True, True, True, True, (0, 1), "both", True, False),  # two-class view = sigmoid
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_measured_properties_match_the_mathematics(name):
    p = properties(name)
    measured = (p["continuous"], p["nonlinear"], p["increasing"], p["bounded"], (p["left"], p["right"]),
                p["saturates"], p["differentiable"], p["zero_centred"])
    expected = EXPECTED[name]
    assert measured[:4] == expected[:4] and measured[5:] == expected[5:]
    assert np.allclose(measured[4], expected[4], atol=1e-4)


def test_ranges_limits_and_means():
    assert properties("sigmoid")["range"] == "0 to 1" and np.isclose(properties("sigmoid")["mean"], 0.5)
    assert properties("relu")["range"] == "0 to ∞" and np.isclose(properties("relu")["mean"], 1 / np.sqrt(2 * np.pi))
    assert properties("swish")["range"] == "-0.278 to ∞" and properties("swish")["limits"] == "0, ∞"
    assert properties("elu")["low"] == pytest.approx(-1.0) and properties("elu")["high"] == np.inf
    assert properties("tanh")["limits"] == "-1, 1" and properties("identity")["limits"] == "-∞, ∞"


def test_mean_output_for_wider_inputs():
    assert abs(mean_output("tanh", 2.0)) < 1e-12 and abs(mean_output("identity", 3.0)) < 1e-12  # odd functions
    assert abs(mean_output("selu", 1.0)) < 1e-3 < mean_output("selu", 2.0)  # SELU's constants fit N(0, 1) only
    assert round(mean_output("selu", 2.0), 2) == 0.25  # the number exercise 2's solution quotes
    assert mean_output("relu", 2.0) == pytest.approx(2 / np.sqrt(2 * np.pi))  # ReLU is positively homogeneous
    with pytest.raises(ValueError, match="std must be positive"):
        mean_output("relu", 0.0)


def test_properties_depend_on_the_parameters():
    assert not properties("elu", 0.5)["differentiable"]  # slopes 1 and 0.5 at 0
    assert properties("maxout", 0.0)["increasing"]  # max(x, 0) is ReLU
    assert properties("maxout", -1.0)["range"] == "0 to ∞"  # |x|
    assert properties("swish", 0.0)["increasing"] and not properties("swish", 0.0)["nonlinear"]  # x / 2
    assert not properties("step", 0.7)["continuous"]  # the jump moved to 0.7 and was still found
    assert properties("selu", lam=1.2)["zero_centred"]  # λ only scales: the mean stays 0 ...
    assert not properties("selu", alpha=1.0)["zero_centred"]  # ... α sets it
    assert properties("selu", alpha=1.0, lam=1.0)["differentiable"]  # that is ELU(1)
    assert not properties("leaky_relu", 1.0)["nonlinear"]  # slope 1 on both sides: the identity


def test_the_seed_claim_bounded_and_monotonic_is_false():
    rows = properties_table()
    assert len(rows) == 12
    assert [r["name"] for r in rows if not r["bounded"]] == [
        "identity", "relu", "leaky_relu", "prelu", "elu", "selu", "swish", "maxout"]
    assert [r["name"] for r in rows if not r["increasing"]] == ["swish", "maxout"]
    assert [r["name"] for r in rows if not r["nonlinear"]] == ["identity"]


def test_html_table_has_the_seeds_five_properties_and_one_row_per_function():
    text = properties_html(properties_table(["relu", "tanh"]))
    assert text.count("<tr>") == 3 and all(h in text for h in ("zero-centred", "saturates"))
    for heading in ("1 continuous", "2 nonlinear", "3 monotonic increasing", "4 range", "5 limits"):
        assert heading in text
    assert "✓" in text and "✗" in text and set(COLUMNS) >= {"name", "range", "limits"}


def test_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of"):
        properties("gelu")
    with pytest.raises(TypeError, match="relu has no parameter alpha"):
        properties("relu", alpha=0.1)
