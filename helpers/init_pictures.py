"""Pictures of notebook 06: per-layer histograms of activations and of backward gradients, and the grid
of the classic experiment (a row per scheme, a column per layer).

``ActivationHistograms`` draws one histogram per layer on a row of axes and redraws them in place: the
bars are made once and only their heights (and, for ReLU, their positions) change. ``gradient_histograms``
bins ``log10|dL/dz|`` so that vanishing and exploding gradients show as mass moving left or right.
Given fewer layers than axes, both leave the extra axes empty (their bars and labels hidden), so that a view
showing fewer layers keeps one layout (``InitExplorer`` covers the empty columns).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import is_color_like
from matplotlib.ticker import FormatStrFormatter
from matplotlib.transforms import ScaledTranslation

from helpers.init import SCHEMES
from helpers.init_experiments import ACTIVATION_FUNCTIONS, layer_activations
from helpers.validation import (
    as_bool,
    as_choice,
    as_edges,
    as_float_array,
    as_positive_int,
    as_rng,
    as_sequence,
    require_methods,
)

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


def _per_layer(values, name: str) -> list[np.ndarray]:
    """A non-empty list of arrays, one per layer (NaN allowed: a diverged network is drawn, not refused)."""
    values = as_sequence(values, name, "arrays, one per layer")
    if not values:
        raise ValueError(f"{name} must hold at least one layer, got an empty list")
    return [as_float_array(v, f"{name}[{i}]", allow_nan=True, nonempty=True) for i, v in enumerate(values)]


def _layer_stds(layers, stds) -> list[float]:
    """Each layer's std: ``stds`` checked (one number per layer, NaN allowed), or computed from ``layers``."""
    if stds is None:
        return [float(layer.std()) for layer in layers]
    stds = as_float_array(stds, "stds", ndim=1, allow_nan=True)
    if len(stds) != len(layers):
        raise ValueError(f"stds must hold one number per layer ({len(layers)}), got {len(stds)}")
    if (stds < 0).any():
        raise ValueError(f"stds must be standard deviations (>= 0 or NaN), got {stds.tolist()}")
    return [float(std) for std in stds]


def _axes_row(axes) -> list:
    axes = list(np.ravel(np.array(as_sequence(axes, "axes", "matplotlib Axes"), dtype=object)))
    if not axes:
        raise ValueError("axes must hold at least one matplotlib Axes")
    return [require_methods(ax, f"axes[{i}]", ("stairs", "text"), "a matplotlib Axes") for i, ax in enumerate(axes)]


def _colour(color, name: str = "color") -> str:
    if not isinstance(color, str) or not is_color_like(color):
        raise ValueError(f"{name} must be a matplotlib colour such as '#0072B2' or 'orange', got {color!r}")
    return color


def histogram_range(activation: str, acts) -> tuple[float, float]:
    """The x-range of the histograms: the function's range for sigmoid (0, 1) and tanh (-1, 1); for ReLU,
    (0, a round number above the 99th percentile of the first layer's positive activations), the same for
    every layer, so growth and collapse from layer to layer stay visible; leaky ReLU adds a tenth of that
    below 0."""
    as_choice(activation, "activation", ACTIVATION_FUNCTIONS)
    acts = _per_layer(acts, "acts")
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    positive = acts[0][acts[0] > 0] if len(acts) else np.empty(0)
    hi = _nice_ceiling(np.percentile(positive, 99) if positive.size else 1.0)
    return (-0.1 * hi if activation == "leaky relu" else 0.0), hi  # leaky: its small negative side shows


def layer_histograms(acts, activation: str, bins: int = N_BINS):
    """Per layer, the fraction of activations in each of ``bins`` equal bins over :func:`histogram_range`.

    For ReLU the exact zeros are left out of the bars (they would dwarf everything) and counted apart.
    Values beyond the range are piled into the last bin (a spike at the right edge means "larger still").

    Returns ``(edges, fractions, zero_fractions)``: (bins + 1,), (depth, bins), (depth,).
    """
    acts, bins = _per_layer(acts, "acts"), as_positive_int(bins, "bins")
    lo, hi = histogram_range(activation, acts)
    edges = np.linspace(lo, hi, bins + 1)
    apart = (lambda values: values == 0) if activation == "relu" else None
    fractions, zero_fractions = _binned_fractions(acts, edges, apart)
    return edges, fractions, zero_fractions


