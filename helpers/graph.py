"""Computation graphs (계산 그래프) of scalars and their nodes — notebook 03 (the math layer: no matplotlib).

Each node is a small class with ``forward(...)`` and ``backward(dout)``. ``forward`` remembers exactly
what ``backward`` needs (declared ``None`` in ``__init__``); ``backward`` takes the upstream gradient
``dout`` (∂L/∂out) and returns the gradient for each input, by the chain rule (연쇄법칙)::

    ∂L/∂x = ∂L/∂out · ∂out/∂x       (upstream gradient × local derivative)

All values are Python floats: these are the scalar nodes of the textbook's shopping example and of the
sigmoid decomposition. Notebook 05 builds the vector layers (``helpers.layers``) on the same pattern.

:func:`shopping_bill`, :func:`sigmoid_chain` and :func:`square_of_sum` run whole graphs and return a
:class:`GraphValues` (every edge's forward value and gradient); ``helpers.graph_pictures`` draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from helpers.validation import (
    as_callable,
    as_finite_float,
    as_positive_float,
    require_forward,
)

EXP_MAX = math.log(1.7976931348623157e308)  # ≈ 709.78: exp(x) overflows float64 above this


class MulLayer:
    """Multiply node ``out = x · y``. Backward swaps the inputs: ``dx = dout · y``, ``dy = dout · x``."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y) -> float:
        self.x, self.y = as_finite_float(x, "x"), as_finite_float(y, "y")
        return self.x * self.y

    def backward(self, dout) -> tuple[float, float]:
        require_forward(self, self.x, self.y)
        dout = as_finite_float(dout, "dout")
        return dout * self.y, dout * self.x


class AddLayer:
    """Add node ``out = x + y``. Backward passes ``dout`` on unchanged to both inputs (local derivative 1)."""

    def __init__(self):
        self.ready = None  # an add node needs nothing from forward; this only catches backward-before-forward

    def forward(self, x, y) -> float:
        x, y = as_finite_float(x, "x"), as_finite_float(y, "y")
        self.ready = True
        return x + y

    def backward(self, dout) -> tuple[float, float]:
        require_forward(self, self.ready)
        dout = as_finite_float(dout, "dout")
        return dout, dout


class SquareLayer:
    """Square node ``out = t²``; local derivative ``2t``, so ``dt = dout · 2t``."""

    def __init__(self):
        self.t = None

    def forward(self, t) -> float:
        self.t = as_finite_float(t, "t")
        return self.t * self.t

    def backward(self, dout) -> float:
        require_forward(self, self.t)
        return as_finite_float(dout, "dout") * 2.0 * self.t


class ExpLayer:
    """Exponential node ``out = exp(x)``; its local derivative is itself: ``dx = dout · exp(x)``.

    Raises ``ValueError`` above ``x ≈ 709.78``, where ``exp`` overflows float64 (use :class:`SigmoidLayer`,
    which never computes a huge exponential, for a sigmoid of a large negative input).
    """

    def __init__(self):
        self.out = None

    def forward(self, x) -> float:
        x = as_finite_float(x, "x")
        if x > EXP_MAX:
            raise ValueError(f"exp({x:g}) overflows float64 (largest input {EXP_MAX:.2f})")
        self.out = math.exp(x)
        return self.out

    def backward(self, dout) -> float:
        require_forward(self, self.out)
        return as_finite_float(dout, "dout") * self.out


class ReciprocalLayer:
    """Reciprocal node ``out = 1 / x``; local derivative ``-1/x² = -out²``, so ``dx = -dout · out²``."""

    def __init__(self):
        self.out = None

    def forward(self, x) -> float:
        x = as_finite_float(x, "x")
        if x == 0:
            raise ValueError("1/x is undefined at x = 0")
        self.out = 1.0 / x
        return self.out

    def backward(self, dout) -> float:
        require_forward(self, self.out)
        return -as_finite_float(dout, "dout") * self.out * self.out


class ReluLayer:
    """ReLU node ``out = max(0, x)``: passes ``dout`` where ``x > 0``, blocks it (0) where ``x <= 0``."""

    def __init__(self):
        self.positive = None

    def forward(self, x) -> float:
        x = as_finite_float(x, "x")
        self.positive = x > 0
        return x if self.positive else 0.0

    def backward(self, dout) -> float:
        require_forward(self, self.positive)
        dout = as_finite_float(dout, "dout")
        return dout if self.positive else 0.0


class SigmoidLayer:
    """Sigmoid node ``y = 1 / (1 + exp(-x))`` in one piece; backward ``dx = dout · y · (1 - y)``.

    It gives the same numbers as the four-node chain of :func:`sigmoid_chain`, and stays finite for
    any input (it never computes ``exp`` of a large positive number).
    """

    def __init__(self):
        self.out = None

    def forward(self, x) -> float:
        x = as_finite_float(x, "x")
        if x >= 0:
            self.out = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            self.out = e / (1.0 + e)
        return self.out

    def backward(self, dout) -> float:
        require_forward(self, self.out)
        return as_finite_float(dout, "dout") * self.out * (1.0 - self.out)


