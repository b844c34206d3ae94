"""Widgets driven without a browser: set a control, check what the learner would see."""

import numpy as np
import pytest

from helpers.gates import gate_learning_steps
from helpers.png import shown_picture
from helpers.widgets import GATE_LEGEND, gate_playground


def test_playground_starts_at_the_lecture_and_gate():
    p = gate_playground()
    assert p.report.gate == "AND" and p.report.n_correct == 4
    assert "4/4 correct" in p.table.value
    assert shown_picture(p.figure.image).startswith(b"\x89PNG")


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
    assert p.figure.fig is fig and len(fig.axes) == 1 and len(fig.axes[0].patches) == 2


def test_close_closes_every_widget_of_the_panel():
    p = gate_playground()
    p.close()
    assert p.panel.comm is None and p.w1.comm is None and p.figure.image.comm is None


def test_a_panel_carries_a_png_of_its_figure_for_places_without_a_kernel():
    bundle = gate_playground()._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")


def test_step_applies_one_update_of_the_rule_to_the_next_row():
    p = gate_playground(0.5, 0.5, -0.2, "AND", lr=0.5)  # the OR line: wrong on AND's rows (0, 1), (1, 0)
    p.step()  # row (0, 0): right, nothing moves
    assert (p.w1.value, p.w2.value, p.b.value) == (0.5, 0.5, -0.2) and p.next_row == 1
    assert "right: nothing moves" in p.step_log.value
    png = p.figure.image.value
    p.step_button.click()  # row (0, 1) fired wrongly: w2 and b go down by η
    assert (p.w1.value, p.w2.value, p.b.value) == (0.5, 0.0, -0.7) and p.next_row == 2
    assert "error -1" in p.step_log.value and p.figure.image.value != png


def test_steps_follow_the_plain_learning_rule():
    p = gate_playground(0.0, 0.0, 0.0, "NAND", lr=0.25)
    for _ in range(10):
        p.step()
    expected = gate_learning_steps((0.0, 0.0), 0.0, "NAND", 0.25, n_steps=10)
    np.testing.assert_allclose([p.w1.value, p.w2.value, p.b.value], [*expected[-1].w, expected[-1].b])
    assert [s.row for s in p.steps] == [s.row for s in expected]


def test_stepping_and_stops_once_every_row_is_right():
    p = gate_playground(0.0, 0.0, 0.0, "AND", lr=0.25)
    for _ in range(40):
        p.step()
    assert p.report.n_correct == 4 and "the rule has stopped" in p.step_log.value


def test_stepping_xor_comes_back_to_an_earlier_state_and_says_so():
    p = gate_playground(gate="XOR")  # the lecture's AND weights, η = 0.5
    states = [p.settings]
    for _ in range(21):
        p.step()
        states.append(p.settings)
    assert "loops every 4 steps" in p.step_log.value and "after step 17" in p.step_log.value
    assert states[21] == states[17] and p.next_row == 1  # same weights, same next row: a cycle
    assert p.report.n_correct < 4


def test_moving_a_control_starts_the_steps_again_from_row_0_but_the_readout_does_not():
    p = gate_playground(gate="XOR")
    p.step()
    p.step()
    p.form.value = "threshold"
    assert len(p.steps) == 2 and p.next_row == 2
    p.w1.value = 0.25
    assert p.steps == [] and p.next_row == 0 and p.step_log.value == ""


def test_a_slider_echoing_a_stepped_value_off_by_a_rounding_does_not_restart_the_steps():
    p = gate_playground(gate="XOR")
    for _ in range(3):
        p.step()
    p.b.value = p.b.value + 1e-12  # what the browser's slider sends back after snapping to its grid
    assert len(p.steps) == 3 and p.next_row == 3


def test_a_step_that_would_leave_the_slider_range_is_refused_and_said():
    p = gate_playground(0.0, 1.0, -1.0, "OR", lr=0.5)
    p.step()  # row (0, 0): z = -1, silent, right
    before = p.settings
    p.step()  # row (0, 1): z = 0, silent but should fire: w2 would be 1.5, outside [-1, 1]
    assert p.settings == before and p.next_row == 1 and len(p.steps) == 1
    assert "not applied" in p.step_log.value and "+1.50" in p.step_log.value


