"""The learning-rate explorer: gradient descent drawn on a 2-D loss surface, one step or many at a time — notebook 05.

The math lives in :mod:`helpers.descent` (``gradient_descent``, ``describe_run``, the surfaces); this panel
only keeps the path so far and draws it: contours of the loss with the path on the left, the gap to the
minimum per step (log scale) on the right.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.descent import SURFACES, describe_run, gradient_descent
from helpers.widgets import LiveFigure, Panel

RUN_STEPS = 50  # steps taken by the "run" button
MAX_STEPS = 200  # the loss panel's x range


class DescentExplorer(Panel):
    """Learning-rate slider, start point, ``step`` / ``run 50`` / ``reset`` buttons, and the path so far.

    Tests drive it like a learner: ``explorer.lr.value = 0.4``, ``explorer.run_button.click()``, then read
    ``explorer.path`` (shape (steps + 1, 2)) and ``explorer.verdict``.
    """

    def __init__(self, surface: str = "line fit (MSE)", lr: float = 0.05, start=(-0.5, 3.5)):
        slider_layout = widgets.Layout(width="300px")
        style = {"description_width": "100px"}
        self.surface_menu = widgets.Dropdown(options=list(SURFACES), value=surface, description="loss surface",
                                             layout=slider_layout, style=style)
        self.lr = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0, step=0.05, description="learning rate η",
                                         readout_format=".3f", continuous_update=False, layout=slider_layout,
                                         style=style)
        self.w1 = widgets.FloatSlider(value=start[0], min=-2, max=5, step=0.1, description="start w1",
                                      continuous_update=False, layout=slider_layout, style=style)
        self.w2 = widgets.FloatSlider(value=start[1], min=-2, max=4, step=0.1, description="start w2",
                                      continuous_update=False, layout=slider_layout, style=style)
        self.step_button = widgets.Button(description="step", icon="step-forward", tooltip="one update")
        self.run_button = widgets.Button(description=f"run {RUN_STEPS}", icon="play", tooltip=f"{RUN_STEPS} updates")
        self.reset_button = widgets.Button(description="reset", icon="undo", tooltip="back to the start point")
        self.status = widgets.HTML(layout=widgets.Layout(width="300px"))

        fig = Figure(figsize=(8.6, 3.7), dpi=100, layout="constrained")
        self.ax_map, self.ax_loss = fig.subplots(1, 2, width_ratios=[1.1, 1])
        (self.path_line,) = self.ax_map.plot([], [], "-o", color="#D55E00", ms=3, lw=1.2, zorder=4)
        (self.head,) = self.ax_map.plot([], [], "o", color="black", ms=7, zorder=5)
        (self.loss_line,) = self.ax_loss.plot([], [], "-", color="#D55E00", lw=1.5)
        self.ax_loss.set(yscale="log", ylim=(1e-10, 1e4), xlim=(0, MAX_STEPS), xlabel="step t",
                         ylabel="E(w) - E(w*)", title="gap to the minimum")
        self.figure = LiveFigure(fig, [self.path_line, self.head, self.loss_line])

        self.surface_menu.observe(lambda _: self._new_surface(), names="value")
        for control in (self.lr, self.w1, self.w2):
            control.observe(lambda _: self.reset(), names="value")
        self.step_button.on_click(lambda _: self.advance(1))
        self.run_button.on_click(lambda _: self.advance(RUN_STEPS))
        self.reset_button.on_click(lambda _: self.reset())
        for button in (self.step_button, self.run_button, self.reset_button):
            button.layout = widgets.Layout(width="95px")
        # controls under the figure, in two columns, so the panel fits a notebook's width (about 860 px)
        self.panel = widgets.VBox([
            self.figure.image,
            widgets.HBox([
                widgets.VBox([self.surface_menu, self.lr, widgets.HBox([self.step_button, self.run_button,
                                                                         self.reset_button])]),
                widgets.VBox([self.w1, self.w2, self.status], layout=widgets.Layout(margin="0 0 0 20px")),
            ]),
        ])
        self._new_surface()

    def _new_surface(self) -> None:
        """Draw the contours of the chosen surface (a full redraw) and restart from the start point."""
        self.surface = SURFACES[self.surface_menu.value]()
        ax = self.ax_map
        for artist in list(ax.collections) + list(ax.lines[2:]):
            artist.remove()
        W1, W2, E = self.surface.grid()
        levels = np.quantile(E, np.linspace(0, 1, 25) ** 2)
        ax.contour(W1, W2, E, levels=np.unique(levels), cmap="viridis", linewidths=0.8)
        ax.plot(*self.surface.minimum, "*", color="#009E73", ms=13, zorder=3)
        (a, b), (c, d) = self.surface.limits
        ax.set(xlim=(a, b), ylim=(c, d), xlabel=self.surface.labels[0], ylabel=self.surface.labels[1],
               title=self.surface.name)
        ax.grid(False)
        self.reset(full=True)

    def reset(self, full: bool = False) -> None:
        """Forget the path; start again at the start point with the current learning rate."""
        self.path = np.array([[self.w1.value, self.w2.value]])
        self._draw(full)

    def advance(self, steps: int) -> None:
        """Take ``steps`` more gradient-descent steps (stops early if the run has diverged)."""
        if len(self.path) > 1 and describe_run(self.surface, self.path) == "diverged" and \
                np.abs(self.path[-1]).max() > 1e6:
            return
        more = gradient_descent(self.surface.gradient, self.path[-1], self.lr.value, steps)
        self.path = np.vstack([self.path, more[1:]])
        self._draw()

    @property
    def verdict(self) -> str:
        """What the run did so far (see :func:`helpers.descent.describe_run`); ``"start"`` before any step."""
        return "start" if len(self.path) < 2 else describe_run(self.surface, self.path)

    def _draw(self, full: bool = False) -> None:
        p = self.path
        self.path_line.set_data(p[:, 0], p[:, 1])
        self.head.set_data(p[-1:, 0], p[-1:, 1])
        best = self.surface.loss_at(self.surface.minimum)
        with np.errstate(over="ignore", invalid="ignore"):
            gaps = np.array([self.surface.loss_at(q) - best if np.all(np.isfinite(q)) else np.inf for q in p])
        self.loss_line.set_data(np.arange(len(p)), np.clip(gaps, 1e-12, 1e12))
        if len(p) - 1 > self.ax_loss.get_xlim()[1]:
            self.ax_loss.set_xlim(0, len(p) - 1)
            full = True
        self.figure.redraw(full=full)
        colours = {"converged": "#009E73", "oscillating": "#E69F00", "diverged": "#D55E00",
                   "crawling": "#0072B2", "local minimum": "#CC79A7", "start": "black"}
        extra = ""
        if self.surface.hessian is not None:
            extra = f"<br>largest stable η = 2/λ<sub>max</sub> = {self.surface.largest_stable_lr():.3f}"
        self.status.value = (f"step {len(p) - 1}: w = ({p[-1, 0]:.3g}, {p[-1, 1]:.3g}), "
                             f"E - E* = {gaps[-1]:.3g}<br><b style='color:{colours[self.verdict]}'>"
                             f"{self.verdict}</b>{extra}")

