"""Backprop step-through: the 2-2-2 sigmoid network drawn, its numbers appearing one at a time — notebook 05.

Forward values (``v``, ``x``, the loss) fill in from left to right, then the error signals ``e`` and the
gradients from right to left, exactly in the order :func:`helpers.backprop.hand_backprop_222` computes them.
The current number is ringed and its formula, with the numbers put in, is written under the controls.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from helpers.backprop import example_222, hand_backprop_222
from helpers.widgets import LiveFigure, Panel

LAYER_X = {1: 0.0, 2: 3.0, 3: 6.0}
NODE_Y = {1: 1.2, 2: -1.2}
FORWARD, BACKWARD = "#0072B2", "#D55E00"


def _edge_t(i: int, j: int) -> float:
    """Where along an edge its weight (above) and gradient (below) are written: crossing edges early,
    straight ones late, so the four labels between two layers never meet."""
    return 0.5 if i == j else 0.3


def _edge_point(k: int, i: int, j: int, t: float) -> tuple[float, float]:
    """A point a fraction ``t`` along the edge from node i of layer k to node j of layer k + 1."""
    (x0, y0), (x1, y1) = (LAYER_X[k], NODE_Y[i]), (LAYER_X[k + 1], NODE_Y[j])
    return x0 + t * (x1 - x0), y0 + t * (y1 - y0)


def _outward(j: int) -> float:
    """+1 for the upper node (labels go above it), -1 for the lower one (labels go below)."""
    return 1.0 if j == 1 else -1.0


def value_positions() -> dict[str, tuple[float, float, str]]:
    """Where each number of the hand calculation is written: key -> (x, y, label prefix)."""
    pos: dict[str, tuple[float, float, str]] = {}
    for k in (2, 3):
        for j in (1, 2):
            x, y, out = LAYER_X[k], NODE_Y[j], _outward(j)
            pos[f"v{k}_{j}"] = (x, y + 0.17, "v=")
            pos[f"x{k}_{j}"] = (x, y - 0.17, "x=")
            pos[f"e{k}_{j}"] = (x, y + 0.72 * out, "e=")
            pos[f"db{k - 1}_{j}"] = (x + 0.55, y + 1.02 * out, "∂b=")
    for k in (1, 2):
        for i in (1, 2):
            for j in (1, 2):
                x, y = _edge_point(k, i, j, _edge_t(i, j))
                pos[f"dW{k}_{i}{j}"] = (x, y - 0.2, "∂w=")
    pos["L"] = (7.6, 0.0, "L=")
    return pos


class BackpropStepper(Panel):
    """Buttons ``◀ back`` / ``next ▶`` and a step slider over the forward and backward pass of the 2-2-2 net.

    Tests set ``stepper.step.value = k`` and read ``stepper.current`` (the :class:`helpers.backprop.Step`
    shown last, or ``None`` at step 0), ``stepper.texts`` and ``stepper.formula.value``.
    """

    def __init__(self, example: dict | None = None):
        self.example = example_222() if example is None else example
        self.steps, self.grads = hand_backprop_222(**self.example)
        n = len(self.steps)
        self.step = widgets.IntSlider(value=0, min=0, max=n, description="step", continuous_update=True,
                                      layout=widgets.Layout(width="420px"))
        self.back_button = widgets.Button(description="back", icon="chevron-left")
        self.next_button = widgets.Button(description="next", icon="chevron-right")
        self.formula = widgets.HTML(layout=widgets.Layout(width="840px"))

        fig = Figure(figsize=(8.4, 4.0), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        self._draw_network(ax)
        self.positions = value_positions()
        self.texts = {}
        for s in self.steps:
            x, y, _ = self.positions[s.key]
            colour = FORWARD if s.phase == "forward" else BACKWARD
            self.texts[s.key] = ax.text(x, y, "", ha="center", va="center", fontsize=8.5, color=colour,
                                        fontweight="bold" if s.key.startswith(("e", "L")) else "normal")
        self.ring = Circle((0, 0), 0.3, fill=False, ec="#CC79A7", lw=2.5, visible=False)
        ax.add_patch(self.ring)
        self.figure = LiveFigure(fig, [*self.texts.values(), self.ring])

        self.step.observe(lambda _: self.update(), names="value")
        self.back_button.on_click(lambda _: self._move(-1))
        self.next_button.on_click(lambda _: self._move(+1))
        self.panel = widgets.VBox([self.figure.image,
                                   widgets.HBox([self.back_button, self.next_button, self.step]), self.formula])
        self.update()

    def _draw_network(self, ax) -> None:
        ex = self.example
        Ws = {1: ex["W1"], 2: ex["W2"]}
        bs = {1: ex["b1"], 2: ex["b2"]}
        for k in (1, 2):
            for i in (1, 2):
                for j in (1, 2):
                    (x0, y0), (x1, y1) = (LAYER_X[k], NODE_Y[i]), (LAYER_X[k + 1], NODE_Y[j])
                    ax.annotate("", xy=(x1 - 0.5, y1 + (y0 - y1) * 0.5 / 3), xytext=(x0 + 0.5, y0),
                                arrowprops={"arrowstyle": "->", "color": "grey", "lw": 1})
                    x, y = _edge_point(k, i, j, _edge_t(i, j))
                    ax.text(x, y + 0.2, f"w{i}{j}={Ws[k][i - 1, j - 1]:g}", ha="center", fontsize=8,
                            bbox={"fc": "white", "ec": "none", "pad": 0.5})
        for k in (1, 2, 3):
            for j in (1, 2):
                x, y = LAYER_X[k], NODE_Y[j]
                ax.add_patch(Circle((x, y), 0.5, fc="#f2f2f2" if k == 1 else "#fbe6c2", ec="black"))
                if k == 1:
                    ax.text(x, y, f"x={ex['x'][j - 1]:g}", ha="center", va="center", fontsize=9)
                else:
                    ax.text(x - 0.35, y + 1.02 * _outward(j), f"b={bs[k - 1][j - 1]:g}", ha="center",
                            va="center", fontsize=8)
            ax.text(LAYER_X[k], 2.75, ["input (1)", "hidden (2)", "output (3)"][k - 1], ha="center", fontsize=10)
        for j in (1, 2):
            ax.text(LAYER_X[3] + 0.62, NODE_Y[j] + 0.4 * _outward(j), f"target y={self.example['y'][j - 1]:g}",
                    fontsize=8)
        ax.set(xlim=(-0.8, 8.4), ylim=(-2.5, 3.0), aspect="equal")
        ax.axis("off")

    def _move(self, delta: int) -> None:
        self.step.value = int(np.clip(self.step.value + delta, 0, self.step.max))

    @property
    def current(self):
        """The step shown last, or ``None`` before the first."""
        return self.steps[self.step.value - 1] if self.step.value else None

    def update(self) -> None:
        """Show the first ``step.value`` numbers, ring the last one and write its formula."""
        k = self.step.value
        for i, s in enumerate(self.steps):
            prefix = self.positions[s.key][2]
            self.texts[s.key].set_text(f"{prefix}{s.value:.4g}" if i < k else "")
        cur = self.current
        self.ring.set_visible(cur is not None)
        if cur is not None:
            x, y, _ = self.positions[cur.key]
            self.ring.center = (x, y)
        self.figure.redraw()
        self.back_button.disabled, self.next_button.disabled = k == 0, k == len(self.steps)
        if cur is None:
            self.formula.value = "Press <b>next</b>: the forward pass starts at the hidden layer."
        else:
            phase = "forward pass" if cur.phase == "forward" else "backward pass"
            self.formula.value = (f"<b>{phase}, step {k}/{len(self.steps)}</b>: "
                                  f"{cur.text} = {cur.formula} = <b>{cur.value:.6g}</b>")

