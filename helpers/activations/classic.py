"""The classic activations: step (계단 함수), identity (항등 함수), sigmoid (시그모이드) and tanh.

Elementwise: ``x`` of any shape in, the same shape out (a float for a number); ``*_grad`` is d f / d x.
"""

from __future__ import annotations

import numpy as np

from helpers.activations._common import as_input, as_output, underflow_to_zero
from helpers.validation import as_finite_float

# --- step and identity --------------------------------------------------------------------------------

@underflow_to_zero
def step(x, threshold: float = 0.0):
    """Binary step (계단 함수): 1.0 where ``x > threshold``, else 0.0. Same shape as ``x``."""
    x, t = as_input(x), as_finite_float(threshold, "threshold")
    return as_output((x > t).astype(np.float64))


@underflow_to_zero
def step_grad(x, threshold: float = 0.0):
    """0 everywhere (undefined at ``x == threshold``, where the step jumps; we return 0 there too)."""
    x = as_input(x)
    as_finite_float(threshold, "threshold")
    return as_output(np.zeros_like(x))


@underflow_to_zero
def identity(x):
    """Identity (항등 함수): ``x`` itself, as float64. Same shape as ``x``."""
    x = as_input(x)
    return as_output(x.copy())


@underflow_to_zero
def identity_grad(x):
    """1 everywhere."""
    x = as_input(x)
    return as_output(np.ones_like(x))


# --- sigmoid and tanh ---------------------------------------------------------------------------------

def sigmoid_array(x: np.ndarray) -> np.ndarray:
    """σ of a float array, without checks or overflow (for the functions built on it)."""
    e = np.exp(-np.abs(x))  # in [0, 1]: never overflows (callers silence the harmless underflow)
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@underflow_to_zero
def sigmoid(x):
    """Logistic sigmoid (시그모이드) ``1 / (1 + exp(-x))``, computed without overflow. Same shape as ``x``."""
    x = as_input(x)
    return as_output(sigmoid_array(x))


@underflow_to_zero
def sigmoid_grad(x):
    """``σ(x)(1 - σ(x))``, written as ``e / (1 + e)^2`` with ``e = exp(-|x|)``; peaks at 0.25 at x = 0."""
    x = as_input(x)
    e = np.exp(-np.abs(x))
    return as_output(e / (1.0 + e) ** 2)


@underflow_to_zero
def tanh(x):
    """Hyperbolic tangent (쌍곡탄젠트), ``2σ(2x) - 1``, in (-1, 1). Same shape as ``x``."""
    x = as_input(x)
    return as_output(np.tanh(x))


@underflow_to_zero
def tanh_grad(x):
    """``1 - tanh(x)^2``; peaks at 1 at x = 0."""
    x = as_input(x)
    return as_output(1.0 - np.tanh(x) ** 2)


@underflow_to_zero
def log_sigmoid(x):
    """``log(σ(x)) = -log(1 + exp(-x))``, computed as ``-logaddexp(0, -x)``: finite for every finite x."""
    x = as_input(x)
    return as_output(-np.logaddexp(0.0, -x))


@underflow_to_zero
def log_sigmoid_grad(x):
    """``1 - σ(x) = σ(-x)``."""
    x = as_input(x)
    return as_output(sigmoid_array(-x))