class TanhLayer:
    """tanh node ``y = tanh(x)``; like the sigmoid it needs only its output: ``dx = dout · (1 - y²)``."""

    def __init__(self):
        self.out = None

    def forward(self, x) -> float:
        self.out = math.tanh(as_finite_float(x, "x"))
        return self.out

    def backward(self, dout) -> float:
        require_forward(self, self.out)
        return as_finite_float(dout, "dout") * (1.0 - self.out * self.out)


def numerical_derivative(f, x, h: float = 1e-4) -> float:
    """Central difference ``(f(x + h) - f(x - h)) / 2h``: the slope of ``f`` at the number ``x``.

    Its error shrinks like ``h²`` until rounding takes over (around ``h ≈ 1e-5`` in float64).
    """
    f = as_callable(f, "f")
    x = as_finite_float(x, "x")
    h = as_positive_float(h, "h")
    return (f(x + h) - f(x - h)) / (2.0 * h)


# ---------------------------------------------------------------------------------------------------------
# Graphs as data: where each node sits, which edges join them, and the numbers on each edge.

Edge = tuple[str, str]


@dataclass(frozen=True)
class GraphSpec:
    """The shape of a computation graph, for drawing.

    Attributes:
        ops: operation nodes, ``name -> (x, y, symbol)``, drawn as circles (``"×"``, ``"+"``, ``"exp"``).
        ends: inputs and outputs, ``name -> (x, y, text)``, drawn as plain text at the end of an edge.
        edges: ``(source, target)`` pairs, in drawing order.
    """

    ops: dict[str, tuple[float, float, str]]
    ends: dict[str, tuple[float, float, str]]
    edges: tuple[Edge, ...]

    def position(self, name: str) -> tuple[float, float]:
        """Where the node or end called ``name`` sits: ``(x, y)``."""
        if not isinstance(name, str) or (name not in self.ops and name not in self.ends):
            raise ValueError(f"name must be a node of this graph ({', '.join([*self.ops, *self.ends])}), got {name!r}")
        x, y, _ = self.ops[name] if name in self.ops else self.ends[name]
        return x, y


@dataclass
class GraphValues:
    """A graph with the numbers a forward and a backward pass put on its edges.

    Attributes:
        spec: the graph's shape.
        forward: ``edge -> value`` flowing forward along the edge.
        backward: ``edge -> gradient`` (∂output/∂value) flowing back along the edge.
        output: the final forward value.
        grads: ``input name -> ∂output/∂input``.
    """

    spec: GraphSpec
    forward: dict[Edge, float]
    backward: dict[Edge, float]
    output: float
    grads: dict[str, float] = field(default_factory=dict)


def _run(inputs, steps, dout: float = 1.0) -> tuple[dict, dict, float, dict]:
    """Run ``steps`` forward then backward, recording the value and gradient on every edge.

    Args:
        inputs: ``name -> value`` of the graph's inputs (ends).
        steps: ``(node, layer, input_names, output_name)`` in forward order; ``layer.forward`` takes the
            values of ``input_names`` (names of ends or earlier nodes) and its result is called ``node``.
        dout: the gradient fed into the last node's output.

    Returns:
        ``(forward, backward, output, upstream)``: edge values, edge gradients, the final value and the
        gradient of the output with respect to every named value.
    """
    values, fwd, bwd = dict(inputs), {}, {}
    for node, layer, inputs, _ in steps:
        for name in inputs:
            fwd[(name, node)] = values[name]
        values[node] = layer.forward(*(values[name] for name in inputs))
    last, _, _, out_name = steps[-1]
    fwd[(last, out_name)] = values[last]
    bwd[(last, out_name)] = float(dout)
    upstream = {last: float(dout)}
    for node, layer, inputs, _ in reversed(steps):
        grads = layer.backward(upstream[node])
        grads = grads if isinstance(grads, tuple) else (grads,)
        for name, g in zip(inputs, grads, strict=True):
            bwd[(name, node)] = g
            upstream[name] = upstream.get(name, 0.0) + g  # a value used twice collects both gradients
    return fwd, bwd, values[last], upstream