def _binned_fractions(layers, edges, apart=None):
    """Per layer (arrays of any shapes), the fraction of its values in each bin of ``edges`` (increasing; values
    beyond them go to the end bins, NaN to none) and the fraction for which ``apart(values)`` holds (not binned).

    All layers are binned in one pass (one ``bincount``). Returns (depth, len(edges) - 1), (depth,).
    """
    bins, sizes = len(edges) - 1, np.array([layer.size for layer in layers])
    values = np.concatenate([np.ravel(layer) for layer in layers])
    step = (edges[-1] - edges[0]) / bins
    if np.allclose(np.diff(edges), step):  # equal bins: the bin is arithmetic
        column = np.clip(np.floor((values - edges[0]) / step), 0, bins - 1)
    else:
        column = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, bins - 1).astype(float)
    column[np.isnan(values)] = bins + 1  # counted nowhere
    if apart is not None:
        column[apart(values)] = bins
    column += np.repeat(np.arange(len(layers)) * (bins + 2), sizes)  # each layer its own bins + 2 columns
    counts = np.bincount(column.astype(np.intp), minlength=len(layers) * (bins + 2)).reshape(len(layers), bins + 2)
    return counts[:, :bins] / sizes[:, None], counts[:, bins] / sizes


GRAD_EDGES = np.linspace(-12.0, 8.0, 41)  # log10 |dL/dz| from 1e-12 to 1e8, bins of half a decade
GRAD_COLOR = "#D55E00"


def gradient_histograms(grads, edges=GRAD_EDGES):
    """Per layer, the fraction of gradients with ``log10|g|`` in each bin of ``edges`` (beyond: the end bins).

    Exact zeros (ReLU's inactive units pass no gradient) have no logarithm: they are counted apart.
    Returns ``(fractions, zero_fractions)``: (depth, len(edges) - 1), (depth,).
    """
    grads, edges = _per_layer(grads, "grads"), as_edges(edges, "edges")
    with np.errstate(divide="ignore"):  # log10 0 = -inf: the zeros, counted apart
        logs = [np.log10(np.abs(g)) for g in grads]
    return _binned_fractions(logs, edges, apart=np.isneginf)


def _tick_values(lo: float, hi: float) -> tuple[float, float, float]:
    """Three x ticks for a histogram over (lo, hi): the ends and 0 when it is centred on 0 (tanh), else 0, the
    middle of (0, hi) and hi (sigmoid, ReLU; leaky ReLU's short negative side gets no tick)."""
    return (lo, 0.0, hi) if lo == -hi else (0.0, hi / 2, hi)


def _tick_text(value: float) -> str:
    """A tick's number as matplotlib writes it here ("%g", with a minus sign, not a hyphen, where it would)."""
    text = f"{value:g}"
    return text.replace("-", "\N{MINUS SIGN}") if plt.rcParams["axes.unicode_minus"] else text


