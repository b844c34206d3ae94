"""The learning-rate explorer: gradient descent drawn on a 2-D loss surface, one step or many at a time — notebook 05.

The math lives in :mod:`helpers.descent` (``gradient_descent``, ``minibatch_updates``, ``describe_run``, the
surfaces); this panel only keeps the path so far and draws it: contours of the loss with the path on the left,
the gap to the minimum per step (log scale) on the right. On the line fit a batch-size control picks full-batch,
mini-batch or one-sample (SGD) updates; a grey line then shows the full-batch path of the same length.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.descent import SURFACES, describe_run, gradient_descent, minibatch_updates
from helpers.validation import as_bool, as_finite_float, as_float_array
from helpers.widgets import LiveFigure, Panel, sets_up_next_run

RUN_STEPS = 50  # steps taken by the "run" button
MAX_STEPS = 200  # the loss panel's x range
LR_RANGE = (1e-3, 1.0)  # the learning-rate slider's range
START_RANGE = ((-2.0, 5.0), (-2.0, 4.0))  # the start-point sliders' ranges
MINI_BATCH = 5  # the mini-batch size offered beside the full batch and one sample
PATH, FULL = "#D55E00", "#555555"
LEGEND = ("<span style='color:#D55E00'>■</span> your path (loss on the right) · "
          "<span style='color:#555555'>- -</span> full batch, same number of updates (mini-batches only) · "
          "<span style='color:#009E73'>★</span> the minimum · ● where you are now")


class DescentExplorer(Panel):
    """Loss surface, learning rate η, batch size B, start point; ``step`` / ``run 50`` / ``reset`` buttons.

    Tests drive it like a learner: ``explorer.lr.value = 0.4``, ``explorer.run_button.click()``, then read
    ``explorer.path`` (shape (steps + 1, 2)) and ``explorer.verdict``; or ``explorer.set_settings(lr=0.4, batch=1)``.
    """

    def __init__(self, surface: str = "line fit (MSE)", lr: float = 0.05, start=(-0.5, 3.5), batch: str = "full"):
        if surface not in SURFACES:
            raise ValueError(f"surface must be one of {list(SURFACES)}, got {surface!r}")
        lr = as_finite_float(lr, "lr")
        if not LR_RANGE[0] <= lr <= LR_RANGE[1]:
            raise ValueError(f"lr must be between {LR_RANGE[0]} and {LR_RANGE[1]}, got {lr}")
        start = as_float_array(start, "start", ndim=1)
        if start.shape != (2,) or not all(lo <= v <= hi for v, (lo, hi) in zip(start, START_RANGE, strict=True)):
            raise ValueError(f"start must be two numbers, w1 in {START_RANGE[0]} and w2 in {START_RANGE[1]}, "
                             f"got {start.tolist()}")
        if batch not in ("full", "mini", "one"):
            raise ValueError(f"batch must be 'full', 'mini' or 'one', got {batch!r}")
        slider_layout = widgets.Layout(width="300px")
        style = {"description_width": "100px"}
        self.surface_menu = widgets.Dropdown(options=list(SURFACES), value=surface, description="loss surface E",
                                             layout=slider_layout, style=style)
        self.lr = widgets.FloatLogSlider(value=lr, base=10, min=np.log10(LR_RANGE[0]), max=np.log10(LR_RANGE[1]),
                                         step=0.05, description="learning rate η", readout_format=".3f",
                                         continuous_update=False, layout=slider_layout, style=style)
        sets_up_next_run(self.lr)  # the path restarts at its start point: the next step uses the new rate
        self.batch = widgets.ToggleButtons(
            options=[("full batch B=N", "full"), (f"mini-batch B={MINI_BATCH}", "mini"), ("one sample B=1", "one")],
            value=batch, description="batch size B", style={"description_width": "100px", "button_width": "150px"},
            tooltips=["every sample in every update", f"{MINI_BATCH} random samples per update",
                      "one random sample per update (SGD)"])
        self.w1 = widgets.FloatSlider(value=start[0], min=START_RANGE[0][0], max=START_RANGE[0][1], step=0.1,
                                      description="start w₁", continuous_update=False, layout=slider_layout,
                                      style=style)
        self.w2 = widgets.FloatSlider(value=start[1], min=START_RANGE[1][0], max=START_RANGE[1][1], step=0.1,
                                      description="start w₂", continuous_update=False, layout=slider_layout,
                                      style=style)
        self.step_button = widgets.Button(description="step", icon="step-forward", tooltip="one update")
        self.run_button = widgets.Button(description=f"run {RUN_STEPS}", icon="play", tooltip=f"{RUN_STEPS} updates")
        self.reset_button = widgets.Button(description="reset", icon="undo", tooltip="back to the start point")
        self.status = widgets.HTML(layout=widgets.Layout(width="330px"))
        self.legend = widgets.HTML(f"<small>{LEGEND}</small>")

        fig = Figure(figsize=(8.6, 3.7), dpi=100)  # fixed margins: a layout engine costs ~0.1 s per full redraw
        self.ax_map, self.ax_loss = fig.subplots(1, 2, width_ratios=[1.1, 1],
                                                 gridspec_kw=dict(left=0.085, right=0.985, bottom=0.13, top=0.93,
                                                                  wspace=0.3))
        (self.full_line,) = self.ax_map.plot([], [], "--", color=FULL, lw=1.6, zorder=4.5)  # on top: often close
        (self.path_line,) = self.ax_map.plot([], [], "-o", color=PATH, ms=3, lw=1.2, zorder=4)
        (self.head,) = self.ax_map.plot([], [], "o", color="black", ms=7, zorder=5)
        (self.loss_line,) = self.ax_loss.plot([], [], "-", color=PATH, lw=1.5)
        (self.full_loss_line,) = self.ax_loss.plot([], [], "--", color=FULL, lw=1.4)
        self.ax_loss.set(yscale="log", ylim=(1e-10, 1e4), xlim=(0, MAX_STEPS), xlabel="update t",
                         ylabel="E(w) - E(w*)", title="gap to the minimum")
        self.figure = LiveFigure(fig, [self.full_line, self.path_line, self.head, self.loss_line, self.full_loss_line],
                                 draw=False)  # drawn by the _new_surface() that ends __init__

        self._register_controls({"surface": self.surface_menu, "lr": self.lr, "batch": self.batch,
                                 "w1": self.w1, "w2": self.w2})
        self._observe(self.surface_menu, lambda _: self._new_surface())
        for control in (self.lr, self.batch, self.w1, self.w2):
            self._observe(control, lambda _: self.reset())
        self.step_button.on_click(lambda _: self.advance(1))
        self.run_button.on_click(lambda _: self.advance(RUN_STEPS))
        self.reset_button.on_click(lambda _: self.reset())
        for button in (self.step_button, self.run_button, self.reset_button):
            button.layout = widgets.Layout(width="95px")
        # controls under the figure, in two columns, so the panel fits a notebook's width (about 860 px)
        self.panel = widgets.VBox([
            self.figure.image,
            self.legend,
            self.batch,
            widgets.HBox([
                widgets.VBox([self.surface_menu, self.lr, widgets.HBox([self.step_button, self.run_button,
                                                                         self.reset_button]),
                              self.defaults_button()]),
                widgets.VBox([self.w1, self.w2, self.status], layout=widgets.Layout(margin="0 0 0 20px")),
            ]),
        ])
        self._new_surface()

    def refresh(self) -> None:
        """Redraw from the controls (after :meth:`set_settings`): the contours only if the surface changed."""
        if self.surface.name != self.surface_menu.value:
            self._new_surface()
        else:
            self.reset()

    @property
    def batch_size(self) -> int | None:
        """B of the current updates, or ``None`` for full-batch descent (always on a surface without data)."""
        if self.surface.data is None or self.batch.value == "full":
            return None
        return MINI_BATCH if self.batch.value == "mini" else 1

    def _new_surface(self) -> None:
        """Draw the contours of the chosen surface (a full redraw) and restart from the start point."""
        self.surface = SURFACES[self.surface_menu.value]()
        ax = self.ax_map
        for artist in list(ax.collections) + list(ax.lines[3:]):
            artist.remove()
        W1, W2, E = self.surface.grid()
        levels = np.quantile(E, np.linspace(0, 1, 13) ** 2)
        ax.contour(W1, W2, E, levels=np.unique(levels), cmap="viridis", linewidths=0.8)
        ax.plot(*self.surface.minimum, "*", color="#009E73", ms=13, zorder=3)
        (a, b), (c, d) = self.surface.limits
        ax.set(xlim=(a, b), ylim=(c, d), xlabel=self.surface.labels[0], ylabel=self.surface.labels[1],
               title=self.surface.name)
        ax.grid(False)
        names = [label.strip("$") for label in self.surface.labels]
        self.w1.description, self.w2.description = (f"start {n.replace('_1', '₁').replace('_2', '₂')}"
                                                     for n in names)
        self.batch.disabled = self.surface.data is None
        self.reset(full=True)

    def reset(self, full: bool = False) -> None:
        """Forget the path; start again at the start point with the current learning rate and batch size."""
        full = as_bool(full, "full")
        self.path = np.array([[self.w1.value, self.w2.value]])
        self._draw(full)

    def advance(self, steps: int) -> None:
        """Take ``steps`` more updates (stops early once the run has diverged past ``|w| > 1e6``)."""
        if np.abs(self.path[-1]).max() > 1e6 or not np.all(np.isfinite(self.path[-1])):
            return
        if self.batch_size is None:
            more = gradient_descent(self.surface.gradient, self.path[-1], self.lr.value, steps)
        else:
            x, y = self.surface.data
            more = minibatch_updates(x, y, self.path[-1], self.lr.value, self.batch_size, steps,
                                     start=len(self.path) - 1)
        self.path = np.vstack([self.path, more[1:]])
        self._draw()

    @property
    def verdict(self) -> str:
        """What the run did so far (see :func:`helpers.descent.describe_run`); ``"start"`` before any step;
        ``"noisy"`` for a mini-batch run that has not diverged (its zig-zag is noise, not overshooting)."""
        if len(self.path) < 2:
            return "start"
        verdict = describe_run(self.surface, self.path)
        return "noisy" if self.batch_size is not None and verdict != "diverged" else verdict

    def _draw(self, full: bool = False) -> None:
        p = self.path
        self.path_line.set_data(p[:, 0], p[:, 1])
        self.head.set_data(p[-1:, 0], p[-1:, 1])
        best = self.surface.loss_at(self.surface.minimum)
        if self.batch_size is None or len(p) < 2:
            self.full_line.set_data([], [])
            self.full_loss_line.set_data([], [])
        else:
            ref = gradient_descent(self.surface.gradient, p[0], self.lr.value, len(p) - 1)
            self.full_line.set_data(ref[:, 0], ref[:, 1])
            with np.errstate(over="ignore", invalid="ignore"):
                ref_gaps = np.array([self.surface.loss_at(q) - best for q in ref])
            self.full_loss_line.set_data(np.arange(len(ref)), np.clip(np.nan_to_num(ref_gaps, nan=1e12), 1e-12, 1e12))
        with np.errstate(over="ignore", invalid="ignore"):
            gaps = np.array([self.surface.loss_at(q) - best if np.all(np.isfinite(q)) else np.inf for q in p])
        self.loss_line.set_data(np.arange(len(p)), np.clip(gaps, 1e-12, 1e12))
        if len(p) - 1 > self.ax_loss.get_xlim()[1]:
            self.ax_loss.set_xlim(0, len(p) - 1)
            full = True
        elif len(p) - 1 <= MAX_STEPS and self.ax_loss.get_xlim()[1] != MAX_STEPS:
            self.ax_loss.set_xlim(0, MAX_STEPS)
            full = True
        self.figure.redraw(full=full)
        colours = {"converged": "#009E73", "oscillating": "#E69F00", "diverged": "#D55E00",
                   "crawling": "#0072B2", "local minimum": "#CC79A7", "noisy": "#E69F00", "start": "black"}
        verdict, extra = self.verdict, ""
        if self.surface.hessian is not None:
            extra = f"<br>largest stable η = 2/λ<sub>max</sub> = {self.surface.largest_stable_lr():.3f}"
        if self.batch_size is not None:
            n = len(self.surface.data[0])
            extra += (f"<br>B = {self.batch_size} of N = {n} samples: {-(-n // self.batch_size)} updates per "
                      f"epoch, each following its batch's slope")
        self.status.value = (f"update {len(p) - 1}: w = ({p[-1, 0]:.3g}, {p[-1, 1]:.3g}), "
                             f"E - E* = {gaps[-1]:.3g}<br><b style='color:{colours[verdict]}'>{verdict}</b>{extra}")
