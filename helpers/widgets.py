"""Interactive panels. Each panel wraps plain functions that tests call without a browser.

How a panel stays smooth (DESIGN.md, example 7): the figure is built once as a matplotlib ``Figure``
shown through an ``ipywidgets.Image`` of fixed size. A slider move changes only the artists that move,
redraws just those over a cached background (blitting) and swaps the image's PNG bytes: no flicker, no
page jump, no new figure per move, and the same code runs in JupyterLab, in nbval and in tests.
"""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.datasets import GATE_NAMES
from helpers.gates import GATE_WEIGHTS, evaluate_gate, first_repeat, gate_learning_steps
from helpers.live_figure import LiveFigure
from helpers.panel import Panel, sets_up_next_run
from helpers.plotting import GatePicture, truth_table_html
from helpers.validation import as_finite_float

__all__ = ["LiveFigure", "Panel", "GatePlayground", "gate_playground", "sets_up_next_run"]  # all panels import here


#: The playground's learning rates η, and the weight range of its sliders.
GATE_LEARNING_RATES = (0.05, 0.1, 0.25, 0.5)
GATE_WEIGHT_RANGE = (-1.0, 1.0)
GATE_LEGEND = ("<b>colours:</b> points = target, shading = output (blue 0, orange 1) · red edge = wrong · "
               "arrow = w · dashed ring = next row for Step")


