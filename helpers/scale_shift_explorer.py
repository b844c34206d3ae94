"""Batch norm's scale and shift on a distribution: gamma and beta sliders — notebook 06.

A sample of one unit's pre-activations (mean 5, std 2: far from what a sigmoid or tanh likes) goes through
``helpers.layers.BatchNorm(1)``; the sliders set gamma and beta, and the histogram of the output is redrawn
in place (only its heights move). The grey outline is the normalised ``x_hat`` (gamma 1, beta 0).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.layers import BatchNorm
from helpers.validation import as_finite_float, as_float_array
from helpers.widgets import LiveFigure, Panel

EDGES = np.linspace(-12.0, 12.0, 49)  # fixed bins of width 0.5: every output of the sliders' range fits


def sample_preactivations(n: int = 2000, seed: int = 1) -> np.ndarray:
    """``n`` values of one unit's pre-activation, N(5, 2**2), shape (n,)."""
    return 5.0 + 2.0 * np.random.default_rng(seed).standard_normal(n)


def scale_shift(x, gamma: float, beta: float) -> np.ndarray:
    """``x`` (N,) through a fresh ``BatchNorm(1)`` in training mode with the given ``gamma`` and ``beta``: (N,)."""
    x = as_float_array(x, "x", ndim=1)
    bn = BatchNorm(1)
    bn.params["gamma"][0] = as_finite_float(gamma, "gamma")
    bn.params["beta"][0] = as_finite_float(beta, "beta")
    return bn.forward(x[:, None])[:, 0]


def _density(values: np.ndarray) -> np.ndarray:
    counts, _ = np.histogram(np.clip(values, EDGES[0], EDGES[-1]), bins=len(EDGES) - 1, range=(EDGES[0], EDGES[-1]))
    return counts / (len(values) * (EDGES[1] - EDGES[0]))


class ScaleShiftExplorer(Panel):
    """Sliders for gamma and beta over the histogram of ``gamma * x_hat + beta``.

    Tests can set ``explorer.gamma.value = 2`` and read ``explorer.out`` (the output sample) and
    ``explorer.status.value``.
    """

    def __init__(self, gamma: float = 1.0, beta: float = 0.0, seed: int = 1):
        self.x = sample_preactivations(seed=seed)
        layout = widgets.Layout(width="360px")
        self.gamma = widgets.FloatSlider(value=gamma, min=0.5, max=3.0, step=0.05, description="gamma γ",
                                         readout_format=".2f", continuous_update=True, layout=layout)
        self.beta = widgets.FloatSlider(value=beta, min=-3.0, max=3.0, step=0.1, description="beta β",
                                        readout_format="+.1f", continuous_update=True, layout=layout)
        self.status = widgets.HTML()

        fig = Figure(figsize=(7.5, 3.2), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        ax.stairs(_density(self.x), EDGES, fill=True, color="#cccccc", label="x (before BN): mean 5, std 2")
        x_hat = scale_shift(self.x, 1.0, 0.0)
        ax.stairs(_density(x_hat), EDGES, color="#555555", linestyle="--", linewidth=1.2,
                  label=r"$\hat{x}$: mean 0, std 1")
        self.hist = ax.stairs(_density(x_hat), EDGES, fill=True, color="#E69F00", alpha=0.75,
                              label=r"$\gamma\hat{x} + \beta$")
        self.mean_line = ax.axvline(0.0, color="#D55E00", linewidth=2)
        ax.set(xlim=(EDGES[0], EDGES[-1]), ylim=(0, 0.85), xlabel="value", ylabel="density")
        ax.legend(loc="upper left", fontsize=9)
        self.figure = LiveFigure(fig, [self.hist, self.mean_line])
        for control in (self.gamma, self.beta):
            control.observe(lambda _change: self.update(), names="value")
        self.panel = widgets.VBox([widgets.HBox([self.gamma, self.beta]), self.figure.image, self.status])
        self.out = x_hat
        self.update()

    def update(self) -> None:
        """Recompute the output for the sliders' gamma and beta and redraw only the histogram and the mean line."""
        self.out = scale_shift(self.x, self.gamma.value, self.beta.value)
        self.hist.set_data(_density(self.out), EDGES)
        self.mean_line.set_xdata([self.out.mean()] * 2)
        self.figure.redraw()
        self.status.value = (f"output mean <b>{self.out.mean():+.2f}</b> (= β), "
                             f"std <b>{self.out.std():.2f}</b> (≈ γ)")

    def close(self) -> None:
        """Close every widget of the panel."""
        for child in (self.panel, *self.panel.children, *self.panel.children[0].children):
            child.close()



def scale_shift_explorer(gamma: float = 1.0, beta: float = 0.0) -> ScaleShiftExplorer:
    """The gamma/beta explorer of notebook 06."""
    return ScaleShiftExplorer(gamma, beta)
