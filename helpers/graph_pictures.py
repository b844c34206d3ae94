"""Pictures of computation graphs (notebook 03): forward values above each edge, backward values below.

Like the textbook figures: operations are circles, inputs and outputs plain text, forward values black and
backward values (∂output/∂edge) red. :func:`draw_graph` draws a :class:`helpers.graph.GraphValues`;
:class:`GraphPicture` changes only the numbers on :meth:`~GraphPicture.update`, for a live widget.
The graphs themselves (nodes, forward and backward) are in ``helpers.graph``, which imports no matplotlib.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle

from helpers.graph import Edge, GraphSpec, GraphValues
from helpers.validation import as_bool, as_finite_float, as_positive_float, require_methods

NODE_RADIUS = 0.36
FORWARD_COLOR = "black"
BACKWARD_COLOR = "#D55E00"  # Okabe-Ito vermillion: the textbook draws backward values in red
NODE_COLOR = "#E8F1FA"


def format_value(v: float) -> str:
    """A number as the figures show it: at most 3 decimals, no trailing zeros (220.00000000000003 → '220')."""
    text = f"{as_finite_float(v, 'v'):.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class GraphPicture:
    """A computation graph drawn on ``ax``: circles for operations, forward values above the edges and
    backward values below them. :meth:`update` changes only the numbers (for a live widget).

    Attributes:
        forward_texts, backward_texts: ``edge -> matplotlib Text``.
        artists: every text that :meth:`update` changes (the dynamic artists of a live figure).
    """

    def __init__(self, ax, spec: GraphSpec, forward=None, backward=None, title: str | None = None,
                 fontsize: float = 10.5):
        if not isinstance(spec, GraphSpec):
            raise TypeError(f"spec must be a GraphSpec, got {type(spec).__name__} {spec!r}")
        require_methods(ax, "ax", ("add_patch", "text"), "a matplotlib Axes")
        fontsize = as_positive_float(fontsize, "fontsize")
        self.ax, self.spec = ax, spec
        self._edge_values(forward, "forward")
        self._edge_values(backward, "backward")
        outputs = {dst for _, dst in spec.edges if dst in spec.ends}
        for x, y, symbol in spec.ops.values():
            ax.add_patch(_circle((x, y)))
            size = fontsize + 2 if len(symbol) == 1 else fontsize - 0.5
            ax.text(x, y, symbol, ha="center", va="center", fontsize=size, fontweight="bold", zorder=4)
        for name, (x, y, text) in spec.ends.items():
            if name in outputs:
                ax.text(x + 0.08, y, text, ha="left", va="center", fontsize=fontsize)
            elif any(src == name and spec.position(dst)[0] == x for src, dst in spec.edges):  # straight above/below
                above = y > next(spec.position(dst)[1] for src, dst in spec.edges if src == name)
                ax.text(x, y + (0.06 if above else -0.06), text, ha="center", va="bottom" if above else "top",
                        fontsize=fontsize)
            else:
                ax.text(x - 0.08, y, text, ha="right", va="center", fontsize=fontsize)
        self.forward_texts, self.backward_texts = {}, {}
        for edge in spec.edges:
            (x0, y0), (x1, y1) = self._ends_of(edge)
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=2,
                        arrowprops={"arrowstyle": "-|>", "color": "#444444", "lw": 1.4, "shrinkA": 0, "shrinkB": 0})
            (fx, fy), (bx, by) = _label_points((x0, y0), (x1, y1))
            style = {"ha": "center", "va": "center", "fontsize": fontsize, "zorder": 5}
            self.forward_texts[edge] = ax.text(fx, fy, "", color=FORWARD_COLOR, **style)
            self.backward_texts[edge] = ax.text(bx, by, "", color=BACKWARD_COLOR, fontweight="bold", **style)
        xs = [p[0] for p in list(spec.ops.values()) + list(spec.ends.values())]
        ys = [p[1] for p in list(spec.ops.values()) + list(spec.ends.values())]
        ax.set_xlim(min(xs) - 1.6, max(xs) + 1.0)
        ax.set_ylim(min(ys) - 0.95, max(ys) + 0.6)
        ax.set_aspect("equal")
        ax.axis("off")
        self.title = ax.set_title(title or "", fontsize=fontsize + 1)
        ax.text(0.0, 0.0, "forward above each edge", color=FORWARD_COLOR, transform=ax.transAxes,
                fontsize=fontsize - 1.5, va="bottom")
        self.backward_legend = ax.text(1.0, 0.0, "backward (gradient ∂L/∂edge) below", color=BACKWARD_COLOR,
                                       transform=ax.transAxes, fontsize=fontsize - 1.5, va="bottom", ha="right",
                                       fontweight="bold", visible=backward is not None)
        self.artists = list(self.forward_texts.values()) + list(self.backward_texts.values())
        self.update(forward, backward)

    def _ends_of(self, edge: Edge):
        """Start and end points of an edge's arrow: on the circle of an operation, at the point of an end."""
        p0, p1 = self.spec.position(edge[0]), self.spec.position(edge[1])
        dx, dy = p1[0] - p0[0], p1[1] - p0[1]
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        r0 = NODE_RADIUS if edge[0] in self.spec.ops else 0.0
        r1 = NODE_RADIUS if edge[1] in self.spec.ops else 0.0
        return (p0[0] + r0 * ux, p0[1] + r0 * uy), (p1[0] - r1 * ux, p1[1] - r1 * uy)

    def _edge_values(self, values, name: str) -> None:
        """``values`` must be None or a dict from edges of this graph to finite numbers."""
        if values is None:
            return
        if not isinstance(values, dict):
            raise TypeError(f"{name} must be a dict from edges to numbers (or None), got {type(values).__name__}")
        unknown = [edge for edge in values if edge not in self.spec.edges]
        if unknown:
            raise ValueError(f"{name} has edges that are not in the graph: {unknown[:3]}")
        for edge, value in values.items():
            as_finite_float(value, f"{name}[{edge}]")

    def update(self, forward=None, backward=None) -> list:
        """Show new values: ``forward`` / ``backward`` map edges to numbers (missing edges show nothing).

        Returns the texts whose number changed (for ``LiveFigure.redraw_changed``: a live figure redraws those).
        """
        self._edge_values(forward, "forward")
        self._edge_values(backward, "backward")
        self.backward_legend.set_visible(backward is not None)
        changed = []
        for edge in self.spec.edges:
            f = None if forward is None else forward.get(edge)
            b = None if backward is None else backward.get(edge)
            for text, value in ((self.forward_texts[edge], f), (self.backward_texts[edge], b)):
                shown = "" if value is None else format_value(value)
                if shown != text.get_text():
                    text.set_text(shown)
                    changed.append(text)
        return changed


