"""The hidden-space explorer: the XOR table in the input plane and in the hidden space, epoch by epoch — notebook 02.

The 2-2-1 tanh network of notebook 02 is trained once per starting seed and learning rate
(:func:`helpers.hidden_space.xor_training_frames`, its weights after every epoch); the epoch slider only picks a
frame (:func:`helpers.hidden_space.hidden_frame`) and moves the artists. Left: the input plane, shaded by
p(class 1), with the two hidden neurons' lines. Right: the hidden space (h1, h2), the four rows where the hidden
layer puts them now, their paths since epoch 0, and the output neuron's line there.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.datasets import truth_table
from helpers.grid_shade import GridShade
from helpers.hidden_space import hidden_frame, separation_margin, xor_training_frames
from helpers.plotting import CLASS_COLORS, PROBABILITY_CMAP, decision_line_points
from helpers.validation import as_finite_float, as_int
from helpers.widgets import LiveFigure, Panel

EPOCHS = 300  # the epoch slider's range, 0 .. EPOCHS
SEEDS = (0, 49)  # the seed slider's range
LEARNING_RATES = (0.3, 1.0, 2.0, 3.0)  # η offered; 2.0 is section 4's
INPUT_LIMITS, HIDDEN_LIMITS = (-0.5, 1.5), (-1.15, 1.15)
NEURON_COLORS = ("#009E73", "#CC79A7")  # hidden neuron 1, hidden neuron 2
LEGEND = (f"<span style='color:{CLASS_COLORS[0]}'>●</span> XOR 0 · <span style='color:{CLASS_COLORS[1]}'>●</span>"
          f" XOR 1 · shading p(class 1) · <span style='color:{NEURON_COLORS[0]}'>—</span> "
          f"<span style='color:{NEURON_COLORS[1]}'>—</span> hidden neurons 1, 2 (h = 0) · <b>—</b> output's line "
          "(p = 0.5) · red edge: wrong · thin: paths since epoch 0")
_GRID = 60  # the shading's resolution in each plane


class HiddenSpaceExplorer(Panel):
    """Epoch ``t``, starting seed and η of notebook 02's 2-2-1 tanh network on the XOR table.

    Tests move ``explorer.epoch.value`` (or ``explorer.set_settings(seed=1, lr=2.0, epoch=300)``) and read
    ``explorer.frame`` (:func:`helpers.hidden_space.hidden_frame` of the epoch shown), ``explorer.margin``
    and ``explorer.status.value``.

    Raises:
        TypeError, ValueError: a seed that is not a whole number in 0 .. 49, an η not in ``LEARNING_RATES``,
            an epoch outside 0 .. 300.
    """

    def __init__(self, seed: int = 0, lr: float = 2.0, epoch: int = EPOCHS):
        seed = as_int(seed, "seed", low=SEEDS[0], high=SEEDS[1])
        if as_finite_float(lr, "lr") not in LEARNING_RATES:
            raise ValueError(f"lr must be one of {LEARNING_RATES}, got {lr}")
        epoch = as_int(epoch, "epoch", low=0, high=EPOCHS)
        self.X, self.y = truth_table("XOR")
        self._runs = {}  # (seed, lr) -> frames, trained once
        style, layout = {"description_width": "110px"}, widgets.Layout(width="420px")
        self.epoch = widgets.IntSlider(value=epoch, min=0, max=EPOCHS, description="epoch t",
                                       continuous_update=True, layout=layout, style=style)
        self.seed = widgets.IntSlider(value=seed, min=SEEDS[0], max=SEEDS[1], description="seed (start W)",
                                      continuous_update=False, layout=layout, style=style)
        self.lr = widgets.Dropdown(options=LEARNING_RATES, value=lr, description="learning rate η",
                                   layout=widgets.Layout(width="260px"), style=style)
        self.status = widgets.HTML(layout=widgets.Layout(width="840px"))

        fig = Figure(figsize=(8.6, 4.0), dpi=100, layout="constrained")
        self.ax_in, self.ax_hid = fig.subplots(1, 2)
        grid = np.linspace(*INPUT_LIMITS, _GRID)
        self._input_grid = np.column_stack([g.ravel() for g in np.meshgrid(grid, grid)])
        hgrid = np.linspace(*HIDDEN_LIMITS, _GRID)
        self._hidden_grid = np.column_stack([g.ravel() for g in np.meshgrid(hgrid, hgrid)])
        empty = np.zeros((_GRID, _GRID))
        shade = {"cmap": PROBABILITY_CMAP, "vmin": 0, "vmax": 1, "alpha": 0.75, "zorder": 0,
                 "origin": "lower"}  # section 4's colours; unsmoothed cells, so half the PNG bytes per move
        self.input_shade = GridShade(self.ax_in, empty, extent=(*INPUT_LIMITS, *INPUT_LIMITS), **shade)
        self.hidden_shade = GridShade(self.ax_hid, empty, extent=(*HIDDEN_LIMITS, *HIDDEN_LIMITS), **shade)
        colours = [CLASS_COLORS[c] for c in self.y]
        self.neuron_lines = [self.ax_in.plot([], [], color=c, lw=2.2, zorder=2)[0] for c in NEURON_COLORS]
        self.input_points = self.ax_in.scatter(self.X[:, 0], self.X[:, 1], s=150, c=colours, edgecolors="black",
                                               linewidths=1, zorder=3)
        self.paths = [self.ax_hid.plot([], [], color=c, lw=0.9, alpha=0.8, zorder=1)[0] for c in colours]
        self.out_line = self.ax_hid.plot([], [], color="black", lw=2.2, zorder=2)[0]
        self.hidden_points = self.ax_hid.scatter(np.zeros(4), np.zeros(4), s=150, c=colours, edgecolors="black",
                                                 linewidths=1, zorder=3)
        self.labels = [self.ax_hid.text(0, 0, f"{a}{b}", fontsize=9, zorder=4) for a, b in self.X]
        input_labels = [self.ax_in.annotate(f"{a}{b}", (a, b), textcoords="offset points", xytext=(9, 7),
                                            fontsize=9, zorder=4) for a, b in self.X]  # over the shading
        self.ax_in.set(xlim=INPUT_LIMITS, ylim=INPUT_LIMITS, aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
                       title="input plane")
        self.ax_hid.set(xlim=HIDDEN_LIMITS, ylim=HIDDEN_LIMITS, aspect="equal", xlabel="$h_1$", ylabel="$h_2$",
                        title="hidden space $(h_1, h_2)$: where the rows go")
        self.figure = LiveFigure(fig, [self.input_shade.artist, self.hidden_shade.artist, *self.neuron_lines,
                                       self.input_points, *input_labels, *self.paths, self.out_line,
                                       self.hidden_points, *self.labels])

        self._register_controls({"seed": self.seed, "lr": self.lr, "epoch": self.epoch})
        for control in (self.seed, self.lr, self.epoch):  # a new seed or η trains (once), an epoch only redraws
            self._observe(control, lambda _: self.update())
        self.panel = widgets.VBox([
            self.figure.image, widgets.HTML(f"<small>{LEGEND}</small>"), self.epoch,
            widgets.HBox([self.seed, self.lr, self.defaults_button()]), self.status,
        ])
        self.update()

    @property
    def frames(self) -> dict[str, np.ndarray]:
        """The run of the current seed and η (:func:`helpers.hidden_space.xor_training_frames`), trained once."""
        key = (self.seed.value, self.lr.value)
        if key not in self._runs:
            self._runs[key] = xor_training_frames(*key, EPOCHS)
        return self._runs[key]

    def update(self) -> None:
        """Show epoch ``t`` of the current run: move the lines, points, paths and shading; write the status."""
        frames, t = self.frames, self.epoch.value
        self.frame = frame = hidden_frame(frames, t, self.X)
        hidden, p = frame["hidden"], frame["p"]
        wrong = (p > 0.5).astype(int) != self.y
        edges = ["#D62728" if w else "black" for w in wrong]
        widths = [3.0 if w else 1.0 for w in wrong]
        for line, (w1, w2, b) in zip(self.neuron_lines, frame["lines"], strict=True):
            line.set_data(*decision_line_points((w1, w2), b, INPUT_LIMITS))
        input_p = hidden_frame(frames, t, self._input_grid)["p"]
        self.input_shade.set_data(input_p.reshape(_GRID, _GRID))
        w1, w2, b = frame["out"]
        with np.errstate(over="ignore"):
            hidden_p = 1.0 / (1.0 + np.exp(-(self._hidden_grid @ np.array([w1, w2]) + b)))
        self.hidden_shade.set_data(hidden_p.reshape(_GRID, _GRID))
        self.out_line.set_data(*decision_line_points((w1, w2), b, HIDDEN_LIMITS))
        path = np.tanh(np.einsum("nd,tdh->tnh", self.X, frames["W1"][:t + 1]) + frames["b1"][:t + 1, None, :])
        for k, line in enumerate(self.paths):
            line.set_data(path[:, k, 0], path[:, k, 1])
        self.hidden_points.set_offsets(hidden)
        for points in (self.input_points, self.hidden_points):
            points.set_edgecolors(edges)
            points.set_linewidths(widths)
        for k, label in enumerate(self.labels):  # beside its point, inside the square; close rows' labels stacked
            stacked = int(np.sum(np.linalg.norm(hidden[:k] - hidden[k], axis=1) < 0.1))
            h1, h2 = hidden[k]
            label.set_position((h1 + 0.07 if h1 < 0.75 else h1 - 0.27,
                                h2 + 0.05 + (-0.16 if h2 > -0.6 else 0.16) * stacked))
        self.figure.redraw()
        self.margin = separation_margin(hidden, self.y)
        closest = min((np.linalg.norm(hidden[i] - hidden[j]), i, j) for i in range(4) for j in range(i + 1, 4)
                      if self.y[i] != self.y[j])
        rows = [f"{a}{b}" for a, b in self.X]
        verdict = (f"<b style='color:#009E73'>one line separates them</b> (widest strip: ±{self.margin:.2f})"
                   if self.margin > 0.01 else
                   f"<b style='color:#D62728'>no line separates them</b>: rows {rows[closest[1]]} and "
                   f"{rows[closest[2]]} (different classes) sit {closest[0]:.2f} apart")
        ps = ", ".join(f"{r}: {v:.2f}" for r, v in zip(rows, p, strict=True))
        self.status.value = (f"epoch {t} of {EPOCHS}, seed {self.seed.value}, η = {self.lr.value:g} · "
                             f"{int((~wrong).sum())} of 4 right · p(class 1) = {ps}<br>hidden space: {verdict}")


def hidden_space_explorer(seed: int = 0, lr: float = 2.0, epoch: int = EPOCHS) -> HiddenSpaceExplorer:
    """Notebook 02's hidden-space explorer, at the given starting seed, η and epoch."""
    return HiddenSpaceExplorer(seed, lr, epoch)
