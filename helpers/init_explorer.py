"""Per-layer activation histograms, and the init explorer (scheme, activation, depth) — notebook 06.

``ActivationHistograms`` draws one histogram per layer on a row of axes and redraws them in place: the
bars are made once and only their heights (and, for ReLU, their positions) change. ``InitExplorer`` puts
it behind a scheme dropdown, an activation dropdown and a depth slider.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter

from helpers.init import SCHEMES
from helpers.init_experiments import ACTIVATION_FUNCTIONS, layer_activations
from helpers.widgets import LiveFigure, Panel

N_BINS = 30
BAR_COLOR = "#0072B2"


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is >= ``value`` (so axis limits change in steps, not every move)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exponent = np.floor(np.log10(value))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * 10**exponent >= value:
            return float(step * 10**exponent)
    return float(10 ** (exponent + 1))


def histogram_range(activation: str, acts) -> tuple[float, float]:
    """The x-range of the histograms: the function's range for sigmoid (0, 1) and tanh (-1, 1); for ReLU,
    (0, a round number above the 99th percentile of the first layer's positive activations), the same for
    every layer, so growth and collapse from layer to layer stay visible."""
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    positive = acts[0][acts[0] > 0] if len(acts) else np.empty(0)
    return 0.0, _nice_ceiling(np.percentile(positive, 99) if positive.size else 1.0)


def layer_histograms(acts, activation: str, bins: int = N_BINS):
    """Per layer, the fraction of activations in each of ``bins`` equal bins over :func:`histogram_range`.

    For ReLU the exact zeros are left out of the bars (they would dwarf everything) and counted apart.
    Values beyond the range are piled into the last bin (a spike at the right edge means "larger still").

    Returns ``(edges, fractions, zero_fractions)``: (bins + 1,), (depth, bins), (depth,).
    """
    lo, hi = histogram_range(activation, acts)
    edges = np.linspace(lo, hi, bins + 1)
    fractions, zero_fractions = [], []
    for a in acts:
        values = a.ravel()
        zero = values == 0 if activation == "relu" else np.zeros(values.shape, bool)
        counts, _ = np.histogram(np.clip(values[~zero], lo, hi), bins=bins, range=(lo, hi))  # uniform: fast path
        fractions.append(counts / values.size)
        zero_fractions.append(zero.mean())
    return edges, np.array(fractions), np.array(zero_fractions)


class ActivationHistograms:
    """One histogram per layer on ``axes`` (a sequence), updated in place by :meth:`update`.

    ``artists`` are the bars and the per-panel labels (the moving parts, for ``LiveFigure``).
    Heights are fractions of all activations, or with ``peak_normalised`` each layer's histogram divided by
    its tallest bar (fixed y-limits: a change of scheme then needs no full redraw).
    ``update`` returns True when the axis limits changed (then the figure needs a full redraw).
    """

    def __init__(self, axes, bins: int = N_BINS, color: str = BAR_COLOR, peak_normalised: bool = False):
        self.axes = list(axes)
        self.bins = bins
        self.peak_normalised = peak_normalised
        self.bars, self.labels = [], []
        for ax in self.axes:
            # one filled step outline per panel: its heights are updated in place (set_data), never re-made
            self.bars.append(ax.stairs(np.zeros(bins), np.linspace(0, 1, bins + 1), fill=True, color=color))
            self.labels.append(ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", fontsize=8))
            ax.tick_params(labelsize=8)
            ax.locator_params(nbins=3)  # few ticks: cheaper full redraws, easier to read
            ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))  # "1", not "1.0": end labels stay inside
        self.artists = self.bars + self.labels
        self.limits = None
        self.depth = len(self.axes)

    def update(self, acts, activation: str, shown: int | None = None) -> bool:
        """Show ``acts`` (a list of (N, units) arrays, one per layer, up to ``len(axes)``) for ``activation``.

        Only the first ``shown`` layers (all by default) are drawn; the y-limit is shared by all of ``acts``,
        so changing ``shown`` later (:meth:`show`) never needs a full redraw.
        """
        edges, fractions, zeros = layer_histograms(acts, activation, self.bins)
        if self.peak_normalised:
            fractions = fractions / np.maximum(fractions.max(axis=1, keepdims=True), 1e-12)
        self._texts = []
        for i, a in enumerate(acts):
            self.bars[i].set_data(fractions[i], edges)
            self._texts.append(f"std {a.std():.2g}" + (f"\nzeros {zeros[i]:.0%}" if activation == "relu" else ""))
        top = 1.45 if self.peak_normalised else _nice_ceiling(1.3 * fractions.max()) if fractions.size else 1.0
        limits = (edges[0], edges[-1], top, len(acts))
        changed = limits != self.limits
        if changed:
            for i, ax in enumerate(self.axes):
                ax.set_visible(i < len(acts))
                ax.set_xlim(edges[0], edges[-1])
                ax.set_ylim(0, top)
                ax.set_title(f"layer {i + 1}", fontsize=9)
            self.limits = limits
        self.show(len(acts) if shown is None else shown)
        return changed

    def show(self, shown: int) -> None:
        """Draw the first ``shown`` layers' histograms; the panels after them stay empty (dynamic artists only)."""
        for i, (bars, label) in enumerate(zip(self.bars, self.labels, strict=True)):
            exists = i < len(self._texts)
            bars.set_visible(i < shown and exists)
            label.set_visible(exists)
            if exists:
                label.set_text(self._texts[i] if i < shown else f"(a {shown}-layer\nnet stops\nbefore this)")
        self.depth = shown


def plot_activation_grid(activation: str, schemes=tuple(SCHEMES), depth: int = 5, axes=None, seed: int = 1,
                         **kwargs) -> dict:
    """The classic experiment as a grid: a row per scheme, a column per layer, for one ``activation``.

    ``axes`` is a (len(schemes), depth) array of axes or None (a new figure). Extra keyword arguments
    go to :func:`helpers.init_experiments.layer_activations` (``n_units``, ``n_samples``).
    Returns ``{scheme: (ActivationHistograms, acts)}``.
    """
    if axes is None:
        _, axes = plt.subplots(len(schemes), depth, figsize=(1.9 * depth, 1.45 * len(schemes) + 0.4),
                               sharey="row", squeeze=False, layout="constrained")
    drawn = {}
    for row, scheme in zip(axes, schemes, strict=True):
        acts = layer_activations(scheme, activation, depth=depth, rng=seed, **kwargs)
        hists = ActivationHistograms(row)
        hists.update(acts, activation)
        row[0].set_ylabel(f"{scheme}\nfraction", fontsize=9)
        drawn[scheme] = (hists, acts)
    axes[0][0].figure.suptitle(f"{activation} activations per layer", fontsize=11)
    return drawn


class InitExplorer(Panel):
    """Choose an initialisation scheme, an activation and a depth; see every layer's activations.

    The inputs and the random numbers are the same for every setting (``seed``), so a change of scheme
    changes only the scale of the weights. Tests can set ``explorer.scheme.value = "he"`` and read
    ``explorer.acts`` (the activations shown) and ``explorer.status.value``.
    """

    MAX_DEPTH = 8

    def __init__(self, scheme: str = "std 1", activation: str = "sigmoid", depth: int = 5, seed: int = 1,
                 n_units: int = 100, n_samples: int = 1000):
        self.seed, self.n_units, self.n_samples = seed, n_units, n_samples
        layout = widgets.Layout(width="260px")
        self.scheme = widgets.Dropdown(options=list(SCHEMES), value=scheme, description="init", layout=layout)
        self.activation = widgets.Dropdown(options=list(ACTIVATION_FUNCTIONS), value=activation,
                                           description="activation", layout=layout)
        self.depth = widgets.IntSlider(value=depth, min=1, max=self.MAX_DEPTH, description="depth",
                                       continuous_update=True, layout=layout)
        self.status = widgets.HTML()
        fig = Figure(figsize=(8.5, 3.8), dpi=100, layout="constrained")
        fig.get_layout_engine().set(wspace=0.08)  # room between panels for the end ticks (-1 | 1)
        axes = fig.subplots(2, self.MAX_DEPTH // 2, sharey=True).ravel()
        axes[0].set_yticks([0, 0.5, 1])
        for ax in axes[:: self.MAX_DEPTH // 2]:
            ax.set_ylabel("frequency\n(tallest bar = 1)", fontsize=9)
        self.histograms = ActivationHistograms(axes, peak_normalised=True)
        self.all_acts, self.acts = [], []
        self.update(first=True)
        self.figure = LiveFigure(fig, self.histograms.artists)
        fig.set_layout_engine("none")  # the axes keep the places the first draw gave them: cheaper redraws
        for control in (self.scheme, self.activation):
            control.observe(lambda _change: self.update(), names="value")
        self.depth.observe(lambda _change: self.update_depth(), names="value")
        self.panel = widgets.VBox([widgets.HBox([self.scheme, self.activation, self.depth]), self.figure.image,
                                   self.status])

    def compute(self) -> list[np.ndarray]:
        """The activations of all ``MAX_DEPTH`` layers for the current scheme and activation.

        The first k layers of a deeper stack are the same numbers (same seed), so a network of depth k shows
        the first k of them: the depth slider only changes what is shown.
        """
        return layer_activations(self.scheme.value, self.activation.value, depth=self.MAX_DEPTH,
                                 n_units=self.n_units, n_samples=self.n_samples, rng=self.seed)

    def update(self, first: bool = False) -> None:
        """Recompute, move the bars, and redraw (the whole figure only when the axis limits changed)."""
        self.all_acts = self.compute()
        changed = self.histograms.update(self.all_acts, self.activation.value, shown=self.depth.value)
        self._show_status()
        if not first:
            self.figure.redraw(full=changed)

    def update_depth(self) -> None:
        """Show the first ``depth`` layers: only the moving artists are redrawn."""
        self.histograms.show(self.depth.value)
        self._show_status()
        self.figure.redraw()

    def _show_status(self) -> None:
        self.acts = self.all_acts[: self.depth.value]
        stds = [a.std() for a in self.acts]
        self.status.value = (f"<b>{self.scheme.value} + {self.activation.value}</b>, {len(stds)} layers: "
                             "activation std per layer " + ", ".join(f"{s:.2g}" for s in stds))

    def close(self) -> None:
        """Close every widget of the panel."""
        for child in (self.panel, *self.panel.children, *self.panel.children[0].children):
            child.close()



def init_explorer(scheme: str = "std 1", activation: str = "sigmoid", depth: int = 5) -> InitExplorer:
    """The init explorer of notebook 06."""
    return InitExplorer(scheme, activation, depth)
