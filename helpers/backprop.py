"""Backpropagation (오차역전파) by hand, number by number, and what the gradients look like in deep nets — notebook 05.

The hand calculation follows the notation of the course's source note (seed 003), for a network of
three layers (k = 1 input, 2 hidden, 3 output) with two sigmoid nodes each:

- ``v_j^(k)``: the pre-activation of node j of layer k, ``v_j^(k+1) = sum_i w_ij^(k) x_i^(k) + b_j^(k)``;
- ``x_j^(k)``: its activation, ``x_j^(k) = sigmoid(v_j^(k))`` (``x^(1)`` is the input);
- ``w_ij^(k)``: the weight from node i of layer k to node j of layer k + 1 (so ``W^(k)`` has the layout
  of ``Affine``'s ``W``: rows are inputs, columns are outputs);
- ``e_j^(k) = dL/dv_j^(k)``: the error signal of node j of layer k;
- the loss ``L = 1/2 sum_j (x_j^(3) - y_j)^2``: the ½ makes ``dL/dx_j^(3) = x_j^(3) - y_j`` (it cancels the 2 of
  the square's derivative). With two outputs it equals the mean of the two squared errors, ``MSELoss`` on one
  sample; with three or more it does not.

Then, by the chain rule,
``e_j^(3) = (x_j^(3) - y_j) x_j^(3) (1 - x_j^(3))``,
``e_i^(2) = (sum_j w_ij^(2) e_j^(3)) x_i^(2) (1 - x_i^(2))``,
``dL/dw_ij^(k) = x_i^(k) e_j^(k+1)`` and ``dL/db_j^(k) = e_j^(k+1)``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from helpers.layers import Affine, Sequential, Sigmoid
from helpers.validation import (
    as_array_dict,
    as_finite_float,
    as_float_array,
    as_positive_float,
    check_shape,
    require_methods,
)


def split_error(error: float, weights) -> np.ndarray:
    """The source note's intuition: share an output ``error`` among the inputs in proportion to ``weights``.

    ``split_error(0.6, [0.6, 0.4])`` is ``[0.36, 0.24]``. Backpropagation does not do this: it sends back
    ``w_i * e`` (times the activation's slope), which is not normalised by the sum of the weights.
    """
    error = as_finite_float(error, "error")
    w = as_float_array(weights, "weights", ndim=1, nonempty=True)
    if w.sum() == 0:
        raise ValueError("weights must not sum to 0 (the shares would be undefined)")
    return error * w / w.sum()


@dataclass
class Step:
    """One number of the hand calculation: ``symbol`` (LaTeX), the ``formula`` with numbers, its ``value``;
    ``phase`` is ``"forward"`` or ``"backward"``; ``key`` names it for lookups (e.g. ``"v2_1"``, ``"dW1_12"``)."""

    key: str
    symbol: str
    formula: str
    value: float
    phase: str

    @property
    def text(self) -> str:
        """The symbol in plain Unicode, for places without LaTeX: ``v_1^{(2)}`` -> ``v₁⁽²⁾``."""
        sub, sup = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"), str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
        out = re.sub(r"_\{?(\d+)\}?", lambda m: m.group(1).translate(sub), self.symbol)
        return re.sub(r"\^\{(\(\d\))\}", lambda m: m.group(1).translate(sup), out)


def _n(value: float, digits: int = 4) -> str:
    """A number for a formula: rounded to ``digits`` decimals, negatives in parentheses."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:g}"
    return f"({text})" if value < 0 else text


def _u(name: str, node: int, layer: int) -> str:
    """A symbol in plain Unicode: ``_u("x", 1, 2)`` -> ``x₁⁽²⁾``."""
    return f"{name}{str(node).translate(_SUB)}⁽{str(layer).translate(_SUP)}⁾"


_SUB, _SUP = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"), str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))


def example_222() -> dict[str, np.ndarray]:
    """The course's worked 2-2-2 example: input, target and starting parameters (float64 arrays)."""
    return {
        "x": np.array([0.5, 1.0]),
        "y": np.array([1.0, 0.0]),
        "W1": np.array([[0.1, -0.3], [0.4, 0.2]]),
        "b1": np.array([0.1, 0.1]),
        "W2": np.array([[0.6, -0.5], [0.4, 0.5]]),
        "b2": np.array([-0.2, 0.2]),
    }


def _check_222(x, y, W1, b1, W2, b2) -> tuple[np.ndarray, ...]:
    """The six arrays of the 2-2-2 network as float64, or a ``TypeError``/``ValueError`` naming the bad one."""
    shapes = {"x": (2,), "y": (2,), "W1": (2, 2), "b1": (2,), "W2": (2, 2), "b2": (2,)}
    arrays = []
    for (name, shape), value in zip(shapes.items(), (x, y, W1, b1, W2, b2), strict=True):
        arr = as_float_array(value, name, ndim=len(shape))
        if arr.shape != shape:
            raise ValueError(f"{name} must have shape {shape} for the 2-2-2 network, got {arr.shape}")
        arrays.append(arr)
    return tuple(arrays)


def loss_222(x, y, W1, b1, W2, b2) -> float:
    """The loss ``L = 1/2 sum_j (x_j^(3) - y_j)^2`` of the 2-2-2 sigmoid network (shapes as in
    :func:`hand_backprop_222`), computed with arrays: the check on the "apply the update" step."""
    x, y, W1, b1, W2, b2 = _check_222(x, y, W1, b1, W2, b2)
    hidden = 1.0 / (1.0 + np.exp(-(x @ W1 + b1)))
    out = 1.0 / (1.0 + np.exp(-(hidden @ W2 + b2)))
    return float(0.5 * np.sum((out - y) ** 2))


def gradient_step(params: dict, grads: dict, lr: float) -> dict[str, np.ndarray]:
    """One gradient-descent step on every parameter, ``p - lr * dL/dp``: new arrays, ``params`` unchanged.

    ``params`` and ``grads`` map the same names (e.g. ``"W1"``) to arrays of the same shape; ``lr`` > 0.
    """
    lr = as_positive_float(lr, "lr")
    params = as_array_dict(params, "params")
    grads = as_array_dict(grads, "grads", like=params)
    return {name: value - lr * grads[name] for name, value in params.items()}


def hand_backprop_222(x, y, W1, b1, W2, b2) -> tuple[list[Step], dict[str, np.ndarray]]:
    """Forward and backward pass of the 2-2-2 sigmoid network, one scalar at a time, as on paper.

    Args:
        x: input (2,); y: target (2,); W1, W2: weights (2, 2) as ``w_ij`` (from i to j); b1, b2: biases (2,).

    Returns:
        ``(steps, grads)``: every intermediate number in the order it is computed (a list of :class:`Step`),
        and the gradients ``{"W1", "b1", "W2", "b2"}`` of ``L = 1/2 sum (x^(3) - y)^2`` as arrays.
    """
    x, y, W1, b1, W2, b2 = _check_222(x, y, W1, b1, W2, b2)
    steps: list[Step] = []

    def record(key, symbol, formula, value, phase):
        steps.append(Step(key, symbol, formula, float(value), phase))
        return float(value)

    # forward: layer 1 -> 2 -> 3
    xs = {1: [float(x[0]), float(x[1])]}
    for k, (W, b) in ((2, (W1, b1)), (3, (W2, b2))):
        prev, vs = xs[k - 1], []
        for j in range(2):
            v = prev[0] * W[0, j] + prev[1] * W[1, j] + b[j]
            vs.append(record(f"v{k}_{j + 1}", f"v_{j + 1}^{{({k})}}",
                             f"{_n(prev[0])}·{_n(W[0, j])} + {_n(prev[1])}·{_n(W[1, j])} + {_n(b[j])}", v, "forward"))
        xs[k] = [record(f"x{k}_{j + 1}", f"x_{j + 1}^{{({k})}}", f"σ({vs[j]:.4f})", _sig(vs[j]), "forward")
                 for j in range(2)]
    out = xs[3]
    record("L", "L", f"½[({_n(out[0])} - {_n(y[0])})² + ({_n(out[1])} - {_n(y[1])})²]",
           0.5 * ((out[0] - y[0]) ** 2 + (out[1] - y[1]) ** 2), "forward")

    # backward: error signals e = dL/dv, then the gradients of the weights feeding each layer
    e3 = [record(f"e3_{j + 1}", f"e_{j + 1}^{{(3)}}",
                 f"({_n(out[j])} - {_n(y[j])})·{_n(out[j])}·(1 - {_n(out[j])})",
                 (out[j] - y[j]) * out[j] * (1 - out[j]), "backward") for j in range(2)]
    grads = {"W1": np.zeros((2, 2)), "b1": np.zeros(2), "W2": np.zeros((2, 2)), "b2": np.zeros(2)}

    def weight_grads(k, e_next):
        for i in range(2):
            for j in range(2):
                grads[f"W{k - 1}"][i, j] = record(
                    f"dW{k - 1}_{i + 1}{j + 1}", f"∂L/∂w_{{{i + 1}{j + 1}}}^{{({k - 1})}}",
                    f"{_u('x', i + 1, k - 1)}·{_u('e', j + 1, k)} = {_n(xs[k - 1][i])}·{_n(e_next[j], 5)}",
                    xs[k - 1][i] * e_next[j], "backward")
        for j in range(2):
            grads[f"b{k - 1}"][j] = record(f"db{k - 1}_{j + 1}", f"∂L/∂b_{j + 1}^{{({k - 1})}}",
                                           f"{_u('e', j + 1, k)} = {_n(e_next[j], 5)}", e_next[j], "backward")

    weight_grads(3, e3)
    hid = xs[2]
    e2 = [record(f"e2_{i + 1}", f"e_{i + 1}^{{(2)}}",
                 f"({_n(W2[i, 0])}·{_n(e3[0], 5)} + {_n(W2[i, 1])}·{_n(e3[1], 5)})·{_n(hid[i])}·(1 - {_n(hid[i])})",
                 (W2[i, 0] * e3[0] + W2[i, 1] * e3[1]) * hid[i] * (1 - hid[i]), "backward") for i in range(2)]
    weight_grads(2, e2)
    return steps, grads


def network_222(W1, b1, W2, b2) -> Sequential:
    """The same 2-2-2 network as vectorised layers, ``Affine -> Sigmoid -> Affine -> Sigmoid`` (arrays copied)."""
    arrays = [check_shape(as_float_array(value, name), name, shape, "for the 2-2-2 network")
              for name, value, shape in (("W1", W1, (2, 2)), ("b1", b1, (2,)), ("W2", W2, (2, 2)), ("b2", b2, (2,)))]
    first, second = Affine(2, 2, rng=0), Affine(2, 2, rng=0)
    for layer, W, b in ((first, *arrays[:2]), (second, *arrays[2:])):
        layer.params["W"][...] = W
        layer.params["b"][...] = b
    return Sequential([first, Sigmoid(), second, Sigmoid()])


def layer_gradient_norms(model: Sequential, loss, X, y) -> np.ndarray:
    """One forward and backward pass; the norm ``||dW||`` of every ``Affine`` layer's weight gradient, input first.

    Shapes: ``X`` (N, D), ``y`` as ``loss`` expects -> (number of Affine layers,).
    """
    require_methods(model, "model", ("forward", "backward", "layers"), "a Sequential")
    require_methods(loss, "loss", ("forward", "backward"), "SoftmaxWithLoss")
    X = as_float_array(X, "X", ndim=2, nonempty=True)
    first = model.layers[0] if model.layers else None
    if isinstance(first, Affine) and X.shape[1] != first.n_in:
        raise ValueError(f"X must have shape (N, {first.n_in}) for the model's first layer, got {X.shape}")
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    return np.array([np.linalg.norm(layer.grads["W"]) for layer in model.layers if isinstance(layer, Affine)])
