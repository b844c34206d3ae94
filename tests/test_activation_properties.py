"""The properties table is measured, and the measurements are what the mathematics says."""

import numpy as np
import pytest

from helpers.activation_properties import COLUMNS, properties, properties_html, properties_table

# name: (continuous, differentiable, monotonic, bounded, zero_centred, saturates) at the default parameter
EXPECTED = {
    "step": (False, False, True, True, False, "both"),
    "identity": (True, True, True, False, True, "no"),
    "sigmoid": (True, True, True, True, False, "both"),
    "tanh": (True, True, True, True, True, "both"),
    "relu": (True, False, True, False, False, "left"),
    "leaky_relu": (True, False, True, False, False, "no"),
    "prelu": (True, False, True, False, False, "no"),
    "elu": (True, True, True, False, False, "left"),  # alpha = 1: the two slopes meet at 0
    "selu": (True, False, True, False, True, "left"),  # slopes 1.05 and 1.76 at 0; mean 0 by design
    "swish": (True, True, False, False, False, "left"),  # dips to -0.278 at x = -1.278
    "maxout": (True, False, False, False, False, "no"),  # max(x, -0.5x): a V
    "softmax": (True, True, True, True, False, "both"),  # two-class view = sigmoid
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_measured_properties_match_the_mathematics(name):
    p = properties(name)
    measured = (p["continuous"], p["differentiable"], p["monotonic"], p["bounded"], p["zero_centred"],
                p["saturates"])
    assert measured == EXPECTED[name]


def test_ranges_and_means():
    assert properties("sigmoid")["range"] == "0 to 1" and np.isclose(properties("sigmoid")["mean"], 0.5)
    assert properties("relu")["range"] == "0 to ∞" and np.isclose(properties("relu")["mean"], 1 / np.sqrt(2 * np.pi))
    assert properties("swish")["range"] == "-0.278 to ∞"
    assert properties("elu")["low"] == pytest.approx(-1.0) and properties("elu")["high"] == np.inf


def test_properties_depend_on_the_parameter():
    assert not properties("elu", 0.5)["differentiable"]  # slopes 1 and 0.5 at 0
    assert properties("maxout", 0.0)["monotonic"]  # max(x, 0) is ReLU
    assert properties("maxout", -1.0)["range"] == "0 to ∞"  # |x|
    assert properties("swish", 0.0)["monotonic"] and not properties("swish", 0.0)["bounded"]  # x / 2
    assert not properties("step", 0.7)["continuous"]  # the jump moved to 0.7 and was still found


def test_the_source_claim_bounded_and_monotonic_is_false():
    rows = properties_table()
    assert len(rows) == 12
    assert [r["name"] for r in rows if not r["bounded"]] == [
        "identity", "relu", "leaky_relu", "prelu", "elu", "selu", "swish", "maxout"]
    assert [r["name"] for r in rows if not r["monotonic"]] == ["swish", "maxout"]


def test_html_table_has_a_header_and_one_row_per_function():
    text = properties_html(properties_table(["relu", "tanh"]))
    assert text.count("<tr>") == 3 and all(h in text for h in ("zero-centred", "saturates"))
    assert "✓" in text and "✗" in text and set(COLUMNS) >= {"name", "range"}


def test_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of"):
        properties("gelu")
