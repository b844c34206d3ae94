"""Every panel's settings are readable and settable from code, checked before anything changes."""

import pytest

from helpers.widgets import gate_playground


def test_settings_round_trip_and_one_redraw():
    p = gate_playground()
    start = p.settings
    assert start == {"gate": "AND", "w1": 0.5, "w2": 0.5, "b": -0.7, "lr": 0.5, "form": "bias"}
    png = p.figure.image.value
    p.set_settings(gate="OR", b=-0.2)
    assert p.settings["gate"] == "OR" and p.settings["b"] == -0.2
    assert p.report.gate == "OR" and p.report.n_correct == 4 and p.figure.image.value != png
    p.restore_defaults()
    assert p.settings == start


@pytest.mark.parametrize(("values", "error", "words"), [
    ({"w3": 0.1}, TypeError, "no control 'w3'"),
    ({"w1": 5.0}, ValueError, "w1 must be between -1.0 and 1.0, got 5.0"),
    ({"w1": float("nan")}, ValueError, "w1 must be between"),
    ({"w1": "0.3"}, TypeError, "w1 must be a number"),
    ({"gate": "XNOR"}, ValueError, "gate must be one of"),
])
def test_bad_settings_change_nothing(values, error, words):
    p = gate_playground()
    before = p.settings
    with pytest.raises(error, match=words):
        p.set_settings(w2=0.1, **values)  # a good value first: it must not be applied either
    assert p.settings == before


def test_defaults_button_restores_the_textbook_values():
    p = gate_playground()
    p.w1.value = -0.3
    p.defaults_button().click()
    assert p.settings["w1"] == 0.5