def shopping_bill(apple_price=100, apple_count=2, tax=1.1, orange_price=None, orange_count=None,
                  basket=None, dout=1.0) -> GraphValues:
    """The textbook's shopping graph, run forward and backward with :class:`MulLayer` / :class:`AddLayer`.

    ``total = (apple_price·apple_count [+ orange_price·orange_count] [+ basket]) · tax``. Oranges are
    included when both orange arguments are given; ``basket`` is a fixed-price item added before tax.
    ``dout`` is the upstream gradient ∂L/∂total fed into the total (1: the total itself is what we ask
    about). ``grads`` maps each input to ``dout · ∂total/∂input``, e.g. ``grads["apple_price"] ≈ 2.2``
    for the defaults.
    """
    if (orange_price is None) != (orange_count is None):
        raise ValueError("give both orange_price and orange_count, or neither")
    items = [("apple", apple_price, apple_count)]
    if orange_price is not None:
        items.append(("orange", orange_price, orange_count))
    row_y = [1.9 * (len(items) - 1 - i) for i in range(len(items))]
    ops, ends, inputs, steps = {}, {}, {}, []
    for (name, price, count), y in zip(items, row_y, strict=False):
        ends[f"{name}_price"] = (0.0, y, f"{name} price")
        ends[f"{name}_count"] = (1.1, y + 1.0, f"{name} count")
        inputs[f"{name}_price"] = as_finite_float(price, f"{name}_price")
        inputs[f"{name}_count"] = as_finite_float(count, f"{name}_count")
        ops[f"mul_{name}"] = (2.3, y, "×")
        steps.append((f"mul_{name}", MulLayer(), (f"{name}_price", f"{name}_count"), None))
    parts = [f"mul_{name}" for name, _, _ in items]
    current, x = parts[0], 2.3
    if len(parts) > 1:  # apples + oranges: one add node between the two rows
        x += 1.7
        ops["add0"] = (x, (ops[parts[0]][1] + ops[parts[1]][1]) / 2, "+")
        steps.append(("add0", AddLayer(), (parts[0], parts[1]), None))
        current = "add0"
    if basket is not None:  # a fixed-price item joins the sum from below, like the tax
        x += 2.0
        y = ops[current][1]
        ends["basket"] = (x - 1.1, y - 1.2, "basket")
        inputs["basket"] = as_finite_float(basket, "basket")
        ops["add_basket"] = (x, y, "+")
        steps.append(("add_basket", AddLayer(), (current, "basket"), None))
        current = "add_basket"
    x_tax, y_tax = x + 2.0, ops[current][1]
    ops["mul_tax"] = (x_tax, y_tax, "×")
    ends["tax"] = (x_tax - 1.1, y_tax - 1.1, "tax")
    ends["total"] = (x_tax + 1.9, y_tax, "total")
    inputs["tax"] = as_finite_float(tax, "tax")
    steps.append(("mul_tax", MulLayer(), (current, "tax"), "total"))
    fwd, bwd, total, upstream = _run(inputs, steps, as_finite_float(dout, "dout"))
    edges = tuple(fwd)
    grads = {name: upstream[name] for name in inputs}
    return GraphValues(GraphSpec(ops, ends, edges), fwd, bwd, total, grads)


def sigmoid_chain(x, dout=1.0) -> GraphValues:
    """Sigmoid as four nodes, ``x → ×(-1) → exp → +1 → 1/x → y``, run forward and backward.

    ``grads["x"]`` is ``dout · ∂y/∂x``, which equals ``dout · y · (1 - y)``.
    """
    inputs = {"x": as_finite_float(x, "x"), "minus1": -1.0, "one": 1.0}
    ops = {"neg": (1.8, 0.0, "×"), "exp": (3.9, 0.0, "exp"), "add": (6.0, 0.0, "+"), "rec": (8.1, 0.0, "1/x")}
    ends = {"x": (0.0, 0.0, "x"), "minus1": (1.8, 1.2, "-1"), "one": (6.0, 1.2, "1"), "y": (9.9, 0.0, "y")}
    steps = [("neg", MulLayer(), ("x", "minus1"), None), ("exp", ExpLayer(), ("neg",), None),
             ("add", AddLayer(), ("exp", "one"), None), ("rec", ReciprocalLayer(), ("add",), "y")]
    fwd, bwd, y, upstream = _run(inputs, steps, as_finite_float(dout, "dout"))
    for constant in ("minus1", "one"):  # a constant's value is its label, and nothing learns from its gradient
        edge = next(e for e in fwd if e[0] == constant)
        del fwd[edge], bwd[edge]
    edges = (("x", "neg"), ("minus1", "neg"), ("neg", "exp"), ("exp", "add"), ("one", "add"), ("add", "rec"),
             ("rec", "y"))
    return GraphValues(GraphSpec(ops, ends, edges), fwd, bwd, y, {"x": upstream["x"]})


def square_of_sum(x, y) -> GraphValues:
    """The chain-rule example ``z = t²`` with ``t = x + y``; ``grads == {"x": 2(x + y), "y": 2(x + y)}``."""
    inputs = {"x": as_finite_float(x, "x"), "y": as_finite_float(y, "y")}
    ops = {"add": (1.8, 0.0, "+"), "square": (3.8, 0.0, "**2")}
    ends = {"x": (0.0, 0.6, "x"), "y": (0.0, -0.6, "y"), "z": (5.6, 0.0, "z")}
    steps = [("add", AddLayer(), ("x", "y"), None), ("square", SquareLayer(), ("add",), "z")]
    fwd, bwd, z, upstream = _run(inputs, steps)
    return GraphValues(GraphSpec(ops, ends, tuple(fwd)), fwd, bwd, z, {"x": upstream["x"], "y": upstream["y"]})