def test_the_threshold_readout_shows_w_dot_x_against_theta_with_the_same_outputs():
    p = gate_playground(0.5, 0.5, -0.7, "AND", form="threshold")
    assert "θ = +0.70" in p.table.value and "+1.00" in p.table.value  # w·x = 1.0 for row (1, 1)
    assert "θ = −b = +0.70" in p.status.value and p.report.n_correct == 4
    p.form.value = "bias"
    assert "z = w·x + b" in p.table.value and "+0.30" in p.table.value


def test_the_picture_draws_w_as_the_normal_of_the_line_towards_output_1():
    p = gate_playground(0.5, 0.5, -0.7, "AND")
    (x0, y0), = p.picture.normal.get_offsets()
    u, v = p.picture.normal.U[0], p.picture.normal.V[0]
    xs, ys = p.picture.line.get_data()
    assert 0.5 * x0 + 0.5 * y0 - 0.7 == pytest.approx(0)  # the arrow starts on the line
    assert u * (xs[1] - xs[0]) + v * (ys[1] - ys[0]) == pytest.approx(0)  # at right angles to it
    assert 0.5 * (x0 + u) + 0.5 * (y0 + v) - 0.7 > 0  # and its tip is on the side that outputs 1
    p.set_settings(w1=-0.5, w2=0.0, b=-0.2)  # the line x1 = -0.4: only a thin strip outputs 1
    assert p.picture.normal.get_visible() and -0.35 <= p.picture.normal.U[0] < 0 and p.picture.normal.V[0] == 0
    p.set_settings(w1=0.0, w2=0.0)  # no line at all: no arrow
    assert not p.picture.normal.get_visible()


def test_the_panel_has_a_legend_labelled_controls_and_a_textbook_values_button():
    p = gate_playground()
    texts = [child.value for child in p.panel.children if hasattr(child, "value")]
    assert GATE_LEGEND in texts and "blue 0, orange 1" in GATE_LEGEND
    assert [p.w1.description, p.w2.description, p.b.description, p.lr.description] == \
        ["w₁", "w₂", "b (bias)", "η (rate)"]
    buttons = [c.description for c in p.panel.children[0].children[1].children[6].children]
    assert buttons == ["Step", "lecture weights", "textbook values"]


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"w1": 1.5}, ValueError, "w1 must be between -1.0 and 1.0 (the slider's range), got 1.5"),
    ({"b": "0.1"}, TypeError, "b must be a real number"),
    ({"w2": float("nan")}, ValueError, "w2 must be finite"),
    ({"gate": "XNOR"}, ValueError, "gate must be one of"),
    ({"lr": 0.3}, ValueError, "lr must be one of (0.05, 0.1, 0.25, 0.5), got 0.3"),
    ({"form": "theta"}, ValueError, "form must be 'bias' or 'threshold'"),
])
def test_bad_arguments_to_the_playground_get_a_clear_error(kwargs, error, words):
    with pytest.raises(error) as info:
        gate_playground(**kwargs)
    assert words in str(info.value)