class ActivationHistograms:
    """One histogram per layer on ``axes`` (a sequence), updated in place by :meth:`update`.

    ``artists`` are the bars and the per-panel labels (the moving parts, for ``LiveFigure``); ``stds`` the std
    of each layer shown (all its values), as the labels show it.
    Heights are fractions of all activations, or with ``peak_normalised`` each layer's histogram divided by
    its tallest bar (fixed y-limits: a change of scheme then needs no full redraw).
    With ``moving_ticks`` each x-axis spans (0, 1) and the range is written by three texts per axes,
    ``tick_labels`` (for ``LiveFigure``'s ``overlay_artists``): a new ReLU range moves no axis.
    ``update`` returns True when the background changed (then the figure needs a full redraw); ``layout`` names
    that background (``LiveFigure``'s ``key``) and ``limits`` is ``(lo, hi, top)`` of the data shown.
    """

    def __init__(self, axes, bins: int = N_BINS, color: str = BAR_COLOR, peak_normalised: bool = False,
                 moving_ticks: bool = False):
        self.axes, color = _axes_row(axes), _colour(color)
        self.bins = bins = as_positive_int(bins, "bins")
        self.peak_normalised = as_bool(peak_normalised, "peak_normalised")
        self.moving_ticks = as_bool(moving_ticks, "moving_ticks")
        self.bars, self.labels, self.tick_labels = [], [], []  # tick_labels: with moving_ticks, 3 per axes
        below = (plt.rcParams["xtick.major.size"] + plt.rcParams["xtick.major.pad"]) / 72  # where tick labels go
        for ax in self.axes:
            # one filled step outline per panel: its heights are updated in place (set_data), never re-made
            self.bars.append(ax.stairs(np.zeros(bins), np.linspace(0, 1, bins + 1), fill=True, color=color))
            self.labels.append(ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", fontsize=8))
            ax.tick_params(labelsize=8)
            ax.locator_params(nbins=3)  # few ticks: cheaper full redraws, easier to read
            ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))  # "1", not "1.0": end labels stay inside
            if self.moving_ticks:
                ax.set_xlim(0, 1)
                ax.tick_params(labelbottom=False)
                place = ax.transAxes + ScaledTranslation(0, -below, ax.figure.dpi_scale_trans)
                self.tick_labels += [ax.text(0, 0, "", transform=place, ha="center", va="top", fontsize=8,
                                             color=plt.rcParams["xtick.color"]) for _ in range(3)]
        self.artists = self.bars + self.labels
        self.limits, self.layout, self.stds = None, None, []

    def update(self, acts, activation: str, every: int = 1, stds=None) -> bool:
        """Show ``acts`` (a list of (N, units) arrays, one per layer, up to ``len(axes)``) for ``activation``.

        The bars count every ``every``-th sample (a cheaper picture of the same distribution); the std labels
        use all of them, or ``stds`` (one number per layer) when the caller knows them: then ``acts`` may be
        just the samples the bars count. The bars and labels of axes beyond ``len(acts)`` are hidden (the axes
        stay). Returns True when the background changed (``layout``: the axis limits, or with ``moving_ticks``
        the tick places).
        """
        acts, every = _per_layer(acts, "acts"), as_positive_int(every, "every")
        if len(acts) > len(self.axes):
            raise ValueError(f"acts must hold at most one layer per axes ({len(self.axes)}), got {len(acts)}")
        stds = _layer_stds(acts, stds)
        edges, fractions, zeros = layer_histograms([a[::every] for a in acts], activation, self.bins)
        if self.peak_normalised:
            fractions = fractions / np.maximum(fractions.max(axis=1, keepdims=True), 1e-12)
        self.stds = stds
        lo, hi = float(edges[0]), float(edges[-1])
        shown_edges = (edges - lo) / (hi - lo) if self.moving_ticks else edges
        for i, std in enumerate(self.stds):
            self.bars[i].set_data(fractions[i], shown_edges)
            self.labels[i].set_text(f"std {std:.2g}" + (f"\nzeros {zeros[i]:.0%}" if activation == "relu" else ""))
        top = 1.45 if self.peak_normalised else _nice_ceiling(1.3 * fractions.max()) if fractions.size else 1.0
        self.limits = (lo, hi, top)
        values = _tick_values(lo, hi)
        ticks = tuple((v - lo) / (hi - lo) for v in values)
        layout = (ticks, top) if self.moving_ticks else self.limits
        for i, (bars, label) in enumerate(zip(self.bars, self.labels, strict=True)):
            bars.set_visible(i < len(acts))
            label.set_visible(i < len(acts))
        for k, text in enumerate(self.tick_labels):  # the same three numbers under every axes
            text.set_x(ticks[k % 3])
            text.set_text(_tick_text(values[k % 3]))
        changed = layout != self.layout
        if changed:
            for i, ax in enumerate(self.axes):
                if self.moving_ticks:
                    ax.set_xticks(ticks)
                else:
                    ax.set_xlim(lo, hi)
                ax.set_ylim(0, top)
                ax.set_title(f"layer {i + 1}", fontsize=9)
            self.layout = layout
        return changed


