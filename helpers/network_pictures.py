"""Pictures of notebook 02: a network drawn as circles and lines, and a network's probability of class 1 over
the plane. Every function takes ``ax=None`` (a new figure) and returns what it drew.
"""

from __future__ import annotations

import numpy as np

from helpers.picture_basics import CLASS_COLORS, PROBABILITY_CMAP, axes_or_new, grid_outputs, two_class_points
from helpers.validation import as_callable, as_int, as_interval, as_positive_float, as_sequence


def plot_network(layer_labels, ax=None, edge_labels=None, layer_names=None):
    """Draw a fully connected network as circles in columns joined by lines.

    Args:
        layer_labels: one list of node labels per layer, input first, e.g.
            ``[["$x_1$", "$x_2$"], ["$s_1$", "$s_2$"], ["$y$"]]``.
        edge_labels: optional ``{(layer, i, j): text}`` written on the edge from node i of ``layer`` to
            node j of ``layer + 1`` (e.g. the weights).
        layer_names: optional caption under each column (e.g. ``"input layer"``).

    Returns ``{"nodes": [Circle, ...], "edges": [Line2D, ...]}``.
    """
    from matplotlib.patches import Circle

    layer_labels = [as_sequence(labels, f"layer_labels[{k}]", "node labels")
                    for k, labels in enumerate(as_sequence(layer_labels, "layer_labels", "lists of node labels"))]
    sizes = [len(labels) for labels in layer_labels]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"layer_labels must be two or more layers of at least one node, got sizes {sizes}")
    edges = [(k, i, j) for k in range(len(sizes) - 1) for i in range(sizes[k]) for j in range(sizes[k + 1])]
    if edge_labels is not None and (not isinstance(edge_labels, dict) or not set(edge_labels) <= set(edges)):
        raise ValueError(f"edge_labels must be a dict {{(layer, i, j): text}} of edges, got {edge_labels!r}")
    if layer_names is not None and len(as_sequence(layer_names, "layer_names", "captions")) != len(sizes):
        raise ValueError(f"layer_names must be one caption per layer ({len(sizes)}), got {layer_names!r}")
    ax = axes_or_new(ax, figsize=(5, 3))
    spacing = 1.0 / max(max(sizes) - 1, 1)
    ys = [0.5 + spacing * ((n - 1) / 2 - np.arange(n)) for n in sizes]  # first node on top
    xs = np.linspace(0, 1, len(sizes))
    radius = 0.07
    nodes, edges = [], []
    for layer, (x0, x1) in enumerate(zip(xs[:-1], xs[1:], strict=True)):
        for i, y0 in enumerate(ys[layer]):
            for j, y1 in enumerate(ys[layer + 1]):
                (line,) = ax.plot([x0, x1], [y0, y1], color="0.45", lw=1.2, zorder=1)
                edges.append(line)
                if edge_labels and (layer, i, j) in edge_labels:
                    t = 0.3  # near the source node, where the edges of one node fan out apart
                    ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), edge_labels[(layer, i, j)], ha="center",
                            va="center", fontsize=9, zorder=3,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    for layer, (x, labels) in enumerate(zip(xs, layer_labels, strict=True)):
        colour = "#e8e8e8" if layer == 0 else ("#fbe6c2" if layer == len(sizes) - 1 else "#cfe3f2")
        for y, label in zip(ys[layer], labels, strict=True):
            circle = Circle((x, y), radius, fc=colour, ec="black", lw=1.5, zorder=2)
            ax.add_patch(circle)
            nodes.append(circle)
            ax.text(x, y, label, ha="center", va="center", fontsize=11, zorder=4)
        if layer_names:
            ax.text(x, -0.15, layer_names[layer], ha="center", va="top", fontsize=10)
    ax.set(xlim=(-0.15, 1.15), ylim=(-0.3 if layer_names else -0.15, 1.15), aspect="equal")
    ax.axis("off")
    return {"nodes": nodes, "edges": edges}


def probability_grid(limits=(-1.5, 1.5), resolution: int = 60) -> np.ndarray:
    """The centres of a ``resolution × resolution`` grid over ``limits × limits``, shape (resolution², 2)."""
    g = np.linspace(*as_interval(limits, "limits"), as_int(resolution, "resolution", low=2))
    gx, gy = np.meshgrid(g, g)
    return np.column_stack([gx.ravel(), gy.ravel()])


def plot_probability_regions(proba, X, y, ax=None, limits=(-1.5, 1.5), resolution: int = 60,
                             point_size: float = 18):
    """Shade a network's probability of class 1 over the plane and draw the samples on top.

    Args:
        proba: maps an (M, 2) array to M probabilities (any shape with M entries).
        X: samples, shape (N, 2); y: their 0/1 labels, shape (N,).
        limits: the square shown, ``(lo, hi)`` on both axes.
        point_size: marker area of the samples (larger for a handful of points, such as XOR's four).

    Returns ``{"region", "boundary", "points"}``: the image, the p = 0.5 contour set and the scatter.
    """
    X, y = two_class_points(X, y)
    grid = probability_grid(limits, resolution)
    (lo, hi), point_size = as_interval(limits, "limits"), as_positive_float(point_size, "point_size")
    p = grid_outputs(as_callable(proba, "proba")(grid), "proba", (resolution, resolution), probabilities=True)
    ax = axes_or_new(ax)
    region = ax.imshow(p, extent=(lo, hi, lo, hi), origin="lower", cmap=PROBABILITY_CMAP, vmin=0, vmax=1,
                       alpha=0.75, interpolation="bilinear")
    g = np.linspace(lo, hi, resolution)
    boundary = ax.contour(g, g, p, levels=[0.5], colors="black", linewidths=1.5) if p.min() < 0.5 < p.max() else None
    points = ax.scatter(X[:, 0], X[:, 1], c=[CLASS_COLORS[t] for t in y], s=point_size, edgecolors="black",
                        linewidths=0.5, zorder=3)
    ax.set(xlim=limits, ylim=limits, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    ax.grid(False)
    return {"region": region, "boundary": boundary, "points": points}
