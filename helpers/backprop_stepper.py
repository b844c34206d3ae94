"""Backprop step-through: the 2-2-2 sigmoid network drawn, its numbers appearing one at a time — notebook 05.

Forward values (``v``, ``x``, the loss) fill in from left to right, then the error signals ``e`` and the
gradients from right to left, exactly in the order :func:`helpers.backprop.hand_backprop_222` computes them;
a last step applies the update ``p <- p - η ∂L/∂p`` (:func:`helpers.backprop.gradient_step`) and shows the new
weights and the new loss. The inputs, targets, weights, biases and η are editable boxes; the current number is
ringed and its formula, with the numbers put in, is written under the picture.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from helpers.backprop import example_222, gradient_step, hand_backprop_222, loss_222
from helpers.validation import as_finite_float
from helpers.widgets import LiveFigure, Panel

LAYER_X = {1: 0.0, 2: 3.0, 3: 6.0}
NODE_Y = {1: 1.2, 2: -1.2}
FORWARD, BACKWARD, UPDATED = "#0072B2", "#D55E00", "#009E73"
VALUE_LIMIT = 5.0  # inputs, weights and biases are editable in [-VALUE_LIMIT, VALUE_LIMIT]
LR_RANGE = (0.01, 20.0)
LEGEND = (f"<span style='color:{FORWARD}'>■</span> forward pass (v, x, loss L) · "
          f"<span style='color:{BACKWARD}'>■</span> backward pass (error signals e, gradients ∂w, ∂b) · "
          f"<span style='color:{UPDATED}'>■</span> after the update (new w, b, L) · "
          "<span style='color:#CC79A7'>○</span> the number just computed")
_SUB, _SUP = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"), str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def control_names() -> dict[str, tuple[str, tuple[int, ...]]]:
    """Each editable number: control name -> (array name in :func:`example_222`, index), e.g. ``"W1_12"`` ->
    ``("W1", (0, 1))``, the weight w₁₂⁽¹⁾ from input 1 to hidden node 2."""
    names = {f"x{i}": ("x", (i - 1,)) for i in (1, 2)} | {f"y{j}": ("y", (j - 1,)) for j in (1, 2)}
    for k in (1, 2):
        names |= {f"W{k}_{i}{j}": (f"W{k}", (i - 1, j - 1)) for i in (1, 2) for j in (1, 2)}
        names |= {f"b{k}_{j}": (f"b{k}", (j - 1,)) for j in (1, 2)}
    return names


NAMES = control_names()


def symbol(name: str) -> str:
    """The text's symbol for a control name: ``"W1_12"`` -> ``w₁₂⁽¹⁾``, ``"b2_1"`` -> ``b₁⁽²⁾``, ``"x1"`` -> ``x₁``."""
    if not isinstance(name, str) or name not in control_names():
        raise ValueError(f"name must be a control name such as 'W1_12', 'b2_1' or 'x1', got {name!r}")
    if "_" not in name:
        return name[0] + name[1:].translate(_SUB)
    head, node = name.split("_")
    return f"{head[0].lower()}{node.translate(_SUB)}{f'({head[1]})'.translate(_SUP)}"


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
            pos[f"db{k - 1}_{j}"] = (x + 0.08, y + 1.02 * out, "∂b=")
    for k in (1, 2):
        for i in (1, 2):
            for j in (1, 2):
                x, y = _edge_point(k, i, j, _edge_t(i, j))
                pos[f"dW{k}_{i}{j}"] = (x, y - 0.2, "∂w=")
    pos["L"] = (7.6, 0.0, "L=")
    return pos


def parameter_positions() -> dict[str, tuple[float, float]]:
    """Where each editable number is written in the picture: control name -> (x, y)."""
    pos = {f"x{j}": (LAYER_X[1], NODE_Y[j]) for j in (1, 2)}
    pos |= {f"y{j}": (LAYER_X[3] + 1.35, NODE_Y[j] + 0.45 * _outward(j)) for j in (1, 2)}
    for k in (1, 2):
        for i in (1, 2):
            for j in (1, 2):
                x, y = _edge_point(k, i, j, _edge_t(i, j))
                pos[f"W{k}_{i}{j}"] = (x, y + 0.2)
        pos |= {f"b{k}_{j}": (LAYER_X[k + 1] - 0.08, NODE_Y[j] + 1.02 * _outward(j)) for j in (1, 2)}
    return pos


