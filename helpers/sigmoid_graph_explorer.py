"""The sigmoid as a four-node graph, live — notebook 03: an ``x`` slider and a ``dout`` slider, every forward
and backward number on the graph, and the curve of ``y(1 - y)`` with its peak 0.25 at ``x = 0``.

The math is :func:`helpers.graph.sigmoid_chain` (and :func:`sigmoid_chain_rows` here, a plain function the
tests call); the panel draws the graph and the curves once and moves only the numbers and the markers.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.graph import sigmoid_chain
from helpers.graph_pictures import BACKWARD_COLOR, GraphPicture, format_value
from helpers.validation import as_finite_float, as_sequence
from helpers.widgets import LiveFigure, Panel

X_RANGE = (-6.0, 6.0)
DOUT_RANGE = (-2.0, 2.0)
CURVE_COLOR = "#0072B2"  # Okabe-Ito blue: the sigmoid itself; its slope is drawn in the backward colour
PEAK = 0.25
LEGEND = (f"<span style='font-size:90%'><b>black</b>: forward values · <b style='color:{BACKWARD_COLOR}'>red"
          "</b>: backward values ∂L/∂edge, starting from dout at y · lower plot: <b style='color:"
          f"{CURVE_COLOR}'>blue</b> y = σ(x), <b style='color:{BACKWARD_COLOR}'>red</b> ∂y/∂x = y(1 − y), "
          "dashed: its peak 0.25</span>")
#: The four nodes in forward order: (name in ``sigmoid_chain``, label, local derivative as text).
NODES = (("neg", "× (−1)", "−1"), ("exp", "exp", "e<sup>a</sup>"), ("add", "+ 1", "1"), ("rec", "1/s", "−y²"))


def sigmoid_chain_rows(x, dout=1.0) -> list[dict]:
    """What each node of the four-node sigmoid does at ``x`` with upstream gradient ``dout``, in forward order.

    Returns:
        four dicts with keys ``node`` (its label), ``out`` (its forward output), ``local`` (its local
        derivative, e.g. ``-y²`` for ``1/s``), ``upstream`` (the gradient arriving at its output) and
        ``downstream`` (the gradient it sends back to its input: ``upstream · local``).
    """
    chain = sigmoid_chain(x, dout)
    inputs = {"neg": "x", "exp": "neg", "add": "exp", "rec": "add"}
    after = {"neg": "exp", "exp": "add", "add": "rec", "rec": "y"}
    y, exp_out = chain.output, chain.forward[("exp", "add")]
    local = {"neg": -1.0, "exp": exp_out, "add": 1.0, "rec": -y * y}
    return [{"node": label, "out": chain.forward[(name, after[name])], "local": local[name],
             "upstream": chain.backward[(name, after[name])], "downstream": chain.backward[(inputs[name], name)]}
            for name, label, _ in NODES]


def rows_html(rows: list[dict]) -> str:
    """The rows of :func:`sigmoid_chain_rows` as a table: forward output, local derivative, gradient in and out."""
    rows = as_sequence(rows, "rows", "the dicts sigmoid_chain_rows returns")
    keys = {"node", "out", "local", "upstream", "downstream"}
    if len(rows) != len(NODES) or not all(isinstance(r, dict) and keys <= set(r) for r in rows):
        raise ValueError(f"rows must be the {len(NODES)} dicts sigmoid_chain_rows returns, with keys {sorted(keys)}")
    pad = "padding:0 0 0 14px"
    head = ("<tr><th style='text-align:left'>node</th><th style='{0}'>forward out</th><th style='{0}'>local "
            "derivative</th><th style='{0}'>gradient in</th><th style='{0}'>× local = gradient out</th></tr>")
    body = "".join(
        f"<tr><td style='text-align:left'>{html.escape(r['node'])}</td><td style='{pad}'>{format_value(r['out'])}</td>"
        f"<td style='{pad}'>{symbol} = {format_value(r['local'])}</td>"
        f"<td style='{pad};color:{BACKWARD_COLOR}'>{format_value(r['upstream'])}</td>"
        f"<td style='{pad};color:{BACKWARD_COLOR}'><b>{format_value(r['downstream'])}</b></td></tr>"
        for r, (_, _, symbol) in reversed(list(zip(rows, NODES, strict=True))))  # backward order: right to left
    return ("<table style='border-collapse:collapse;text-align:right;font-family:monospace'>"
            + head.format(pad) + body + "</table>")


def _in_range(value, name: str, bounds: tuple[float, float]) -> float:
    number = as_finite_float(value, name)
    if not bounds[0] <= number <= bounds[1]:
        raise ValueError(f"{name} must be between {bounds[0]} and {bounds[1]}, got {value}")
    return number


class SigmoidGraphExplorer(Panel):
    """Sliders for ``x`` and ``dout`` over the four-node sigmoid graph and the curves of σ and y(1 − y).

    Tests can set ``explorer.x.value = 0`` (or ``explorer.set_settings(x=0, dout=2)``) and read
    ``explorer.chain`` (a :class:`helpers.graph.GraphValues`), ``explorer.rows`` (see
    :func:`sigmoid_chain_rows`) and ``explorer.status.value``.
    """

    def __init__(self, x: float = 1.0, dout: float = 1.0):
        x, dout = _in_range(x, "x", X_RANGE), _in_range(dout, "dout", DOUT_RANGE)
        style, layout = {"description_width": "110px"}, widgets.Layout(width="360px")
        self.x = widgets.FloatSlider(value=x, min=X_RANGE[0], max=X_RANGE[1], step=0.1, description="x",
                                     readout_format="+.1f", continuous_update=True, style=style, layout=layout)
        self.dout = widgets.FloatSlider(value=dout, min=DOUT_RANGE[0], max=DOUT_RANGE[1], step=0.1,
                                        description="dout = ∂L/∂y", readout_format="+.1f", continuous_update=True,
                                        style=style, layout=layout)
        self.status = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 24px"))
        self._register_controls({"x": self.x, "dout": self.dout})

        self.chain = sigmoid_chain(x, dout)
        fig = Figure(figsize=(8.4, 5.4), dpi=100, layout="constrained")
        ax_graph, ax_curve = fig.subplots(2, 1, height_ratios=[0.8, 1.0])
        self.picture = GraphPicture(ax_graph, self.chain.spec, self.chain.forward, self.chain.backward,
                                    title="sigmoid as four nodes: y = 1 / (1 + exp(-x))")
        grid = np.linspace(*X_RANGE, 241)
        sig = 1.0 / (1.0 + np.exp(-grid))
        ax_curve.plot(grid, sig, color=CURVE_COLOR, lw=2, label="y = σ(x)")
        ax_curve.plot(grid, sig * (1 - sig), color=BACKWARD_COLOR, lw=2, label="∂y/∂x = y(1 − y)")
        ax_curve.axhline(PEAK, color="#777777", ls="--", lw=1)
        ax_curve.text(X_RANGE[1] - 0.1, PEAK + 0.02, "peak 0.25 at x = 0", ha="right", color="#555555", fontsize=9)
        ax_curve.set(xlim=X_RANGE, ylim=(-0.03, 1.03), xlabel="x", ylabel="value")
        ax_curve.legend(loc="center right", bbox_to_anchor=(1.0, 0.62), fontsize=9)
        self.cursor = ax_curve.axvline(x, color="#999999", lw=1)
        (self.y_dot,) = ax_curve.plot([x], [self.chain.output], "o", color=CURVE_COLOR, ms=8, zorder=5)
        (self.slope_dot,) = ax_curve.plot([x], [0.0], "o", color=BACKWARD_COLOR, ms=8, zorder=5)
        self.readout = ax_curve.text(0.01, 0.95, "", transform=ax_curve.transAxes, ha="left", va="top", fontsize=10,
                                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85}, zorder=6)
        self.figure = LiveFigure(fig, [*self.picture.artists, self.cursor, self.y_dot, self.slope_dot, self.readout])
        for control in self.controls.values():
            self._observe(control, lambda _change: self.update())
        self.panel = widgets.VBox([
            self.figure.image,
            widgets.HTML(LEGEND),
            widgets.HBox([widgets.VBox([self.x, self.dout, self.defaults_button(), self.status]), self.table]),
        ])
        self.update()

    def update(self) -> None:
        """Run the graph at the sliders' ``x`` and ``dout``; move the numbers, the markers and the table (the
        picture redraws only what changed)."""
        self.chain = sigmoid_chain(self.x.value, self.dout.value)
        self.rows = sigmoid_chain_rows(self.x.value, self.dout.value)
        y = self.chain.output
        slope = y * (1.0 - y)
        changed = self.picture.update(self.chain.forward, self.chain.backward)
        if self.cursor.get_xdata()[0] != self.x.value or not self.readout.get_text():  # x moved (dout: numbers only)
            self.cursor.set_xdata([self.x.value] * 2)
            self.y_dot.set_data([self.x.value], [y])
            self.slope_dot.set_data([self.x.value], [slope])
            self.readout.set_text(f"x = {self.x.value:+.1f}:  y = {y:.3f},  y(1 − y) = {slope:.3f} "
                                  f"= {slope / PEAK:.0%} of the peak")
            changed += [self.cursor, self.y_dot, self.slope_dot, self.readout]
        self.figure.redraw_changed(changed)
        self.table.value = rows_html(self.rows)
        self.status.value = (f"∂L/∂x = dout · y(1 − y) = {format_value(self.dout.value)} × {slope:.3f} = "
                             f"<b style='color:{BACKWARD_COLOR}'>{format_value(self.chain.grads['x'])}</b>")


def sigmoid_graph_explorer(x: float = 1.0, dout: float = 1.0) -> SigmoidGraphExplorer:
    """The live four-node sigmoid of notebook 03, starting at the text's ``x = 1`` with ``dout = 1``."""
    return SigmoidGraphExplorer(x, dout)
