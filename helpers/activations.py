"""Activation functions (활성화 함수) and their derivatives — notebook 04.

Twelve functions, each with a ``*_grad`` that gives the derivative with respect to the input:
``step, identity, sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, swish, maxout, softmax``.
``prelu`` also has :func:`prelu_grad_alpha`, the gradient with respect to its learnable slope.

Shapes: the elementwise functions take ``x`` of any shape and return an array of the same shape
(a Python ``float`` for a single number); their ``*_grad`` is the elementwise derivative, same shape.
``maxout`` and ``softmax`` act along an axis: see their docstrings.

Numerically stable everywhere: no overflow, no NaN for any finite input (tested up to ``|x| = 1e4``).
``exp`` is only ever taken of a number <= 0, so it can only underflow to 0, which is the exact answer
in double precision; that underflow is silenced on purpose (``np.errstate(under="ignore")``).

The registry :data:`ACTIVATIONS` maps each name to an :class:`Activation` (function, derivative,
parameter, formula) and a one-dimensional view used by the plots, the properties table and the explorer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers.validation import as_finite_float, as_float_array

#: SELU's constants (Klambauer et al., 2017): the fixed point of mean 0 and variance 1.
SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805


#: ``exp`` of a very negative number, or a product of two tiny numbers, underflows to 0 (or a subnormal):
#: that *is* the right double-precision answer, so only underflow is silenced; overflow and NaN never occur.
_underflow_to_zero = np.errstate(under="ignore")


def _x(x, name: str = "x") -> np.ndarray:
    return as_float_array(x, name)


def _out(arr: np.ndarray, like: np.ndarray | None = None):
    """A float for a single-number result, else the array (always float64)."""
    arr = np.asarray(arr, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def _axis(axis, x: np.ndarray, name: str = "x") -> int:
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer, got {type(axis).__name__} {axis!r}")
    if x.ndim == 0:
        raise ValueError(f"this function acts along an axis: {name} must have at least one dimension, got a number")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} of shape {x.shape}")
    if x.shape[axis] == 0:
        raise ValueError(f"this function acts along axis {axis}, which is empty in {name} of shape {x.shape}")
    return int(axis)


# --- step and identity --------------------------------------------------------------------------------

@_underflow_to_zero
def step(x, threshold: float = 0.0):
    """Binary step (계단 함수): 1.0 where ``x > threshold``, else 0.0. Same shape as ``x``."""
    x, t = _x(x), as_finite_float(threshold, "threshold")
    return _out((x > t).astype(np.float64), x)


@_underflow_to_zero
def step_grad(x, threshold: float = 0.0):
    """0 everywhere (undefined at ``x == threshold``, where the step jumps; we return 0 there too)."""
    x = _x(x)
    as_finite_float(threshold, "threshold")
    return _out(np.zeros_like(x), x)


@_underflow_to_zero
def identity(x):
    """Identity (항등 함수): ``x`` itself, as float64. Same shape as ``x``."""
    x = _x(x)
    return _out(x.copy(), x)


@_underflow_to_zero
def identity_grad(x):
    """1 everywhere."""
    x = _x(x)
    return _out(np.ones_like(x), x)


# --- sigmoid and tanh ---------------------------------------------------------------------------------

def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))  # in [0, 1]: never overflows (callers silence the harmless underflow)
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@_underflow_to_zero
def sigmoid(x):
    """Logistic sigmoid (시그모이드) ``1 / (1 + exp(-x))``, computed without overflow. Same shape as ``x``."""
    x = _x(x)
    return _out(_sigmoid(x), x)


@_underflow_to_zero
def sigmoid_grad(x):
    """``σ(x)(1 - σ(x))``, written as ``e / (1 + e)^2`` with ``e = exp(-|x|)``; peaks at 0.25 at x = 0."""
    x = _x(x)
    e = np.exp(-np.abs(x))
    return _out(e / (1.0 + e) ** 2, x)


@_underflow_to_zero
def tanh(x):
    """Hyperbolic tangent (쌍곡탄젠트), ``2σ(2x) - 1``, in (-1, 1). Same shape as ``x``."""
    x = _x(x)
    return _out(np.tanh(x), x)


@_underflow_to_zero
def tanh_grad(x):
    """``1 - tanh(x)^2``; peaks at 1 at x = 0."""
    x = _x(x)
    return _out(1.0 - np.tanh(x) ** 2, x)


# --- the ReLU family ----------------------------------------------------------------------------------

@_underflow_to_zero
def relu(x):
    """Rectified linear unit ``max(0, x)``. Same shape as ``x``."""
    x = _x(x)
    return _out(np.maximum(x, 0.0), x)


@_underflow_to_zero
def relu_grad(x):
    """1 where ``x > 0``, else 0 (at x = 0 ReLU has a kink; we take 0, as most libraries do)."""
    x = _x(x)
    return _out((x > 0).astype(np.float64), x)


@_underflow_to_zero
def leaky_relu(x, alpha: float = 0.01):
    """``x`` for ``x > 0``, ``alpha * x`` otherwise (a small fixed slope for negative inputs)."""
    x, a = _x(x), as_finite_float(alpha, "alpha")
    return _out(np.where(x > 0, x, a * x), x)


@_underflow_to_zero
def leaky_relu_grad(x, alpha: float = 0.01):
    """1 where ``x > 0``, else ``alpha``."""
    x, a = _x(x), as_finite_float(alpha, "alpha")
    return _out(np.where(x > 0, 1.0, a), x)


def _alpha_array(alpha, x: np.ndarray) -> np.ndarray:
    a = as_float_array(alpha, "alpha")
    try:
        np.broadcast_shapes(a.shape, x.shape)
    except ValueError:
        raise ValueError(f"alpha of shape {a.shape} does not broadcast against x of shape {x.shape}") from None
    return a


@_underflow_to_zero
def prelu(x, alpha=0.25):
    """Parametric ReLU: like :func:`leaky_relu`, but ``alpha`` is learned.

    Args:
        x: inputs, any shape, e.g. ``(N, C)``.
        alpha: the negative slope: a number, or an array that broadcasts against ``x`` (e.g. ``(C,)``
            for one slope per channel).
    """
    x = _x(x)
    a = _alpha_array(alpha, x)
    return _out(np.where(x > 0, x, a * x), x)


@_underflow_to_zero
def prelu_grad(x, alpha=0.25):
    """d prelu / d x: 1 where ``x > 0``, else ``alpha``; shape of ``x`` broadcast with ``alpha``."""
    x = _x(x)
    a = _alpha_array(alpha, x)
    return _out(np.where(x > 0, 1.0, a) * np.ones_like(x), x)


@_underflow_to_zero
def prelu_grad_alpha(x, alpha=0.25, dout=None):
    """Gradient of ``sum(dout * prelu(x, alpha))`` with respect to ``alpha``, shaped like ``alpha``.

    Elementwise, d prelu / d alpha is ``min(x, 0)``: 0 where ``x > 0``, ``x`` elsewhere. Where ``alpha`` was
    broadcast (one slope shared by many inputs), the contributions are summed, as backpropagation needs.

    Args:
        x: inputs, any shape. alpha: as in :func:`prelu`. dout: upstream gradient, shape of ``x``
            (``None`` means ones, i.e. the gradient of ``sum(prelu(x, alpha))``).

    Returns:
        a float if ``alpha`` is a number, else an array of ``alpha``'s shape.
    """
    x = _x(x)
    a = _alpha_array(alpha, x)
    dout = np.ones_like(x) if dout is None else as_float_array(dout, "dout")
    if dout.shape != x.shape:
        raise ValueError(f"dout must have the shape of x {x.shape}, got {dout.shape}")
    g = dout * np.minimum(x, 0.0)
    full = np.broadcast_shapes(a.shape, x.shape)
    g = np.broadcast_to(g, full)
    lead = len(full) - a.ndim
    g = g.sum(axis=tuple(range(lead))) if lead else g
    keep = tuple(i for i, n in enumerate(a.shape) if n == 1 and g.shape[i] != 1)
    g = g.sum(axis=keep, keepdims=True) if keep else g
    return float(g) if a.ndim == 0 else g.reshape(a.shape)


@_underflow_to_zero
def elu(x, alpha: float = 1.0):
    """Exponential linear unit: ``x`` for ``x > 0``, ``alpha * (exp(x) - 1)`` otherwise (tends to -alpha)."""
    x, a = _x(x), as_finite_float(alpha, "alpha")
    return _out(np.where(x > 0, x, a * np.expm1(np.minimum(x, 0.0))), x)


@_underflow_to_zero
def elu_grad(x, alpha: float = 1.0):
    """1 where ``x > 0``, ``alpha * exp(x)`` otherwise (continuous at 0 only when ``alpha == 1``)."""
    x, a = _x(x), as_finite_float(alpha, "alpha")
    return _out(np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0.0))), x)


@_underflow_to_zero
def selu(x):
    """Scaled ELU: ``λ · elu(x, α)`` with the fixed λ ≈ 1.0507, α ≈ 1.6733 (self-normalising)."""
    return _out(SELU_LAMBDA * np.asarray(elu(x, SELU_ALPHA)), _x(x))


@_underflow_to_zero
def selu_grad(x):
    """``λ`` where ``x > 0``, ``λ α exp(x)`` otherwise (the two sides differ at 0: 1.05 vs 1.76)."""
    return _out(SELU_LAMBDA * np.asarray(elu_grad(x, SELU_ALPHA)), _x(x))


@_underflow_to_zero
def swish(x, beta: float = 1.0):
    """Swish ``x · σ(βx)`` (SiLU when β = 1): smooth, unbounded above, dips below 0 for negative x."""
    x, b = _x(x), as_finite_float(beta, "beta")
    return _out(x * _sigmoid(b * x), x)


@_underflow_to_zero
def swish_grad(x, beta: float = 1.0):
    """``σ(βx) + βx · σ(βx)(1 - σ(βx))``."""
    x, b = _x(x), as_finite_float(beta, "beta")
    s = _sigmoid(b * x)
    return _out(s + b * x * s * (1.0 - s), x)


# --- functions along an axis: maxout and softmax ------------------------------------------------------

@_underflow_to_zero
def maxout(z, axis: int = -1):
    """Maxout: the largest of k linear pieces.

    A maxout unit computes ``max_k (w_k · x + b_k)``; this function takes the pieces already computed.

    Args:
        z: the pieces, with the k pieces along ``axis``, e.g. ``(N, units, k)``.
        axis: the axis holding the pieces.

    Returns:
        ``z.max(axis)``: the shape of ``z`` without ``axis``.
    """
    z = _x(z, "z")
    return z.max(axis=_axis(axis, z, "z"))


@_underflow_to_zero
def maxout_grad(z, axis: int = -1):
    """d maxout / d z: 1 for the winning piece, 0 for the others; shape of ``z`` (ties: the first wins)."""
    z = _x(z, "z")
    axis = _axis(axis, z, "z")
    winner = np.expand_dims(np.argmax(z, axis=axis), axis)
    grad = np.zeros_like(z)
    np.put_along_axis(grad, winner, 1.0, axis=axis)
    return grad


@_underflow_to_zero
def softmax(x, axis: int = -1):
    """Softmax (소프트맥스) along ``axis``: ``exp(x_i) / sum_j exp(x_j)``; outputs are positive and sum to 1.

    Stable: ``max(x)`` is subtracted first (softmax does not change when a constant is added), so
    ``softmax([1000, 1000]) == [0.5, 0.5]``. Returns the shape of ``x``.
    """
    x = _x(x)
    axis = _axis(axis, x)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@_underflow_to_zero
def softmax_grad(x, axis: int = -1):
    """The Jacobian ``J[..., i, j] = d s_i / d x_j = s_i (δ_ij - s_j)``.

    Softmax mixes its inputs, so its derivative is a matrix per vector: for ``x`` of shape ``(..., n)``
    (after moving ``axis`` last) the result has shape ``(..., n, n)``.
    """
    s = np.moveaxis(softmax(x, axis), axis, -1)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


@_underflow_to_zero
def log_softmax(x, axis: int = -1):
    """``log(softmax(x))`` computed as ``x - max - log(sum(exp(x - max)))``: finite where the naive log is -inf."""
    x = _x(x)
    axis = _axis(axis, x)
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


@_underflow_to_zero
def log_sigmoid(x):
    """``log(σ(x)) = -log(1 + exp(-x))``, computed as ``-logaddexp(0, -x)``: finite for every finite x."""
    x = _x(x)
    return _out(-np.logaddexp(0.0, -x), x)


@_underflow_to_zero
def log_sigmoid_grad(x):
    """``1 - σ(x) = σ(-x)``."""
    x = _x(x)
    return _out(_sigmoid(-x), x)


# --- the registry -------------------------------------------------------------------------------------

def _maxout_curve(x, slope: float = -0.5):
    x, s = _x(x), as_finite_float(slope, "slope")
    return _out(maxout(np.stack([x, s * x], axis=-1)) + 0.0, x)  # + 0.0 turns -0.0 into 0.0


def _maxout_slope(x, slope: float = -0.5):
    x, s = _x(x), as_finite_float(slope, "slope")
    return _out(maxout_grad(np.stack([x, s * x], axis=-1)) @ np.array([1.0, s]), x)


def _softmax_curve(x, other: float = 0.0):
    x, c = _x(x), as_finite_float(other, "other")
    return _out(softmax(np.stack([x, np.full_like(x, c)], axis=-1))[..., 0], x)


def _softmax_slope(x, other: float = 0.0):
    x, c = _x(x), as_finite_float(other, "other")
    return _out(softmax_grad(np.stack([x, np.full_like(x, c)], axis=-1))[..., 0, 0], x)


@dataclass(frozen=True)
class Activation:
    """One registry entry.

    Attributes:
        name: the registry key. f, grad: the module's function and derivative (e.g. ``relu``, ``relu_grad``).
        param: the name of the parameter the 1-D view takes (``"alpha"``, ``"beta"``, ...), or ``None``.
        default: that parameter's default value.
        formula: LaTeX for the notebook.
        elementwise: False for ``maxout`` and ``softmax``, which act along an axis.
        curve, slope: the 1-D view ``x -> f(x)`` and its derivative, shape of ``x``. For the elementwise
            functions they are ``f`` and ``grad``; maxout is shown as ``max(x, slope·x)`` (two pieces) and
            softmax as the first output of ``softmax([x, other])``.
    """

    name: str
    f: Callable
    grad: Callable
    param: str | None
    default: float | None
    formula: str
    elementwise: bool
    curve: Callable
    slope: Callable

    def __call__(self, x, value=None):
        """The 1-D view at parameter ``value`` (the default when ``None``)."""
        return self.curve(x, *self._args(value))

    def derivative(self, x, value=None):
        """The derivative of the 1-D view at parameter ``value``."""
        return self.slope(x, *self._args(value))

    def _args(self, value):
        if self.param is None:
            if value is not None:
                raise ValueError(f"{self.name} takes no parameter, got {value!r}")
            return ()
        return (self.default if value is None else as_finite_float(value, f"value (the {self.param})"),)


def _entry(name, f, grad, param, default, formula, curve=None, slope=None):
    return Activation(name, f, grad, param, default, formula, curve is None, curve or f, slope or grad)


#: name -> :class:`Activation`, in the order the notebook meets them.
ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (
    _entry("step", step, step_grad, "threshold", 0.0, r"1 \text{ if } x > t \text{ else } 0"),
    _entry("identity", identity, identity_grad, None, None, r"x"),
    _entry("sigmoid", sigmoid, sigmoid_grad, None, None, r"\frac{1}{1 + e^{-x}}"),
    _entry("tanh", tanh, tanh_grad, None, None, r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1"),
    _entry("relu", relu, relu_grad, None, None, r"\max(0, x)"),
    _entry("leaky_relu", leaky_relu, leaky_relu_grad, "alpha", 0.01, r"x \text{ if } x > 0 \text{ else } \alpha x"),
    _entry("prelu", prelu, prelu_grad, "alpha", 0.25,
           r"x \text{ if } x > 0 \text{ else } \alpha x \ (\alpha \text{ learned})"),
    _entry("elu", elu, elu_grad, "alpha", 1.0, r"x \text{ if } x > 0 \text{ else } \alpha (e^{x} - 1)"),
    _entry("selu", selu, selu_grad, None, None,
           r"\lambda \cdot \mathrm{elu}(x, \alpha),\ \lambda \approx 1.0507,\ \alpha \approx 1.6733"),
    _entry("swish", swish, swish_grad, "beta", 1.0, r"x \, \sigma(\beta x)"),
    _entry("maxout", maxout, maxout_grad, "slope", -0.5, r"\max_k (w_k x + b_k) \text{, shown: } \max(x, s x)",
           _maxout_curve, _maxout_slope),
    _entry("softmax", softmax, softmax_grad, "other", 0.0, r"\frac{e^{x_i}}{\sum_j e^{x_j}} \text{, shown: } "
           r"\mathrm{softmax}([x, c])_0", _softmax_curve, _softmax_slope),
)}
