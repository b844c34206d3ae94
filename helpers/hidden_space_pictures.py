"""Pictures of the hidden space (notebook 02): the points where a 2-neuron hidden layer puts them.

The math is :mod:`helpers.hidden_space`; this module only draws it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from helpers.hidden_space import hidden_coordinates, next_layer_line
from helpers.picture_basics import CLASS_COLORS
from helpers.plotting import decision_line_points
from helpers.validation import as_interval, as_labels, as_sequence, require_methods


def plot_hidden_space(model, X, y, ax=None, layer: int = 1, labels=None, limits=None):
    """Scatter the points ``X`` (N, D) where hidden layer ``layer`` puts them, coloured by their 0/1
    labels ``y`` (N,), with the line the next unit draws there (its score 0) in black.

    The hidden layer must have 2 neurons (a plane). ``labels``: N strings written beside the points.
    ``limits``: the square shown, ``(lo, hi)``; by default (-1.15, 1.15) if every coordinate lies in
    [-1, 1] (tanh, sigmoid), else the points' range with a margin.

    Returns ``{"points", "line", "hidden"}``: the scatter, the line (or None if it misses the square)
    and the coordinates, shape (N, 2).
    """
    hidden = hidden_coordinates(model, X, layer)
    if hidden.shape[1] != 2:
        raise ValueError(f"hidden layer {layer} must have 2 neurons to be drawn as a plane, "
                         f"got {hidden.shape[1]}")
    y = as_labels(y, "y", n=len(hidden), n_classes=2)
    if labels is not None and len(as_sequence(labels, "labels", "texts, one per point")) != len(hidden):
        raise ValueError(f"labels must be one text per point ({len(hidden)}), got {len(labels)}")
    if limits is not None:
        limits = as_interval(limits, "limits")
    if ax is not None:
        require_methods(ax, "ax", ("plot", "scatter"), "a matplotlib Axes")
    if limits is None:
        lo, hi = float(hidden.min()), float(hidden.max())
        limits = (-1.15, 1.15) if lo >= -1 and hi <= 1 else (lo - 0.15 * (hi - lo + 1), hi + 0.15 * (hi - lo + 1))
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    w, b = next_layer_line(model, layer)
    xs, ys = decision_line_points(w, b, limits)
    line = ax.plot(xs, ys, "k", lw=2, label="next unit's line (score 0)")[0] if xs.size else None
    points = ax.scatter(hidden[:, 0], hidden[:, 1], s=160, c=[CLASS_COLORS[t] for t in y], edgecolors="black",
                        zorder=3)
    for k, text in enumerate(labels if labels is not None else []):
        below = int(np.sum(np.linalg.norm(hidden[:k] - hidden[k], axis=1) < 0.08))  # stack labels of close points
        ax.annotate(text, hidden[k], textcoords="offset points", xytext=(8, 6 - 12 * below), fontsize=9)
    ax.set(xlim=limits, ylim=limits, aspect="equal", xlabel="$h_1$", ylabel="$h_2$",
           title=f"hidden space (layer {layer})")
    if line is not None:
        ax.legend(loc="upper left", fontsize=8)
    return {"points": points, "line": line, "hidden": hidden}
