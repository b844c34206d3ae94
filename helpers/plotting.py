"""Pictures of notebook 01 (the perceptron and its gates) and the course style. Every function takes ``ax=None``
(a new figure) and returns what it drew. The pictures of notebooks 02, 04 and 05 live in ``network_pictures``,
``activation_pictures`` and ``classifier_pictures`` and can be imported from here too.

Colours follow the Okabe-Ito palette, readable with colour-vision deficiency: class 0 is blue,
class 1 is orange. Plot text stays in English (no CJK font needed).
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon, Rectangle

from helpers.activation_pictures import plot_activation as plot_activation  # re-exported: the notebooks import
from helpers.classifier_pictures import plot_confusion_matrix as plot_confusion_matrix  # these from here
from helpers.classifier_pictures import plot_digit_images as plot_digit_images
from helpers.gates import GateReport, evaluate_gate
from helpers.inline_figures import show_figures_drawn_once
from helpers.network_pictures import plot_network as plot_network
from helpers.network_pictures import plot_probability_regions as plot_probability_regions
from helpers.network_pictures import probability_grid as probability_grid
from helpers.picture_basics import CLASS_COLORS as CLASS_COLORS
from helpers.picture_basics import PROBABILITY_CMAP as PROBABILITY_CMAP
from helpers.picture_basics import REGION_CMAP, axes_or_new, grid_outputs, two_class_points
from helpers.validation import (
    as_callable,
    as_choice,
    as_finite_float,
    as_float_array,
    as_instance,
    as_int,
    as_interval,
    as_sequence,
    check_shape,
    require_methods,
)

GATE_LIMITS = (-0.5, 1.5)


def use_course_style() -> None:
    """Set readable defaults for every figure in a notebook (call once in the setup cell), and show each figure as
    drawn once (:func:`helpers.inline_figures.show_figures_drawn_once`)."""
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
    show_figures_drawn_once()


def _weights(w, b) -> tuple[np.ndarray, float]:
    """A two-input perceptron's ``w`` (shape ``(2,)``) and ``b``, or a clear error."""
    return check_shape(as_float_array(w, "w"), "w", (2,), "(one weight per input)"), as_finite_float(b, "b")


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


def firing_region(w, b, limits=GATE_LIMITS) -> np.ndarray:
    """The part of the square ``limits × limits`` where ``w1·x1 + w2·x2 + b > 0`` (the perceptron outputs 1).

    Returns:
        its corners in order, shape ``(k, 2)`` with 3 <= k <= 5 (the square cut by the line), or shape
        ``(0, 2)`` when no point of the square outputs 1. The rest of the square outputs 0.
    """
    (w1, w2), b = _weights(w, b)
    lo, hi = as_interval(limits, "limits")
    square = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    z = [w1 * x + w2 * y + b for x, y in square]
    corners = []
    for k, (p, zp) in enumerate(zip(square, z, strict=True)):  # Sutherland-Hodgman: one edge of the cut at a time
        q, zq = square[(k + 1) % 4], z[(k + 1) % 4]
        if zp > 0:
            corners.append(p)
        if (zp > 0) != (zq > 0):  # the line crosses this side of the square
            t = zp / (zp - zq)
            corners.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return np.array(corners, dtype=float).reshape(-1, 2) if len(corners) >= 3 else np.zeros((0, 2))


class GatePicture:
    """The perceptron's view of a gate: the four inputs, the line ``w·x + b = 0``, the two half-planes.

    Build it once with :func:`plot_gate`; :meth:`update` moves the line and recolours everything in place
    (the gate playground calls it on every slider move). ``artists`` lists what :meth:`update` changes.
    The arrow is the direction of ``w``: normal to the line, pointing to the side that outputs 1. A dashed
    ring can mark one row (the playground's next learning step).
    """

    ARROW_LENGTH = 0.35

    def __init__(self, ax, report: GateReport, next_row: int | None = None):
        self.ax = require_methods(ax, "ax", ("add_patch", "quiver"), "a matplotlib Axes")
        as_instance(report, "report", GateReport, "a GateReport (from evaluate_gate)")
        lo, hi = GATE_LIMITS
        next_row = _row(next_row)
        # the half-planes: the square in the colour of 0, and over it the polygon where the perceptron outputs 1
        # (exact, anti-aliased, and drawn in well under a millisecond: a grid of pixels took ~6 ms per move)
        ax.add_patch(Rectangle((lo, lo), hi - lo, hi - lo, facecolor=REGION_CMAP(0), edgecolor="none", zorder=0))
        self.region = ax.add_patch(Polygon(np.zeros((0, 2)), closed=True, facecolor=REGION_CMAP(1), edgecolor="none",
                                           zorder=0.5))
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
        fires = firing_region(report.w, report.b)
        self.region.set_xy(fires if len(fires) else np.zeros((1, 2)))  # (matplotlib needs a vertex to hold)
        self.region.set_visible(len(fires) > 0)
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
    return GatePicture(axes_or_new(ax), report)


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
    ax = axes_or_new(ax, figsize=(5, 3))
    (line,) = ax.plot(np.arange(1, len(acc) + 1), acc, marker="o")
    ax.set(xlabel="epoch", ylabel="accuracy", ylim=(-0.05, 1.05))
    return line


def plot_decision_regions(predict, X, y, ax=None, resolution: int = 200, padding: float = 0.5):
    """Shade where ``predict`` outputs 0 and 1 around the samples ``X`` (shape ``(N, 2)``), labels ``y``.

    ``predict`` maps an ``(M, 2)`` array to ``(M,)`` 0/1 outputs. Returns ``{"region", "points"}``.
    """
    X, y = two_class_points(X, y)
    resolution, padding = as_int(resolution, "resolution", low=2), as_finite_float(padding, "padding", low=0)
    as_callable(predict, "predict")
    ax = axes_or_new(ax)
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    z = grid_outputs(predict(np.column_stack([gx.ravel(), gy.ravel()])), "predict", gx.shape)
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
    ax = axes_or_new(ax, figsize=(5.5, 3), methods=("add_patch", "annotate"))
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
