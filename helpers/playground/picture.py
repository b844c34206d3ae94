"""The playground's picture, composed as one RGB array: the network with a heatmap on every node, the
selected node's heatmap large with the data points, and the loss curves.

Why not matplotlib artists: a 6 × 8 network has 55 small heatmaps, ~400 links and a large map, and
drawing them as artists took far longer than a frame may (see ``benchmarks/playground_frames.py``).
Here each heatmap is a colour look-up of a NumPy array pasted into the frame, the links and curves are
Pillow lines, and only the text that changes is drawn per frame.

Colours (:mod:`helpers.playground.palette`): orange is positive (class 1, a positive weight), blue negative
(class 0), white 0. With 3-4 classes the output and the large map show the winning class in its colour
(blue, orange, green, purple), lighter the less sure the network is; the hidden neurons keep blue-white-orange.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from helpers.playground.palette import NEGATIVE, POSITIVE, class_colours, colours
from helpers.validation import (
    as_bool,
    as_finite_float,
    as_float_array,
    as_instance,
    as_interval,
    as_positive_int,
    as_sequence,
    check_shape,
)

RES = 60  # grid points per side for every heatmap; the small tiles take every second one
TILE, PITCH, TOP, LEFT = 30, 42, 44, 78  # node tile size, vertical spacing, first row, first column (px)
NET_RIGHT = 560  # the network occupies x < NET_RIGHT
MAP_X, MAP_Y, MAP_SIZE = 600, 34, 300  # the large heatmap (5 px per grid point)
CHART_X, CHART_Y, CHART_W, CHART_H = 600, 368, 300, 64  # the loss curves
WIDTH, HEIGHT = 920, 440
_FONT_FILE = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # ships with matplotlib
_FONT, _SMALL = ImageFont.truetype(str(_FONT_FILE), 12), ImageFont.truetype(str(_FONT_FILE), 10)


def grid_points(domain=(-6.0, 6.0), res: int = RES) -> np.ndarray:
    """Centres of a ``res × res`` grid over ``domain²``, shape (res², 2), in image order (top row first:
    row index runs down from the largest x2, column index right from the smallest x1)."""
    (lo, hi), res = as_interval(domain, "domain"), as_positive_int(res, "res")
    step = (hi - lo) / res
    centres = lo + step * (np.arange(res) + 0.5)
    gx, gy = np.meshgrid(centres, centres[::-1])
    return np.column_stack([gx.ravel(), gy.ravel()])


def _disc(radius: int) -> tuple[np.ndarray, np.ndarray]:
    dy, dx = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    inside = dx**2 + dy**2 <= radius**2 + 1
    return dy[inside], dx[inside]


_DOT, _RING = _disc(3), _disc(4)


class NetworkPicture:
    """Layout and drawing of one network shape. Build a new one when the shape or features change.

    Args:
        labels: the input features' labels, e.g. ``["x1", "x2"]``.
        layers: neurons per hidden layer, e.g. ``(4, 2)``.
        domain: the plane's limits (both axes).
        n_outputs: the network's outputs: 1 (two classes, regression) or K = 3-4 class scores; the picture
            shows one output node either way, with K links from each last hidden neuron.

    A node is ``(column, index)``: column 0 holds the inputs, the last column the output.
    """

    def __init__(self, labels, layers, domain=(-6.0, 6.0), n_outputs: int = 1):
        self.domain = as_interval(domain, "domain")
        self.n_outputs = as_positive_int(n_outputs, "n_outputs")
        labels, layers = as_sequence(labels, "labels", "feature labels"), as_sequence(layers, "layers", "neuron counts")
        if not labels or not all(isinstance(label, str) for label in labels):
            raise ValueError(f"labels must be one or more texts (the input features' labels), got {labels!r}")
        layers = tuple(as_positive_int(n, f"layers[{k}]") for k, n in enumerate(layers))
        self.sizes = sizes = [len(labels), *layers, 1]
        gap = (NET_RIGHT - TILE - LEFT) / max(1, len(sizes) - 1)
        self.nodes: dict[tuple[int, int], tuple[int, int]] = {}  # node -> top-left pixel of its tile
        for col, n in enumerate(sizes):
            for i in range(n):
                self.nodes[(col, i)] = (int(LEFT + col * gap), TOP + i * PITCH)
        widths = [*sizes[1:-1], n_outputs]  # the columns of weights: the last has one per output
        self.links = [(col, i, j) for col in range(len(sizes) - 1)
                      for i in range(sizes[col]) for j in range(widths[col])]
        ends = np.array([(*self._right(col, i), *self._left(col + 1, j)) for col, i, j in self.links], float)
        self._ends = ends.reshape(-1, 4)
        bg = Image.new("RGB", (WIDTH, HEIGHT), "white")
        draw = ImageDraw.Draw(bg)
        for i, label in enumerate(labels):
            x, y = self.nodes[(0, i)]
            draw.text((x - 6, y + TILE // 2), label, fill="black", font=_FONT, anchor="rm")
        draw.text((LEFT + TILE // 2, 14), "inputs", fill="black", font=_FONT, anchor="mm")
        for col, n in enumerate(layers, start=1):
            x, _ = self.nodes[(col, 0)]
            draw.text((x + TILE // 2, 14), f"{n} neuron{'s' * (n != 1)}", fill="black", font=_SMALL, anchor="mm")
        x, _ = self.nodes[(len(sizes) - 1, 0)]
        draw.text((x + TILE // 2, 14), "output", fill="black", font=_FONT, anchor="mm")
        lo, hi = domain
        for value, frac in ((lo, 0.0), (0, 0.5), (hi, 1.0)):
            text = {"fill": "#555", "font": _SMALL}
            draw.text((MAP_X + frac * MAP_SIZE, MAP_Y + MAP_SIZE + 4), f"{value:g}", anchor="mt", **text)
            draw.text((MAP_X - 4, MAP_Y + (1 - frac) * MAP_SIZE), f"{value:g}", anchor="rm", **text)
        draw.rectangle((CHART_X - 1, CHART_Y - 1, CHART_X + CHART_W, CHART_Y + CHART_H), outline="#bbb")
        self._background = np.array(bg)
        cells = np.arange(MAP_SIZE) * RES // MAP_SIZE  # grid cell under each pixel of the large map
        self._upsample = np.ix_(cells, cells)

    def _right(self, col, i):
        x, y = self.nodes[(col, i)]
        return x + TILE, y + TILE // 2

    def _left(self, col, i):
        if col == len(self.sizes) - 1 and self.n_outputs > 1:  # one entry point per class score, top to bottom
            x, y = self.nodes[(col, 0)]
            return x, y + TILE * (i + 1) // (self.n_outputs + 1)
        x, y = self.nodes[(col, i)]
        return x, y + TILE // 2

    # --- what is under the mouse -------------------------------------------------------------------

    def node_at(self, x: float, y: float):
        """The node whose tile holds pixel ``(x, y)``, or None."""
        x, y = as_finite_float(x, "x"), as_finite_float(y, "y")
        for node, (nx, ny) in self.nodes.items():
            if nx <= x < nx + TILE and ny <= y < ny + TILE:
                return node
        return None

    def link_at(self, x: float, y: float, tolerance: float = 4.0):
        """The link ``(column, i, j)`` passing within ``tolerance`` px of ``(x, y)`` (the nearest), or None."""
        tolerance = as_finite_float(tolerance, "tolerance", low=0)
        if self.node_at(x, y) is not None or not len(self._ends):
            return None
        a, b = self._ends[:, :2], self._ends[:, 2:]
        ab = b - a
        t = np.clip(((np.array([x, y]) - a) * ab).sum(1) / np.maximum((ab**2).sum(1), 1e-9), 0, 1)
        dist = np.hypot(*(a + t[:, None] * ab - np.array([x, y])).T)
        k = int(np.argmin(dist))
        return self.links[k] if dist[k] <= tolerance else None

    def plane_at(self, x: float, y: float):
        """The point ``(x1, x2)`` of the plane under pixel ``(x, y)`` of the large map, or None off the map
        (the inverse of where the points are drawn: x1 grows to the right, x2 upwards)."""
        x, y = as_finite_float(x, "x"), as_finite_float(y, "y")
        if not (MAP_X <= x < MAP_X + MAP_SIZE and MAP_Y <= y < MAP_Y + MAP_SIZE):
            return None
        lo, hi = self.domain
        return lo + (x - MAP_X) / MAP_SIZE * (hi - lo), hi - (y - MAP_Y) / MAP_SIZE * (hi - lo)

    # --- one frame ---------------------------------------------------------------------------------

    def render(self, outputs, weights, biases, *, big: tuple, points, history, title: str,
               marked=(), link=None, discretize: bool = False) -> Image.Image:
        """Compose one frame: an RGB ``PIL.Image`` of WIDTH × HEIGHT.

        Args:
            outputs: per column, each node's values on the grid, shape (RES², n) (``Session.node_outputs``);
                with K = 3-4 outputs the last is the class probabilities (RES², K), shown by :func:`class_colours`.
            weights, biases: per link column, ``W`` (n_in, n_out) and ``b`` (n_out,).
            big: the node shown large. points: ``(X, colours (N, 3), outlined (N,) bool)`` in plane units.
            history: ``(train losses, test losses)`` per epoch. title: the text above the large map.
            marked: nodes framed (the selected one). link: a link drawn highlighted.
            discretize: show the large map as two colours (the sign) instead of shades.
        """
        outputs, history = self._check_frame(outputs, weights, biases, big, points, history, title, marked, link)
        discretize = as_bool(discretize, "discretize")
        frame = self._background.copy()  # first the arrays (heatmaps, points), then Pillow's lines and text
        classes = self.n_outputs > 1
        last = len(self.sizes) - 1
        for col, values in enumerate(outputs):
            small = values.reshape(RES, RES, -1)[::2, ::2, :]
            tiles = class_colours(small)[:, :, None] if classes and col == last else colours(small)  # (T, T, n, 3)
            for i in range(tiles.shape[2]):
                x, y = self.nodes[(col, i)]
                frame[y:y + TILE, x:x + TILE] = tiles[:, :, i]
        for col, b in enumerate(biases, start=1):  # the bias: a small square at each tile's lower left
            for i, colour in enumerate(colours(np.tanh(b))):
                x, y = self.nodes[(col, 0 if col == last else i)]  # the K biases of the output: stacked up
                y -= 8 * i if col == last else 0
                frame[y + TILE - 7:y + TILE, x - 8:x - 1] = colour
        for node in marked:
            x, y = self.nodes[node]
            frame[y - 3:y + TILE + 3, [x - 3, x - 2, x + TILE + 1, x + TILE + 2]] = 0
            frame[[y - 3, y - 2, y + TILE + 1, y + TILE + 2], x - 3:x + TILE + 3] = 0
        col, i = big
        if classes and col == last:
            big_map = class_colours(outputs[col].reshape(RES, RES, -1), discretize)
        else:
            values = outputs[col][:, i].reshape(RES, RES)
            big_map = colours(np.where(values >= 0, 1.0, -1.0) if discretize else values)
        frame[MAP_Y:MAP_Y + MAP_SIZE, MAP_X:MAP_X + MAP_SIZE] = big_map[self._upsample]
        flat = frame.reshape(-1, 3)
        for index, values in self._point_pixels(*points):
            flat[index] = values
        image = Image.fromarray(frame)
        draw = ImageDraw.Draw(image)
        w = np.nan_to_num(np.concatenate([np.ravel(W) for W in weights]))  # in the order of self.links
        widths = np.clip(1 + np.abs(w) * 1.8, 1, 8).astype(int).tolist()
        for k, (ends, width, positive) in enumerate(zip(self._ends.tolist(), widths, (w > 0).tolist(), strict=True)):
            if link == self.links[k]:
                draw.line(ends, fill="black", width=width + 4)
            draw.line(ends, fill=POSITIVE if positive else NEGATIVE, width=width)
        draw.text((MAP_X, MAP_Y - 8), title, fill="black", font=_FONT, anchor="ls")
        self._draw_chart(draw, *history)
        return image

    def _node(self, node, name: str) -> tuple:
        try:
            if isinstance(node, (tuple, list)) and tuple(node) in self.nodes:
                return tuple(node)
        except TypeError:  # an unhashable entry
            pass
        raise ValueError(f"{name} must be a node (column, index) of this network, got {node!r}")

    def _check_frame(self, outputs, weights, biases, big, points, history, title, marked, link):
        """The arguments of :meth:`render`, checked before anything is drawn: ``(outputs, history)`` as arrays."""
        cols = len(self.sizes)
        outputs, weights, biases = (as_sequence(v, name, "arrays") for v, name in
                                    ((outputs, "outputs"), (weights, "weights"), (biases, "biases")))
        for name, given, want in (("outputs", outputs, cols), ("weights", weights, cols - 1),
                                  ("biases", biases, cols - 1)):
            if len(given) != want:
                raise ValueError(f"{name} must be {want} arrays, one per column of the network, got {len(given)}")
        widths = [*self.sizes[:-1], self.n_outputs]  # values per column; the output has one per class score
        outputs = [check_shape(as_float_array(o, f"outputs[{c}]", allow_nan=True), f"outputs[{c}]", (RES * RES, n),
                               "(grid points, nodes)")
                   for c, (o, n) in enumerate(zip(outputs, widths, strict=True))]
        for c, (W, b) in enumerate(zip(weights, biases, strict=True)):
            shape = (widths[c], widths[c + 1])
            check_shape(as_float_array(W, f"weights[{c}]", allow_nan=True), f"weights[{c}]", shape)
            check_shape(as_float_array(b, f"biases[{c}]", allow_nan=True), f"biases[{c}]", shape[1:])
        self._node(big, "big")
        for k, node in enumerate(as_sequence(marked, "marked", "nodes")):
            self._node(node, f"marked[{k}]")
        if link is not None and (not isinstance(link, tuple) or link not in self.links):
            raise ValueError(f"link must be None or a link (column, i, j) of this network, got {link!r}")
        if not isinstance(points, tuple) or len(points) != 3:
            raise TypeError("points must be (X (N, 2), colours (N, 3) uint8, outlined (N,) bool)")
        X = check_shape(as_float_array(points[0], "points[0]", ndim=2), "points[0]", (None, 2), "(X)")
        for k, (dtype, shape) in enumerate(((np.uint8, (len(X), 3)), (np.bool_, (len(X),))), start=1):
            if not isinstance(points[k], np.ndarray) or points[k].dtype != dtype:
                raise TypeError(f"points[{k}] must be a NumPy array of {np.dtype(dtype).name}, got {points[k]!r}")
            check_shape(points[k], f"points[{k}]", shape)
        history = as_sequence(history, "history", "loss curves (train, test)")
        if len(history) != 2:
            raise ValueError(f"history must be (train losses, test losses), got {len(history)} parts")
        train, test = (as_float_array(h, f"history[{k}]", ndim=1, allow_nan=True) for k, h in enumerate(history))
        if len(train) != len(test):
            raise ValueError(f"history must be two curves of the same length, got {len(train)} and {len(test)}")
        as_instance(title, "title", str, "a text")
        return outputs, (train, test)

    def _point_pixels(self, X, point_colours, outlined):
        """The pixels of the points' rings and dots and their colours (cached: the points rarely change)."""
        key = (id(X), X.shape, point_colours.tobytes(), outlined.tobytes())
        if getattr(self, "_points_key", None) == key:
            return self._points_cache
        lo, hi = self.domain
        px = (MAP_X + (X[:, 0] - lo) / (hi - lo) * MAP_SIZE).astype(int)
        py = (MAP_Y + (hi - X[:, 1]) / (hi - lo) * MAP_SIZE).astype(int)
        inside = (px >= MAP_X + 4) & (px < MAP_X + MAP_SIZE - 4) & (py >= MAP_Y + 4) & (py < MAP_Y + MAP_SIZE - 4)
        px, py, point_colours, outlined = px[inside], py[inside], point_colours[inside], outlined[inside]
        parts = []
        for (dy, dx), ring in ((_RING, True), (_DOT, False)):
            index = ((py[:, None] + dy) * WIDTH + px[:, None] + dx).ravel()
            if ring:  # white edge for training points, black for test points (as in the Playground)
                edge = np.where(outlined, 0, 255).astype(np.uint8)
                values = np.repeat(np.repeat(edge[:, None], 3, 1), len(dy), 0)
            else:
                values = np.repeat(point_colours, len(dy), 0)
            parts.append((index, values))
        self._points_key, self._points_cache = key, parts
        return parts

    def _draw_chart(self, draw, train, test) -> None:
        n = len(train)
        if n == 0:
            return
        curves = np.nan_to_num(np.array([train, test], float), nan=np.inf)
        top = float(np.max(curves[np.isfinite(curves)], initial=1e-9)) or 1e-9
        idx = np.unique(np.linspace(0, n - 1, min(n, CHART_W)).astype(int))
        xs = CHART_X + (idx / max(1, n - 1)) * (CHART_W - 1)
        for curve, colour in ((curves[1], "#999999"), (curves[0], "black")):
            ys = CHART_Y + CHART_H - 1 - np.clip(curve[idx] / top, 0, 1) * (CHART_H - 2)
            if n == 1:
                draw.point((xs[0], ys[0]), fill=colour)
            else:
                draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=2)
        draw.text((CHART_X, CHART_Y - 4), f"loss: train {train[-1]:.3f}  test {test[-1]:.3f}  (black, grey)",
                  fill="black", font=_SMALL, anchor="ls")