def _circle(center):
    return Circle(center, NODE_RADIUS, facecolor=NODE_COLOR, edgecolor="#0072B2", lw=1.6, zorder=3)


def _label_points(p0, p1, offset: float = 0.2):
    """Points beside the middle of segment p0→p1: one on its upper side (forward), one on its lower side."""
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length, dx / length
    if ny < 0 or (ny == 0 and nx > 0):  # the normal pointing up (or left, for a vertical edge)
        nx, ny = -nx, -ny
    return (mx + offset * nx, my + offset * ny), (mx - offset * nx, my - offset * ny)


def draw_graph(values: GraphValues | GraphSpec, ax=None, show_backward: bool = True,
               title: str | None = None) -> GraphPicture:
    """Draw a computation graph with its forward values above the edges and backward values below.

    Args:
        values: a :class:`GraphValues` (from :func:`shopping_bill`, :func:`sigmoid_chain`,
            :func:`square_of_sum`), or a bare :class:`GraphSpec` to draw the shape only.
        ax: the axes to draw on; a new figure when None.
        show_backward: False draws the forward pass only.
        title: a title for the axes.

    Returns:
        the :class:`GraphPicture` (call its ``update`` to change the numbers in place).
    """
    show_backward = as_bool(show_backward, "show_backward")
    if not isinstance(values, (GraphValues, GraphSpec)):
        raise TypeError(f"values must be a GraphValues or GraphSpec, got {type(values).__name__}")
    if ax is not None:
        require_methods(ax, "ax", ("add_patch", "text"), "a matplotlib Axes")
    else:
        _, ax = plt.subplots(figsize=(8, 3.4))
    if isinstance(values, GraphSpec):
        return GraphPicture(ax, values, title=title)
    return GraphPicture(ax, values.spec, values.forward, values.backward if show_backward else None, title=title)
