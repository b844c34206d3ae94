"""Widgets driven without a browser: set a control, check what the learner would see."""

import numpy as np

from helpers.widgets import gate_playground


def test_playground_starts_at_the_lecture_and_gate():
    p = gate_playground()
    assert p.report.gate == "AND" and p.report.n_correct == 4
    assert "4/4 correct" in p.table.value
    assert bytes(p.figure.image.value).startswith(b"\x89PNG")


def test_moving_a_slider_updates_table_status_and_picture():
    p = gate_playground()
    png_before = p.figure.image.value
    p.b.value = -0.2  # the AND line slides down: (0, 1) and (1, 0) now fire
    assert p.report.n_correct == 2
    assert "2/4 correct" in p.table.value and p.table.value.count("✗") == 2
    assert p.figure.image.value != png_before
    assert "2/4" in p.picture.title.get_text()


def test_changing_the_target_rescores_the_same_line():
    p = gate_playground(0.5, 0.5, -0.2, "AND")
    p.gate.value = "OR"
    assert p.report.n_correct == 4
    p.gate.value = "XOR"
    assert p.report.n_correct == 3
    assert p.reset_button.disabled and "find your own" in p.status.value


def test_lecture_weights_button_sets_the_sliders():
    p = gate_playground(0.0, 0.0, 0.0, "NAND")
    p.reset_button.click()
    assert (p.w1.value, p.w2.value, p.b.value) == (-0.5, -0.5, 0.7)
    assert p.report.n_correct == 4


def test_no_setting_of_the_sliders_solves_xor():
    p = gate_playground(gate="XOR")
    best = 0
    for w1 in np.linspace(-1, 1, 9):
        for w2 in np.linspace(-1, 1, 9):
            for b in np.linspace(-1, 1, 9):
                p.w1.value, p.w2.value, p.b.value = float(w1), float(w2), float(b)
                best = max(best, p.report.n_correct)
    assert best == 3


def test_the_figure_is_built_once():
    p = gate_playground()
    fig = p.figure.fig
    for value in (0.1, 0.2, 0.3):
        p.w2.value = value
    assert p.figure.fig is fig and len(fig.axes) == 1 and len(fig.axes[0].images) == 1


def test_close_closes_every_widget_of_the_panel():
    p = gate_playground()
    p.close()
    assert p.panel.comm is None and p.w1.comm is None and p.figure.image.comm is None


def test_a_panel_carries_a_png_of_its_figure_for_places_without_a_kernel():
    bundle = gate_playground()._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
