"""Batch norm's scale and shift on a distribution: gamma and beta sliders — notebook 06.

A sample of one unit's pre-activations (mean 5, std 2: far from what a sigmoid or tanh likes) goes through
``helpers.layers.BatchNorm(1)``; the sliders set gamma and beta, and the histogram of the output is redrawn
in place (only its heights move). The grey outline is the normalised ``x_hat`` (gamma 1, beta 0). The
ranges reach gamma = 2, beta = 5: the values that undo the normalisation of this sample.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.layers import BatchNorm
from helpers.validation import as_finite_float, as_float_array, as_positive_int, as_rng
from helpers.widgets import LiveFigure, Panel

EDGES = np.linspace(-12.0, 18.0, 61)  # fixed bins of width 0.5: every output of the sliders' range fits
GAMMA_RANGE, BETA_RANGE = (0.5, 3.0), (-6.0, 6.0)


def sample_preactivations(n: int = 2000, seed: int = 1) -> np.ndarray:
    """``n`` values of one unit's pre-activation, shape (n,): normal draws rescaled to mean exactly 5 and std
    exactly 2, so that gamma = 2, beta = 5 (within the sliders' steps) undo the normalisation."""
    z = as_rng(seed, "seed").standard_normal(as_positive_int(n, "n"))
    return 5.0 + 2.0 * (z - z.mean()) / z.std()


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
        gamma, beta = as_finite_float(gamma, "gamma"), as_finite_float(beta, "beta")
        for name, value, (lo, hi) in (("gamma", gamma, GAMMA_RANGE), ("beta", beta, BETA_RANGE)):
            if not lo <= value <= hi:
                raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")
        self.x = sample_preactivations(seed=seed)
        layout = widgets.Layout(width="360px")
        self.gamma = widgets.FloatSlider(value=gamma, min=GAMMA_RANGE[0], max=GAMMA_RANGE[1], step=0.05,
                                         description="scale γ", readout_format=".2f", layout=layout)
        self.beta = widgets.FloatSlider(value=beta, min=BETA_RANGE[0], max=BETA_RANGE[1], step=0.1,
                                        description="shift β", readout_format="+.1f", layout=layout)
        self.status = widgets.HTML()
        self.legend = widgets.HTML('<span style="color:#999999">■</span> grey: the raw input x (mean 5, std 2) · '
                                   "dashed: x̂ (mean 0, std 1) · "
                                   '<span style="color:#E69F00">■</span> orange: the output γx̂ + β, '
                                   '<span style="color:#D55E00">|</span> its mean')

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
        self._register_controls({"gamma": self.gamma, "beta": self.beta})
        for control in self.controls.values():
            self._observe(control, lambda _change: self.update())
        self.panel = widgets.VBox([widgets.HBox([self.gamma, self.beta, self.defaults_button()]), self.legend,
                                   self.figure.image, self.status])
        self.out = x_hat
        self.update()

    def update(self) -> None:
        """Recompute the output for the sliders' gamma and beta and redraw only the histogram and the mean line."""
        self.out = scale_shift(self.x, self.gamma.value, self.beta.value)
        self.hist.set_data(_density(self.out), EDGES)
        self.mean_line.set_xdata([self.out.mean()] * 2)
        self.figure.redraw()
        undone = (" — the normalisation is undone: the output is x again (within 0.05)"
                  if np.abs(self.out - self.x).max() < 0.05 else "")
        self.status.value = (f"output mean <b>{self.out.mean():+.2f}</b> (= β), "
                             f"std <b>{self.out.std():.2f}</b> (≈ γ){undone}")


def scale_shift_explorer(gamma: float = 1.0, beta: float = 0.0) -> ScaleShiftExplorer:
    """The gamma/beta explorer of notebook 06."""
    return ScaleShiftExplorer(gamma, beta)