def _look(artist) -> tuple:
    """What a class sees of a number or of the ring: its text and colour, or where the ring is."""
    if isinstance(artist, Circle):
        return artist.get_visible(), tuple(artist.center), artist.get_radius()
    return artist.get_text(), artist.get_color()


class BackpropStepper(Panel):
    """``◀ back`` / ``next ▶`` and a step slider over the forward pass, the backward pass and the update of the
    2-2-2 net; boxes for x, y, every weight and bias, and η.

    Tests set ``stepper.step.value = k`` (or ``stepper.set_settings(W1_11=0.3, lr=2.0)``) and read
    ``stepper.current`` (the :class:`helpers.backprop.Step` shown last, ``"update"`` at the last step, or
    ``None`` at step 0), ``stepper.updated``, ``stepper.loss_after``, ``stepper.texts`` and ``stepper.formula.value``.
    """

    def __init__(self, example: dict | None = None, lr: float = 1.0):
        example = example_222() if example is None else example
        if not isinstance(example, dict):
            raise TypeError(f"example must be a dict like example_222(), got {type(example).__name__}")
        hand_backprop_222(**example)  # a clear error for a missing, misshapen or non-numeric array
        lr = as_finite_float(lr, "lr")
        if not LR_RANGE[0] <= lr <= LR_RANGE[1]:
            raise ValueError(f"lr must be between {LR_RANGE[0]} and {LR_RANGE[1]}, got {lr}")
        boxes = {}
        for name, (array, index) in NAMES.items():
            value = float(np.asarray(example[array], dtype=float)[index])
            low, high = (0.0, 1.0) if array == "y" else (-VALUE_LIMIT, VALUE_LIMIT)
            if not low <= value <= high:
                raise ValueError(f"example[{array!r}]{list(index)} must be between {low} and {high}, got {value}")
            boxes[name] = widgets.BoundedFloatText(value=value, min=low, max=high, step=0.1,
                                                   description=symbol(name), layout=widgets.Layout(width="128px"),
                                                   style={"description_width": "42px"})
        self.boxes = boxes
        self.lr = widgets.BoundedFloatText(value=lr, min=LR_RANGE[0], max=LR_RANGE[1], step=0.1, description="η",
                                           layout=widgets.Layout(width="128px"), style={"description_width": "42px"})
        self.steps, self.grads = hand_backprop_222(**self.example)
        n = len(self.steps) + 1  # every number, then the update
        self.step = widgets.IntSlider(value=0, min=0, max=n, description="step", continuous_update=True,
                                      layout=widgets.Layout(width="420px"))
        self.back_button = widgets.Button(description="back", icon="chevron-left", layout=widgets.Layout(width="80px"))
        self.next_button = widgets.Button(description="next", icon="chevron-right", layout=widgets.Layout(width="80px"))
        self.take_button = widgets.Button(description="keep new weights", icon="check",
                                          layout=widgets.Layout(width="170px"),
                                          tooltip="Put the updated weights into the boxes and start again at step 0")
        self.formula = widgets.HTML(layout=widgets.Layout(width="840px"))
        self.legend = widgets.HTML(f"<small>{LEGEND}</small>")

        fig = Figure(figsize=(8.4, 4.0), dpi=100)
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))  # no layout engine: a box edit redraws the whole figure
        self._draw_network(ax)
        self.positions = value_positions()
        self.texts = {}
        for s in self.steps:
            x, y, _ = self.positions[s.key]
            colour = FORWARD if s.phase == "forward" else BACKWARD
            self.texts[s.key] = ax.text(x, y, "", ha="left" if s.key.startswith("db") else "center", va="center",
                                        fontsize=8.5, color=colour,
                                        fontweight="bold" if s.key.startswith(("e", "L")) else "normal")
        self.param_texts = {}
        for name, (x, y) in parameter_positions().items():
            extra = {"bbox": {"fc": "white", "ec": "none", "pad": 0.5}} if name.startswith("W") else {}
            ha = {"y": "left", "b": "right"}.get(name[0], "center")
            self.param_texts[name] = ax.text(x, y, "", ha=ha,
                                             va="center", fontsize=8 if name[0] in "Wb" else 9, **extra)
        self.ring = Circle((0, 0), 0.3, fill=False, ec="#CC79A7", lw=2.5, visible=False)
        ax.add_patch(self.ring)
        # every number and the ring are drawn over the network; a move redraws only the numbers that changed
        # (a step: one number and the ring; a box: the numbers it reaches), never the whole figure
        self.figure = LiveFigure(fig, [*self.texts.values(), *self.param_texts.values(), self.ring], hinted_text=False)
        self._shown = {}  # artist -> what it showed at the last redraw (see _look)

        self._register_controls({**self.boxes, "lr": self.lr, "step": self.step})
        for control in (*self.boxes.values(), self.lr):
            self._observe(control, lambda _: self.refresh())
        self._observe(self.step, lambda _: self.update())
        self.back_button.on_click(lambda _: self._move(-1))
        self.next_button.on_click(lambda _: self._move(+1))
        self.take_button.on_click(lambda _: self.keep_new_weights())

        def row(label, names):
            return widgets.HBox([widgets.HTML(f"<b>{label}</b>", layout=widgets.Layout(width="110px")),
                                 *(boxes[n] for n in names)])

        self.panel = widgets.VBox([
            self.figure.image, self.legend,
            widgets.HBox([self.back_button, self.next_button, self.step, self.take_button]),
            self.formula,
            row("input, target", ["x1", "x2", "y1", "y2"]),
            row("layer 1 → 2", ["W1_11", "W1_12", "W1_21", "W1_22", "b1_1", "b1_2"]),
            row("layer 2 → 3", ["W2_11", "W2_12", "W2_21", "W2_22", "b2_1", "b2_2"]),
            widgets.HBox([widgets.HTML("<b>learning rate</b>", layout=widgets.Layout(width="110px")), self.lr,
                          self.defaults_button()]),
        ])
        self.refresh()

    @property
    def example(self) -> dict[str, np.ndarray]:
        """The network's numbers as the boxes hold them now: ``{"x", "y", "W1", "b1", "W2", "b2"}``."""
        arrays = {"x": np.zeros(2), "y": np.zeros(2), "W1": np.zeros((2, 2)), "b1": np.zeros(2),
                  "W2": np.zeros((2, 2)), "b2": np.zeros(2)}
        for name, (array, index) in NAMES.items():
            arrays[array][index] = self.boxes[name].value
        return arrays

    def _draw_network(self, ax) -> None:
        """The static picture: nodes, arrows, layer names."""
        for k in (1, 2):
            for i in (1, 2):
                for j in (1, 2):
                    (x0, y0), (x1, y1) = (LAYER_X[k], NODE_Y[i]), (LAYER_X[k + 1], NODE_Y[j])
                    ax.annotate("", xy=(x1 - 0.5, y1 + (y0 - y1) * 0.5 / 3), xytext=(x0 + 0.5, y0),
                                arrowprops={"arrowstyle": "->", "color": "grey", "lw": 1})
        for k in (1, 2, 3):
            for j in (1, 2):
                ax.add_patch(Circle((LAYER_X[k], NODE_Y[j]), 0.5, fc="#f2f2f2" if k == 1 else "#fbe6c2", ec="black"))
            ax.text(LAYER_X[k], 2.75, ["input (1)", "hidden (2)", "output (3)"][k - 1], ha="center", fontsize=10)
        ax.set(xlim=(-0.8, 8.4), ylim=(-2.5, 3.0), aspect="equal")
        ax.axis("off")

    def _move(self, delta: int) -> None:
        self.step.value = int(np.clip(self.step.value + delta, 0, self.step.max))

    @property
    def current(self):
        """The step shown last: a :class:`helpers.backprop.Step`, ``"update"`` at the last step, ``None`` at 0."""
        k = self.step.value
        if k == 0:
            return None
        return "update" if k > len(self.steps) else self.steps[k - 1]

    def refresh(self) -> None:
        """Recompute every number from the boxes (the hand pass and the update), then redraw."""
        ex = self.example
        self.steps, self.grads = hand_backprop_222(**ex)
        self.loss_before = next(s.value for s in self.steps if s.key == "L")
        params = {name: ex[name] for name in self.grads}
        self.updated = gradient_step(params, self.grads, self.lr.value)
        self.loss_after = loss_222(ex["x"], ex["y"], **self.updated)
        self.update()

    def update(self) -> None:
        """Show the first ``step.value`` numbers, ring the last one and write its formula."""
        k = self.step.value
        done = k > len(self.steps)
        for i, s in enumerate(self.steps):
            prefix = self.positions[s.key][2]
            self.texts[s.key].set_text(f"{prefix}{s.value:.4g}" if i < k else "")
        if done:
            self.texts["L"].set_text(f"L={self.loss_before:.4g}\n→ {self.loss_after:.4g}")
            self.texts["L"].set_color(UPDATED)
        else:
            self.texts["L"].set_color(FORWARD)
        for name, text in self.param_texts.items():
            array, index = NAMES[name]
            old = self.boxes[name].value
            if name[0] in "Wb":
                label = f"{name[0].lower()}{name[-2:] if name[0] == 'W' else name[-1]}="
                new = float(self.updated[array][index])
                text.set_text(f"{label}{new:.4g}" if done else f"{label}{old:g}")
                text.set_color(UPDATED if done else "black")
            else:
                text.set_text(f"x={old:g}" if name[0] == "x" else f"target\ny={old:g}")

        cur = self.current
        self.ring.set_visible(cur is not None)
        if cur is not None:
            key = "L" if done else cur.key
            x, y, _ = self.positions[key]
            self.ring.center = (x + 0.5 if key.startswith("db") else x, y)  # ∂b labels start at x
            self.ring.set_radius(0.62 if key == "L" else 0.3)
        shown = {artist: _look(artist) for artist in self.figure.dynamic_artists}
        before, self._shown = self._shown, shown
        self.figure.redraw_changed([artist for artist, look in shown.items() if before.get(artist) != look])
        self.back_button.disabled, self.next_button.disabled = k == 0, k == self.step.max
        self.take_button.disabled = not done
        total = self.step.max
        if cur is None:
            self.formula.value = "Press <b>next</b>: the forward pass starts at the hidden layer."
        elif done:
            lower = "lower" if self.loss_after < self.loss_before else "<b>higher</b>: η is too large here"
            changes = ", ".join(f"{symbol(n)} {self.boxes[n].value:g} → {self.updated[a][i]:.4g}"
                                for n, (a, i) in NAMES.items() if n[0] in "Wb")
            self.formula.value = (f"<b>update, step {k}/{total}</b>: every weight and bias p ← p − η·∂L/∂p with "
                                  f"η = {self.lr.value:g}. Loss <b>{self.loss_before:.6g} → {self.loss_after:.6g}</b>"
                                  f" ({lower}).<br><small>{changes}</small>")
        else:
            phase = "forward pass" if cur.phase == "forward" else "backward pass"
            self.formula.value = (f"<b>{phase}, step {k}/{total}</b>: "
                                  f"{cur.text} = {cur.formula} = <b>{cur.value:.6g}</b>")

    def keep_new_weights(self) -> None:
        """Put the updated weights and biases into the boxes (rounded to 6 decimals) and go back to step 0."""
        values = {}
        for name, (array, index) in NAMES.items():
            if name[0] in "Wb":
                values[name] = float(np.clip(round(float(self.updated[array][index]), 6), -VALUE_LIMIT, VALUE_LIMIT))
        self.set_settings(**values, step=0)