class GatePlayground(Panel):
    """Sliders for ``w1``, ``w2``, ``b``, a target gate and η; a Step button for the learning rule.

    Shows the line ``w·x + b = 0`` with ``w`` as its normal, the half-planes and the truth table (in the bias
    form ``z = w·x + b > 0`` or the threshold form ``w·x > θ = -b``). **Step** applies one update of the
    learning rule (:func:`helpers.gates.gate_learning_steps`) to the next row, (0, 0) first; moving a control
    starts again from row (0, 0). Read ``playground.report``, ``playground.settings`` or
    ``playground.steps``; set with ``playground.set_settings(w1=0.3, ...)``.

    Raises:
        TypeError, ValueError: an argument that is not a number in the sliders' range [-1, 1], an unknown
            gate, an η not in ``GATE_LEARNING_RATES`` or a form other than ``"bias"``/``"threshold"``.
    """

    def __init__(self, w1: float = 0.5, w2: float = 0.5, b: float = -0.7, gate: str = "AND", lr: float = 0.5,
                 form: str = "bias"):
        lo, hi = GATE_WEIGHT_RANGE
        for name, value in {"w1": w1, "w2": w2, "b": b}.items():
            if not lo <= as_finite_float(value, name) <= hi:
                raise ValueError(f"{name} must be between {lo} and {hi} (the slider's range), got {value}")
        if not isinstance(gate, str) or gate.upper() not in GATE_NAMES:
            raise ValueError(f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}")
        if as_finite_float(lr, "lr") not in GATE_LEARNING_RATES:
            raise ValueError(f"lr must be one of {GATE_LEARNING_RATES}, got {lr}")
        if form not in ("bias", "threshold"):
            raise ValueError(f"form must be 'bias' or 'threshold', got {form!r}")

        def slider(description, value):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=0.05, description=description,
                                       readout_format="+.2f", continuous_update=True,
                                       layout=widgets.Layout(width="300px"))

        self.w1, self.w2, self.b = slider("w₁", w1), slider("w₂", w2), slider("b (bias)", b)
        self.gate = widgets.Dropdown(options=GATE_NAMES, value=gate.upper(), description="target",
                                     layout=widgets.Layout(width="300px"))
        self.lr = widgets.Dropdown(options=GATE_LEARNING_RATES, value=lr, description="η (rate)",
                                   layout=widgets.Layout(width="300px"))
        self.form = widgets.ToggleButtons(options=[("bias b", "bias"), ("threshold θ", "threshold")], value=form,
                                          description="readout", style={"button_width": "95px"},
                                          tooltips=["fires when w·x + b > 0", "fires when w·x > θ = −b"])
        self.step_button = widgets.Button(description="Step", icon="step-forward", button_style="primary",
                                          tooltip="One update of the learning rule on the next row")
        self.reset_button = widgets.Button(description="lecture weights", icon="undo",
                                           tooltip="Set the lecture's weights for the target gate")
        self.status, self.table, self.step_log = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.steps = []  # the RuleSteps since a control last moved
        self.next_row = 0

        self.report = evaluate_gate((w1, w2), b, gate)
        fig = Figure(figsize=(4.2, 4.2), dpi=100, layout="constrained")
        self.picture = GatePicture(fig.add_subplot(), self.report, next_row=0)
        self.figure = LiveFigure(fig, self.picture.artists)

        self._register_controls({"gate": self.gate, "w1": self.w1, "w2": self.w2, "b": self.b, "lr": self.lr,
                                 "form": self.form})
        for control in (self.gate, self.w1, self.w2, self.b, self.lr):
            self._observe(control, self._moved)
        self._observe(self.form, lambda _change: self.update())  # a readout: the steps go on
        self._stepping = False
        self._start = None  # (w1, w2, b, next_row) before the first of self.steps
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.set_lecture_weights())
        buttons = widgets.HBox([self.step_button, self.reset_button, self.defaults_button()])
        self.panel = widgets.VBox([widgets.HBox([
            self.figure.image,
            widgets.VBox([self.gate, self.w1, self.w2, self.b, self.lr, self.form, buttons, self.step_log,
                          self.status, self.table], layout=widgets.Layout(padding="10px 0 0 10px")),
        ]), widgets.HTML(GATE_LEGEND)])
        self.update()

    def _moved(self, change) -> None:
        """A control moved by hand. A slider's echo of a value it was sent (off by a rounding) is no move."""
        if isinstance(change["new"], float) and abs(change["new"] - change["old"]) < 1e-9:
            return
        self.refresh()

    def refresh(self) -> None:
        """After a control moved (by hand or :meth:`set_settings`): forget the steps, redraw."""
        if not self._stepping:
            self.steps, self.next_row, self._start = [], 0, None
            self.step_log.value = ""
        self.update()

    def update(self) -> None:
        """Recompute the report from the controls and refresh the picture, table and status."""
        self.report = evaluate_gate((self.w1.value, self.w2.value), self.b.value, self.gate.value)
        self.picture.update(self.report, self.next_row)
        self.figure.redraw()
        self.table.value = truth_table_html(self.report, self.form.value)
        rule = ("fires when w₁x₁ + w₂x₂ + b > 0" if self.form.value == "bias"
                else f"fires when w₁x₁ + w₂x₂ > θ, θ = −b = {-self.b.value + 0.0:+.2f}")
        lecture = "" if self.report.gate in GATE_WEIGHTS else " (no lecture weights: find your own)"
        self.status.value = f"<b>target: {self.report.gate}</b>{lecture}; {rule}"
        self.reset_button.disabled = self.report.gate not in GATE_WEIGHTS

    def step(self) -> None:
        """One update of the learning rule on the next row; the sliders move to the new ``w`` and ``b``."""
        (done,) = gate_learning_steps((self.w1.value, self.w2.value), self.b.value, self.gate.value,
                                      self.lr.value, 1, first_row=self.next_row)
        lo, hi = GATE_WEIGHT_RANGE
        w1, w2, b = (round(float(v), 10) for v in (*done.w, done.b))  # 0.1 + 0.2 -> 0.3, as a slider shows it
        if not all(lo <= v <= hi for v in (w1, w2, b)):
            self.step_log.value = (f"<b style='color:#cf222e'>not applied:</b> this step would take (w, b) to "
                                   f"({done.w[0]:+.2f}, {done.w[1]:+.2f}, {done.b:+.2f}), outside the sliders' "
                                   f"range [{lo:g}, {hi:g}]; lower η or press textbook values")
            return
        if not self.steps:
            self._start = (self.w1.value, self.w2.value, self.b.value, self.next_row)
        self.steps.append(done)
        self.next_row = done.next_row
        self._stepping = True
        try:
            self.set_settings(w1=w1, w2=w2, b=b)
        finally:
            self._stepping = False
        self.step_log.value = self._describe_steps()

    def _describe_steps(self) -> str:
        """One line on the last step, and one on the cycle once the state has come back."""
        last, n = self.steps[-1], len(self.steps)
        verdict = ("right: nothing moves" if last.error == 0 else
                   f"error {last.error:+d} → w = ({last.w[0]:+.2f}, {last.w[1]:+.2f}), b = {last.b:+.2f}")
        line = f"step {n} · row ({last.x[0]}, {last.x[1]}): ŷ = {last.y_hat}, target {last.y}, {verdict}"
        repeat = first_repeat([self._start, *(s.state for s in self.steps)])
        if repeat is not None and any(s.error != 0 for s in self.steps[repeat[0]:repeat[1]]):
            line += (f"<br><b>back to the state after step {repeat[0]}</b> (same w, b and next row): "
                     f"the rule now loops every {repeat[1] - repeat[0]} steps, forever")
        elif n >= 4 and all(s.error == 0 for s in self.steps[-4:]):
            line += "<br><b>four rows in a row without a mistake:</b> every row is right, the rule has stopped"
        return line

    def set_lecture_weights(self) -> None:
        """Move the sliders to the lecture's weights for the current target (AND, NAND or OR)."""
        (w1, w2), b = GATE_WEIGHTS[self.gate.value]
        self.set_settings(w1=w1, w2=w2, b=b)


def gate_playground(w1: float = 0.5, w2: float = 0.5, b: float = -0.7, gate: str = "AND", lr: float = 0.5,
                    form: str = "bias") -> GatePlayground:
    """The gate playground of notebook 01, starting at the given weights (the lecture's AND by default)."""
    return GatePlayground(w1, w2, b, gate, lr, form)
