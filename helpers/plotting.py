"""Pictures for the course. Every function takes ``ax=None`` (a new figure) and returns what it drew.

Colours follow the Okabe-Ito palette, readable with colour-vision deficiency: class 0 is blue,
class 1 is orange. Plot text stays in English (no CJK font needed).
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from helpers.gates import GateReport, evaluate_gate
from helpers.validation import (
    as_bool,
    as_callable,
    as_choice,
    as_finite_float,
    as_float_array,
    as_instance,
    as_int,
    as_interval,
    as_labels,
    as_positive_float,
    as_positive_int,
    as_sequence,
    check_shape,
    require_methods,
)

CLASS_COLORS = ("#0072B2", "#E69F00")  # class 0, class 1
REGION_CMAP = ListedColormap(["#cfe3f2", "#fbe6c2"])  # light blue (outputs 0), light orange (outputs 1)
GATE_LIMITS = (-0.5, 1.5)


def use_course_style() -> None:
    """Set readable defaults for every figure in a notebook (call once in the setup cell)."""
    plt.rcParams.update({
        "figure.figsize": (6.0, 4.0),
        "figure.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 11,
        "axes.titlesize": 12,
        "legend.frameon": False,
    })


def _axes(ax, figsize=(4.5, 4.5), methods=("plot", "imshow")):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None; anything else is a clear ``TypeError``."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return require_methods(ax, "ax", methods, "a matplotlib Axes")


def _weights(w, b) -> tuple[np.ndarray, float]:
    """A two-input perceptron's ``w`` (shape ``(2,)``) and ``b``, or a clear error."""
    return check_shape(as_float_array(w, "w"), "w", (2,), "(one weight per input)"), as_finite_float(b, "b")


