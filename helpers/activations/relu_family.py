"""The ReLU family: ReLU, leaky ReLU, PReLU, ELU, SELU, and swish (smooth, ReLU-like).

Elementwise: ``x`` of any shape in, the same shape out (a float for a number); ``*_grad`` is d f / d x.
"""

from __future__ import annotations

import numpy as np

from helpers.activations._common import as_input, as_output, underflow_to_zero
from helpers.activations.classic import sigmoid_array
from helpers.validation import as_finite_float, as_float_array

#: SELU's constants (Klambauer et al., 2017): the fixed point of mean 0 and variance 1.
SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805


@underflow_to_zero
def relu(x):
    """Rectified linear unit ``max(0, x)``. Same shape as ``x``."""
    x = as_input(x)
    return as_output(np.maximum(x, 0.0))


@underflow_to_zero
def relu_grad(x):
    """1 where ``x > 0``, else 0 (at x = 0 ReLU has a kink; we take 0, as most libraries do)."""
    x = as_input(x)
    return as_output((x > 0).astype(np.float64))


@underflow_to_zero
def leaky_relu(x, alpha: float = 0.01):
    """``x`` for ``x > 0``, ``alpha * x`` otherwise (a small fixed slope for negative inputs)."""
    x, a = as_input(x), as_finite_float(alpha, "alpha")
    return as_output(np.where(x > 0, x, a * x))


@underflow_to_zero
def leaky_relu_grad(x, alpha: float = 0.01):
    """1 where ``x > 0``, else ``alpha``."""
    x, a = as_input(x), as_finite_float(alpha, "alpha")
    return as_output(np.where(x > 0, 1.0, a))


def _alpha_array(alpha, x: np.ndarray) -> np.ndarray:
    a = as_float_array(alpha, "alpha")
    try:
        np.broadcast_shapes(a.shape, x.shape)
    except ValueError:
        raise ValueError(f"alpha of shape {a.shape} does not broadcast against x of shape {x.shape}") from None
    return a


@underflow_to_zero
def prelu(x, alpha=0.25):
    """Parametric ReLU: like :func:`leaky_relu`, but ``alpha`` is learned.

    Args:
        x: inputs, any shape, e.g. ``(N, C)``.
        alpha: the negative slope: a number, or an array that broadcasts against ``x`` (e.g. ``(C,)``
            for one slope per channel).
    """
    x = as_input(x)
    a = _alpha_array(alpha, x)
    return as_output(np.where(x > 0, x, a * x))


@underflow_to_zero
def prelu_grad(x, alpha=0.25):
    """d prelu / d x: 1 where ``x > 0``, else ``alpha``; shape of ``x`` broadcast with ``alpha``."""
    x = as_input(x)
    a = _alpha_array(alpha, x)
    return as_output(np.where(x > 0, 1.0, a) * np.ones_like(x))


@underflow_to_zero
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
    x = as_input(x)
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


@underflow_to_zero
def elu(x, alpha: float = 1.0):
    """Exponential linear unit: ``x`` for ``x > 0``, ``alpha * (exp(x) - 1)`` otherwise (tends to -alpha)."""
    x, a = as_input(x), as_finite_float(alpha, "alpha")
    return as_output(np.where(x > 0, x, a * np.expm1(np.minimum(x, 0.0))))


@underflow_to_zero
def elu_grad(x, alpha: float = 1.0):
    """1 where ``x > 0``, ``alpha * exp(x)`` otherwise (continuous at 0 only when ``alpha == 1``)."""
    x, a = as_input(x), as_finite_float(alpha, "alpha")
    return as_output(np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0.0))))


@underflow_to_zero
def selu(x, alpha: float = SELU_ALPHA, lam: float = SELU_LAMBDA):
    """Scaled ELU: ``lam · elu(x, alpha)``; the paper's constants λ ≈ 1.0507, α ≈ 1.6733 are the defaults.

    Only those constants make mean 0 and variance 1 a fixed point (self-normalising); the notebook's
    explorer lets them move to show it.
    """
    lam = as_finite_float(lam, "lam")
    return as_output(lam * np.asarray(elu(x, alpha)))


@underflow_to_zero
def selu_grad(x, alpha: float = SELU_ALPHA, lam: float = SELU_LAMBDA):
    """``λ`` where ``x > 0``, ``λ α exp(x)`` otherwise (at the defaults the two sides differ at 0: 1.05 vs 1.76)."""
    lam = as_finite_float(lam, "lam")
    return as_output(lam * np.asarray(elu_grad(x, alpha)))


@underflow_to_zero
def swish(x, beta: float = 1.0):
    """Swish ``x · σ(βx)`` (SiLU when β = 1): smooth, unbounded above, dips below 0 for negative x."""
    x, b = as_input(x), as_finite_float(beta, "beta")
    return as_output(x * sigmoid_array(b * x))


@underflow_to_zero
def swish_grad(x, beta: float = 1.0):
    """``σ(βx) + βx · σ(βx)(1 - σ(βx))``."""
    x, b = as_input(x), as_finite_float(beta, "beta")
    s = sigmoid_array(b * x)
    return as_output(s + b * x * s * (1.0 - s))