def _pixels(live):
    return np.asarray(live.fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("hinted_text", [True, False])
def test_redraw_changed_gives_the_picture_a_full_redraw_gives(hinted_text):
    """Only the boxes of the texts that changed are redrawn, yet the picture is the same pixel for pixel,
    also where a changed text overlaps one that did not change and after many moves in a row."""
    from matplotlib.figure import Figure

    from helpers.widgets import LiveFigure

    fig = Figure(figsize=(3, 2), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.plot([0, 1], [0, 1], "k")  # background under the texts
    texts = [ax.text(0.1 + 0.2 * k, 0.5, "", fontsize=9) for k in range(4)]
    texts.append(ax.text(0.15, 0.5, "", fontsize=9, color="red"))  # overlaps texts[0] and texts[1]
    texts.append(ax.text(0.3, 0.8, "", fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85}))
    ax.grid(True)  # lines behind the box that reaches beyond its letters
    live = LiveFigure(fig, texts, hinted_text=hinted_text)
    rng = np.random.default_rng(0)
    for move in range(30):
        text = texts[rng.integers(len(texts))]
        text.set_text(f"v={rng.normal():.4g}" if move % 7 else "")
        live.redraw_changed([text])
        if move % 5 == 4:  # after five partial redraws in a row
            partial = _pixels(live)
            live.redraw_changed([])  # nothing changed: nothing moves
            assert np.array_equal(partial, _pixels(live))
            live.redraw()  # the reference: background and every text drawn again
            assert np.array_equal(partial, _pixels(live)), f"move {move}"


def test_overlays_are_drawn_into_a_kept_background_to_the_pixels_of_a_full_draw():
    """Overlay artists (axis numbers written as texts) are part of the background: a new ``overlay_key`` on a
    layout seen before draws only them, a key seen before draws nothing, and every picture is the one a figure
    drawn from scratch shows."""
    from matplotlib.figure import Figure

    from helpers.widgets import LiveFigure

    def build():
        fig = Figure(figsize=(3, 2), dpi=100)
        ax = fig.add_axes((0.1, 0.2, 0.8, 0.7), xlim=(0, 1))
        (line,) = ax.plot([0, 1], [0, 1])
        numbers = [ax.text(x, -0.1, "", transform=ax.transAxes, ha="center", va="top") for x in (0, 0.5, 1)]
        return fig, line, numbers

    def show(line, numbers, top, slope):
        for number, value in zip(numbers, (0, top / 2, top), strict=True):
            number.set_text(f"{value:g}")
        line.set_ydata([0, slope])

    fig, line, numbers = build()
    show(line, numbers, 5, 0.3)
    live = LiveFigure(fig, [line], key="axes", overlay_artists=numbers, overlay_key=5)
    full_draws = []
    canvas_draw = fig.canvas.draw
    fig.canvas.draw = lambda: full_draws.append(1) or canvas_draw()
    for top, slope in ((10, 0.6), (5, 0.9), (20, 0.2), (10, 0.4)):
        show(line, numbers, top, slope)
        live.redraw(full=True, key="axes", overlay_key=top)
        fresh_fig, fresh_line, fresh_numbers = build()
        show(fresh_line, fresh_numbers, top, slope)
        fresh = LiveFigure(fresh_fig, [fresh_line], overlay_artists=fresh_numbers)
        assert np.array_equal(_pixels(live), _pixels(fresh)), f"top {top}"
    assert not full_draws  # the numbers were drawn over the kept figure, never the whole figure again


@pytest.mark.parametrize("alpha", [1.0, 0.0])
def test_the_png_holds_exactly_the_drawn_pixels_without_alpha_only_when_the_figure_is_opaque(alpha):
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.widgets import LiveFigure

    fig = Figure(figsize=(2, 1.5), dpi=100, facecolor=(1, 1, 1, alpha))
    (line,) = fig.add_subplot().plot([0, 1], [1, 0])
    live = LiveFigure(fig, [line])
    for y in (0.3, 0.8):  # a second move encodes in the rows the first one left behind
        line.set_ydata([y, 0])
        live.redraw()
        shown = np.asarray(Image.open(io.BytesIO(live.png())))
        drawn = np.asarray(fig.canvas.buffer_rgba())
        assert np.array_equal(shown, drawn[..., :3] if alpha == 1 else drawn)


@pytest.mark.parametrize("hinted_text", [True, False])
def test_text_from_the_kept_glyphs_has_the_pixels_matplotlib_draws(hinted_text):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.widgets import LiveFigure

    def figure():
        fig = Figure(figsize=(3, 2), dpi=100)
        ax = fig.add_subplot(title="a title, bold", xlabel="x (units)")
        texts = [ax.text(0.1 + 0.013 * k, 0.2 + 0.11 * k, f"std {0.37 * k:.2g}\nzeros {k}%", fontsize=7 + k,
                         color=("black", "#D55E00")[k % 2], ha=("left", "center", "right")[k % 3],
                         fontweight=("normal", "bold")[k % 2]) for k in range(6)]
        texts.append(ax.text(0.5, 0.5, "rotated", rotation=30))
        texts.append(ax.text(0.3, 0.9, r"$\sigma_w$ and  text", antialiased=False))
        return fig, texts

    unhinted = {} if hinted_text else {"text.hinting": "no_hinting"}
    fig, _ = figure()
    with matplotlib.rc_context(unhinted):
        FigureCanvasAgg(fig).draw()  # matplotlib's own drawing of everything
    expected = np.asarray(fig.canvas.buffer_rgba()).copy()
    fig, texts = figure()
    live = LiveFigure(fig, [], hinted_text=hinted_text)  # every glyph rendered and kept
    live.redraw(full=True)  # the same figure again, from the kept glyphs
    assert np.array_equal(_pixels(live), expected)


def _gate():
    p = gate_playground()
    return p, p.w1, 0.2


def _init_explorer():
    from helpers.init_explorer import init_explorer

    p = init_explorer(scheme="xavier", activation="relu", depth=8)
    return p, p.std, 0.3


def _time_stepper():
    from helpers.rnn_widgets import TimeStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(3, 12, seed=0)
    p = TimeStepper(SequenceRegressor(1, 4, seed=0), batch.noisy, batch.clean)
    return p, p.seq, 2


def _activation_explorer():
    from helpers.activation_explorer import activation_explorer

    p = activation_explorer("sigmoid")
    return p, p.scale, 1.5


def _shapes_explorer():
    from helpers.rnn_explorers import ShapesExplorer

    p = ShapesExplorer()
    return p, p.sizes["H"], 3


def _gradient_flow():
    from helpers.rnn_widgets import GradientFlowExplorer

    p = GradientFlowExplorer()
    return p, p.scale, 1.5


@pytest.mark.parametrize("make", [_gate, _init_explorer, _time_stepper, _activation_explorer, _shapes_explorer,
                                  _gradient_flow])
def test_a_move_sends_the_new_picture_before_any_text(make, monkeypatch):
    """The picture is the slow part in the page (transfer and decode): it goes first, the texts follow."""
    import ipywidgets

    panel, control, value = make()
    sent = []
    send = ipywidgets.Widget._send
    monkeypatch.setattr(ipywidgets.Widget, "_send", lambda self, msg, buffers=None: sent.append(self) or
                        send(self, msg, buffers))
    control.value = value
    panel_texts = [w for w in sent if isinstance(w, ipywidgets.HTML)]
    assert panel.figure.image in sent and panel_texts
    assert sent.index(panel.figure.image) < min(sent.index(w) for w in panel_texts)


def test_a_live_figure_built_undrawn_shows_the_same_picture_at_its_first_redraw(monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.widgets import LiveFigure

    def build():
        fig = Figure(figsize=(2, 1.5), dpi=100)
        (line,) = fig.add_subplot().plot([0, 1], [1, 0])
        return fig, line

    draws = []
    canvas_draw = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda canvas: draws.append(1) or canvas_draw(canvas))
    fig, line = build()
    undrawn = LiveFigure(fig, [line], draw=False)
    assert bytes(undrawn.image.value) == b"" and not draws  # nothing drawn, nothing shown yet
    line.set_ydata([0.2, 0.7])
    undrawn.redraw()  # the first redraw draws the background it does not have yet
    fresh_fig, fresh_line = build()
    fresh_line.set_ydata([0.2, 0.7])
    assert np.array_equal(_pixels(undrawn), _pixels(LiveFigure(fresh_fig, [fresh_line])))
    assert len(draws) == 2  # one each


@pytest.mark.parametrize("build", ["activation_explorer", "descent_explorer"])
def test_a_panel_draws_its_whole_figure_once_while_it_is_built(monkeypatch, build):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    draws = []
    canvas_draw = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda canvas: draws.append(1) or canvas_draw(canvas))
    if build == "activation_explorer":
        from helpers.activation_explorer import activation_explorer

        panel = activation_explorer("sigmoid")
    else:
        from helpers.descent_explorer import DescentExplorer

        panel = DescentExplorer()
    assert len(draws) == 1
    assert bytes(panel.figure.image.value).startswith(b"data:image/png;base64,")  # and shown