def _points(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Samples ``X`` (N, 2) and their 0/1 labels ``y`` (N,), or a clear error."""
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, 2), "(points of the plane)")
    return X, as_labels(y, "y", n=len(X), n_classes=2)


def _outputs(values, name: str, shape: tuple, probabilities: bool = False) -> np.ndarray:
    """What the callable ``name`` returned for the grid: one number per point (in [0, 1] for probabilities;
    NaN allowed there, drawn blank: a diverged network), reshaped to ``shape``."""
    out = as_float_array(values, f"what {name} returns", allow_nan=probabilities)
    if out.size != np.prod(shape):
        raise ValueError(f"{name} must return one value per point, {np.prod(shape)}, got shape {out.shape}")
    if probabilities and np.any((out < 0) | (out > 1)):
        raise ValueError(f"{name} must return probabilities in [0, 1], got {np.nanmin(out):g} .. {np.nanmax(out):g}")
    return out.reshape(shape)


def _row(next_row):
    """The row of the truth table to ring: None or a whole number 0 .. 3."""
    return None if next_row is None else as_int(next_row, "next_row", low=0, high=3)


def decision_line_points(w, b, limits=GATE_LIMITS) -> tuple[np.ndarray, np.ndarray]:
    """Where the line ``w1·x1 + w2·x2 + b = 0`` crosses the square ``limits × limits``.

    Returns:
        ``(xs, ys)``, each of shape ``(2,)``: the two ends of the visible segment, or two empty arrays
        when the line misses the square (or ``w = (0, 0)``, when there is no line at all).
    """
    (w1, w2), b = _weights(w, b)
    lo, hi = as_interval(limits, "limits")
    ends = []
    if w2 != 0:  # crossings with the left and right edges
        ends += [(x, -(w1 * x + b) / w2) for x in (lo, hi)]
    if w1 != 0:  # crossings with the bottom and top edges
        ends += [(-(w2 * y + b) / w1, y) for y in (lo, hi)]
    inside = [(x, y) for x, y in ends if lo - 1e-9 <= x <= hi + 1e-9 and lo - 1e-9 <= y <= hi + 1e-9]
    if len(inside) < 2:
        return np.array([]), np.array([])
    pts = np.array(inside)
    pts = pts[np.lexsort((pts[:, 1], pts[:, 0]))]  # the two extreme points along the line
    return pts[[0, -1], 0], pts[[0, -1], 1]


class GatePicture:
    """The perceptron's view of a gate: the four inputs, the line ``w·x + b = 0``, the two half-planes.

    Build it once with :func:`plot_gate`; :meth:`update` moves the line and recolours everything in place
    (the gate playground calls it on every slider move). ``artists`` lists what :meth:`update` changes.
    The arrow is the direction of ``w``: normal to the line, pointing to the side that outputs 1. A dashed
    ring can mark one row (the playground's next learning step).
    """

    ARROW_LENGTH = 0.35

    def __init__(self, ax, report: GateReport, resolution: int = 200, next_row: int | None = None):
        self.ax = require_methods(ax, "ax", ("imshow", "quiver"), "a matplotlib Axes")
        as_instance(report, "report", GateReport, "a GateReport (from evaluate_gate)")
        lo, hi = GATE_LIMITS
        resolution, next_row = as_int(resolution, "resolution", low=2), _row(next_row)
        grid = np.linspace(lo, hi, resolution)
        self._grid = np.stack(np.meshgrid(grid, grid), axis=-1)  # (res, res, 2)
        self.region = ax.imshow(np.zeros((resolution, resolution)), extent=(lo, hi, lo, hi), origin="lower",
                                cmap=REGION_CMAP, vmin=0, vmax=1, interpolation="nearest", zorder=0)
        (self.line,) = ax.plot([], [], color="black", lw=2, zorder=2, label="w·x + b = 0")
        self.normal = ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1, width=0.012,
                                color="black", zorder=2.5, clip_on=False)  # may poke out of a thin half-plane
        self.points = ax.scatter(report.X[:, 0], report.X[:, 1], s=160, zorder=3, linewidths=2.5)
        self.ring = ax.scatter([np.nan], [np.nan], s=650, facecolors="none", edgecolors="black",
                               linestyles="--", linewidths=1.5, zorder=4)
        self.title = ax.set_title("")
        ax.set(xlim=GATE_LIMITS, ylim=GATE_LIMITS, xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
               xticks=[0, 1], yticks=[0, 1])
        ax.grid(False)
        self.artists = [self.region, self.line, self.normal, self.points, self.ring, self.title]
        self.update(report, next_row)

    def update(self, report: GateReport, next_row: int | None = None) -> None:
        """Redraw for a new ``report`` (new weights, bias or target gate); ring row ``next_row`` if given."""
        as_instance(report, "report", GateReport, "a GateReport (from evaluate_gate)")
        next_row = _row(next_row)
        w1, w2 = report.w
        fires = self._grid[..., 0] * w1 + self._grid[..., 1] * w2 + report.b > 0
        self.region.set_data(fires.astype(float))
        xs, ys = decision_line_points(report.w, report.b)
        self.line.set_data(xs, ys)
        self.normal.set_visible(len(xs) == 2)
        if len(xs) == 2:  # from the middle of the visible segment, along w, shortened to fit the square
            base, unit = np.array([xs.mean(), ys.mean()]), report.w / np.linalg.norm(report.w)
            lo, hi = GATE_LIMITS
            room = min(((hi if u > 0 else lo) - c) / u for c, u in zip(base, unit, strict=True) if u != 0)
            u, v = float(np.clip(room, 0.15, self.ARROW_LENGTH)) * unit
            self.normal.set_offsets([base])
            self.normal.set_UVC([u], [v])
        self.points.set_facecolor([CLASS_COLORS[t] for t in report.y])
        self.points.set_edgecolor(["black" if ok else "#d62728" for ok in report.correct])
        self.ring.set_offsets([[np.nan, np.nan]] if next_row is None else [report.X[next_row]])
        mark = "✓" if report.n_correct == 4 else "✗"
        self.title.set_text(f"{report.gate}: {report.n_correct}/4 correct {mark}")


def plot_gate(w, b, gate: str, ax=None) -> GatePicture:
    """Draw a perceptron ``(w, b)`` against ``gate``'s truth table.

    Points are coloured by the gate's true output (blue 0, orange 1) and ringed red where the perceptron
    is wrong; the shaded half-planes show where it outputs 0 (blue) and 1 (orange).
    """
    report = evaluate_gate(w, b, gate)
    return GatePicture(_axes(ax), report)


def truth_table_html(report: GateReport, form: str = "bias") -> str:
    """The truth table of ``report`` as an HTML table with a ✓/✗ per row and an 'n/4 correct' footer.

    ``form="bias"`` shows ``z = w·x + b`` (fires when z > 0); ``form="threshold"`` shows ``w·x`` against
    ``θ = -b`` (fires when w·x > θ): the same outputs, read the other way.
    """
    as_instance(report, "report", GateReport, "a GateReport (from evaluate_gate)")
    as_choice(form, "form", ("bias", "threshold"))
    pad = "padding:2px 10px;"
    shown = report.z if form == "bias" else report.z - report.b
    heading = "z = w·x + b" if form == "bias" else f"w·x (θ = {-report.b + 0.0:+.2f})"
    rows = []
    for (a, c), z, y_hat, y, ok in zip(report.X, shown, report.y_hat, report.y, report.correct, strict=True):
        colour = "#1a7f37" if ok else "#cf222e"
        cells = "".join(f"<td style='{pad}'>{v}</td>" for v in (a, c, f"{z:+.2f}", y_hat, y))
        rows.append(f"<tr>{cells}<td style='{pad}color:{colour};font-weight:bold'>{'✓' if ok else '✗'}</td></tr>")
    done = report.n_correct == 4
    verdict = f" — this perceptron computes {html.escape(report.gate)}" if done else ""
    footer = (f"<div style='margin-top:4px;font-weight:bold;color:{'#1a7f37' if done else '#cf222e'}'>"
              f"{report.n_correct}/4 correct{verdict}</div>")
    return (
        "<table style='border-collapse:collapse;text-align:center;font-family:monospace'>"
        + "<tr>" + "".join(f"<th style='{pad}'>{h}</th>" for h in ("x1", "x2", heading, "ŷ", "target", ""))
        + "</tr>"
        + "".join(rows) + "</table>" + footer
    )


def plot_training_history(history: dict, ax=None):
    """Accuracy per epoch of a :class:`helpers.gates.Perceptron` history; returns the Line2D."""
    if not isinstance(history, dict) or "accuracy" not in history:
        raise TypeError(f"history must be a dict with an 'accuracy' list (as Perceptron.fit returns), got {history!r}")
    acc = as_float_array(history["accuracy"], "history['accuracy']", ndim=1, nonempty=True)
    ax = _axes(ax, figsize=(5, 3))
    (line,) = ax.plot(np.arange(1, len(acc) + 1), acc, marker="o")
    ax.set(xlabel="epoch", ylabel="accuracy", ylim=(-0.05, 1.05))
    return line


def plot_decision_regions(predict, X, y, ax=None, resolution: int = 200, padding: float = 0.5):
    """Shade where ``predict`` outputs 0 and 1 around the samples ``X`` (shape ``(N, 2)``), labels ``y``.

    ``predict`` maps an ``(M, 2)`` array to ``(M,)`` 0/1 outputs. Returns ``{"region", "points"}``.
    """
    X, y = _points(X, y)
    resolution, padding = as_int(resolution, "resolution", low=2), as_finite_float(padding, "padding", low=0)
    as_callable(predict, "predict")
    ax = _axes(ax)
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    z = _outputs(predict(np.column_stack([gx.ravel(), gy.ravel()])), "predict", gx.shape)
    region = ax.imshow(z, extent=(x_lo, x_hi, y_lo, y_hi), origin="lower", cmap=REGION_CMAP, vmin=0, vmax=1,
                       interpolation="nearest", aspect="auto")
    points = ax.scatter(X[:, 0], X[:, 1], c=[CLASS_COLORS[t] for t in y], s=120, edgecolors="black", zorder=3)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    ax.grid(False)
    return {"region": region, "points": points}


def plot_perceptron_diagram(w, b, ax=None, labels=("$x_1$", "$x_2$")):
    """Draw a two-input perceptron: inputs, weighted edges, the neuron (Σ then step) and the output.

    Returns ``{"inputs", "neuron", "edges", "texts"}`` (circles, the neuron circle, arrows, labels).
    """
    (w1, w2), b = _weights(w, b)
    labels = as_sequence(labels, "labels", "two input labels")
    if len(labels) != 2:
        raise ValueError(f"labels must be two input labels, got {len(labels)}: {labels!r}")
    ax = _axes(ax, figsize=(5.5, 3), methods=("add_patch", "annotate"))
    inputs = [plt.Circle((0, y), 0.28, fc="#eeeeee", ec="black") for y in (1, -1)]
    neuron = plt.Circle((3, 0), 0.55, fc="#fbe6c2", ec="black")
    for patch in [*inputs, neuron]:
        ax.add_patch(patch)
    edges, texts = [], []
    for (label, weight), y in zip(zip(labels, (w1, w2), strict=True), (1, -1), strict=True):
        edges.append(ax.annotate("", xy=(2.45, 0.25 * y), xytext=(0.3, y),
                                 arrowprops={"arrowstyle": "->", "lw": 1 + 2 * min(abs(weight), 1.5)}))
        texts.append(ax.text(0, y, label, ha="center", va="center", fontsize=13))
        texts.append(ax.text(1.2, 0.98 * y, f"$w={weight:g}$", ha="left", va="bottom" if y > 0 else "top",
                             fontsize=11))
    edges.append(ax.annotate("", xy=(5.0, 0), xytext=(3.55, 0), arrowprops={"arrowstyle": "->", "lw": 2}))
    texts += [
        ax.text(3, 0.05, "Σ | step", ha="center", va="center", fontsize=11),
        ax.text(3, -0.85, f"bias $b={b:g}$", ha="center", fontsize=11),
        ax.text(5.15, 0, "$y$", ha="left", va="center", fontsize=13),
    ]
    ax.set(xlim=(-0.6, 5.6), ylim=(-1.5, 1.5), aspect="equal")
    ax.axis("off")
    return {"inputs": inputs, "neuron": neuron, "edges": edges, "texts": texts}


def plot_output_surface(w, b, ax=None, resolution: int = 60):
    """The perceptron's output ``step(w·x + b)`` as a 3-D surface over ``x1, x2`` in [-0.5, 1.5].

    ``ax`` must be a 3-D axes (``projection="3d"``) when given. Returns the surface.
    """
    w, b = _weights(w, b)
    resolution = as_int(resolution, "resolution", low=2)
    if ax is None:
        ax = plt.figure(figsize=(5, 4)).add_subplot(projection="3d")
    require_methods(ax, "ax", ("plot_surface",), "a 3-D matplotlib Axes (projection='3d')")
    grid = np.linspace(*GATE_LIMITS, resolution)
    gx, gy = np.meshgrid(grid, grid)
    out = (gx * w[0] + gy * w[1] + b > 0).astype(float)
    surface = ax.plot_surface(gx, gy, out, cmap=REGION_CMAP, vmin=0, vmax=1, linewidth=0, antialiased=False)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="output $y$", zticks=[0, 1])
    return surface


# --- notebook 04: activation functions ----------------------------------------------------------------

def plot_activation(name: str, value=None, ax=None, x_range=(-5.0, 5.0), legend: bool = True):
    """Draw an activation (solid) and its derivative (dashed) from ``helpers.activations.ACTIVATIONS``.

    Args:
        name: a registry key, e.g. ``"relu"``. value: its (first) parameter (``None``: the default).
        x_range: the inputs shown, ``(lo, hi)``.

    Returns:
        ``{"f": Line2D, "df": Line2D}``.
    """
    from helpers.activations import ACTIVATIONS  # imported here: this block was appended to a shared module

    act = ACTIVATIONS[as_choice(name, "name", ACTIVATIONS)]
    try:
        act.values(value)
    except (TypeError, ValueError) as err:
        raise type(err)(f"value: {err}") from None
    x = np.linspace(*as_interval(x_range, "x_range"), 801)
    legend = as_bool(legend, "legend")
    ax = _axes(ax, figsize=(4.5, 3.2))
    f, df = np.asarray(act(x, value)), np.asarray(act.derivative(x, value))
    if name == "step":  # break the vertical line at the jump
        jump = np.argmax(f > 0.5)
        f = np.insert(f, jump, np.nan)
        df = np.insert(df, jump, np.nan)
        x = np.insert(x, jump, np.nan)
    (line_f,) = ax.plot(x, f, color="#0072B2", lw=2, label="f(x)")
    (line_df,) = ax.plot(x, df, color="#D55E00", lw=2, ls="--", label="f'(x)")
    param = ", ".join(f"{p}={v:g}" for p, v in zip(act.params, act.values(value), strict=True))
    param = f" ({param})" if param else ""
    ax.set(title=f"{name}{param}", xlabel="x")
    ax.axhline(0, color="gray", lw=0.8)
    ax.axvline(0, color="gray", lw=0.8)
    if legend:
        ax.legend(loc="upper left", fontsize=9)
    return {"f": line_f, "df": line_df}


# --- Classifier pictures (notebook 05) -------------------------------------------------------------


def plot_confusion_matrix(counts, ax=None, class_names=None):
    """Counts ``counts[i, j]`` (true ``i``, predicted ``j``) as a heat map with the numbers written in.

    Returns the ``AxesImage``. The diagonal is the right answers; everything off it is a mistake.
    """
    counts = as_float_array(counts, "counts", ndim=2, nonempty=True)
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts must be a square matrix, got shape {counts.shape}")
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(f"counts must hold whole numbers >= 0 (how many samples), got {counts}")
    counts = counts.astype(np.int64)
    k = counts.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else list(as_sequence(class_names, "class_names"))
    if len(names) != k:
        raise ValueError(f"class_names must name the {k} classes, got {len(names)}")
    ax = _axes(ax, figsize=(4.8, 4.2))
    image = ax.imshow(counts, cmap="Blues")
    for i in range(k):
        for j in range(k):
            if counts[i, j]:
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if counts[i, j] > counts.max() / 2 else "black")
    ax.set(xticks=range(k), yticks=range(k), xticklabels=names, yticklabels=names,
           xlabel="predicted", ylabel="true")
    ax.grid(False)
    return image


def plot_digit_images(images, titles=(), axes=None, ncols: int = 8):
    """Small grey images (each (8, 8) or 64 pixels) in a grid, with optional titles; returns the axes used."""
    images = as_float_array(images, "images")  # no image at all (no mistakes to show) draws an empty grid
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"images must be (N, h, w) or (N, side²) square images, got shape {images.shape}")
        images = images.reshape(len(images), side, side)
    if images.ndim != 3:
        raise ValueError(f"images must be (N, h, w) or (N, side²), got shape {images.shape}")
    titles, ncols = as_sequence(titles, "titles", "titles"), as_positive_int(ncols, "ncols")
    if len(titles) > len(images):
        raise ValueError(f"titles must be at most one per image ({len(images)}), got {len(titles)}")
    if axes is None:
        nrows = max(1, -(-len(images) // ncols))
        _, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.3 * nrows), squeeze=False)
    axes = np.ravel(np.array(axes, dtype=object))
    for i, ax in enumerate(axes):
        require_methods(ax, f"axes[{i}]" if axes.size > 1 else "axes", ("imshow", "axis"), "a matplotlib Axes")
    if axes.size < len(images):
        raise ValueError(f"axes must be at least one per image ({len(images)}), got {axes.size}")
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i < len(images):
            ax.imshow(images[i], cmap="gray_r", interpolation="nearest")
            if i < len(titles):
                ax.set_title(titles[i], fontsize=9)
    return axes


# --- Notebook 02: networks and probability regions --------------------------------------------------

#: Diverging colours for a network's probability of class 1: blue (0) through white (0.5) to orange (1).
PROBABILITY_CMAP = ListedColormap(np.concatenate([
    np.linspace([0.31, 0.62, 0.84], [1.0, 1.0, 1.0], 128),   # light blue -> white
    np.linspace([1.0, 1.0, 1.0], [0.95, 0.72, 0.29], 128),   # white -> light orange
]), name="class_probability")


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
    ax = _axes(ax, figsize=(5, 3))
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
    X, y = _points(X, y)
    grid = probability_grid(limits, resolution)
    (lo, hi), point_size = as_interval(limits, "limits"), as_positive_float(point_size, "point_size")
    p = _outputs(as_callable(proba, "proba")(grid), "proba", (resolution, resolution), probabilities=True)
    ax = _axes(ax)
    region = ax.imshow(p, extent=(lo, hi, lo, hi), origin="lower", cmap=PROBABILITY_CMAP, vmin=0, vmax=1,
                       alpha=0.75, interpolation="bilinear")
    g = np.linspace(lo, hi, resolution)
    boundary = ax.contour(g, g, p, levels=[0.5], colors="black", linewidths=1.5) if p.min() < 0.5 < p.max() else None
    points = ax.scatter(X[:, 0], X[:, 1], c=[CLASS_COLORS[t] for t in y], s=point_size, edgecolors="black",
                        linewidths=0.5, zorder=3)
    ax.set(xlim=limits, ylim=limits, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    ax.grid(False)
    return {"region": region, "boundary": boundary, "points": points}