class GradientHistograms:
    """One histogram of ``log10|dL/dz|`` per layer on ``axes``, each scaled to its tallest bar, updated in place.

    The x-range is fixed (``GRAD_EDGES``), so :meth:`update` never needs a full redraw; ``artists`` are the
    moving parts; ``stds`` the std of each layer shown, as its label shows it. The bars and labels of axes
    beyond ``len(grads)`` are hidden (the axes stay).
    """

    def __init__(self, axes, color: str = GRAD_COLOR):
        self.axes, color = _axes_row(axes), _colour(color)
        self.bars, self.labels = [], []
        for ax in self.axes:
            self.bars.append(ax.stairs(np.zeros(len(GRAD_EDGES) - 1), GRAD_EDGES, fill=True, color=color))
            self.labels.append(ax.text(0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", fontsize=8))
            ax.set(xlim=(GRAD_EDGES[0], GRAD_EDGES[-1]), ylim=(0, 1.45), xticks=[-10, -5, 0, 5])
            ax.tick_params(labelsize=8)
        self.artists, self.stds = self.bars + self.labels, []

    def update(self, grads, every: int = 1, stds=None) -> None:
        """Show ``grads`` (a list of (N, units) arrays, layer 1 first); the bars count every ``every``-th sample,
        the labels show the std of all of them or ``stds``, as :meth:`ActivationHistograms.update`."""
        grads, every = _per_layer(grads, "grads"), as_positive_int(every, "every")
        if len(grads) > len(self.axes):
            raise ValueError(f"grads must hold at most one layer per axes ({len(self.axes)}), got {len(grads)}")
        self.stds = _layer_stds(grads, stds)
        fractions, zeros = gradient_histograms([g[::every] for g in grads])
        fractions = fractions / np.maximum(fractions.max(axis=1, keepdims=True), 1e-12)
        for i in range(len(self.axes)):
            for artist in (self.bars[i], self.labels[i]):
                artist.set_visible(i < len(grads))
            if i < len(grads):
                self.bars[i].set_data(fractions[i], GRAD_EDGES)
                self.labels[i].set_text(f"std {self.stds[i]:.2g}" + (f"\nzeros {zeros[i]:.0%}" if zeros[i] else ""))


def plot_activation_grid(activation: str, schemes=tuple(SCHEMES), depth: int = 5, axes=None, seed: int = 1,
                         **kwargs) -> dict:
    """The classic experiment as a grid: a row per scheme, a column per layer, for one ``activation``.

    ``axes`` is a (len(schemes), depth) array of axes or None (a new figure). Extra keyword arguments
    go to :func:`helpers.init_experiments.layer_activations` (``n_units``, ``n_samples``).
    Returns ``{scheme: (ActivationHistograms, acts)}``.
    """
    as_choice(activation, "activation", ACTIVATION_FUNCTIONS)
    schemes, depth, _ = as_sequence(schemes, "schemes", "initialisation schemes"), as_positive_int(depth, "depth"), \
        as_rng(seed, "seed")
    if not schemes:
        raise ValueError(f"schemes must name at least one of {list(SCHEMES)}")
    for i, scheme in enumerate(schemes):
        as_choice(scheme, f"schemes[{i}]", SCHEMES)
    if axes is not None and np.shape(axes) != (len(schemes), depth):
        raise ValueError(f"axes must be a ({len(schemes)}, {depth}) grid of Axes (schemes × depth), "
                         f"got shape {np.shape(axes)}")
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
