"""Numerical gradients: the reference every backward pass is checked against (cs231n's gradient check).

The central difference ``(f(x + h) - f(x - h)) / 2h`` has an error of order ``h**2``; with float64 and
``h = 1e-5`` an analytic gradient that is right agrees to a relative error of about 1e-8 or better.
"""

from __future__ import annotations

import copy

import numpy as np

from helpers.validation import as_callable, as_float_array, as_positive_float, as_rng, check_shape, require_methods


def numerical_gradient(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The gradient of the scalar function ``f()`` with respect to the array ``x``, by central differences.

    Args:
        f: called as ``f(x)``, returns a number (it may also ignore its argument and read ``x`` or the
            layer that holds it, as in ``lambda _: loss.forward(model.forward(X), y)``).
        x: a float64 array of any shape. Each entry is nudged in place by ``±h`` and then restored.
        h: the step, > 0.

    Returns:
        an array of the shape of ``x``.
    """
    f = as_callable(f, "f")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"x must be a float64 NumPy array (nudged in place), got {type(x).__name__}"
                        + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else ""))
    as_float_array(x, "x")
    h = as_positive_float(h, "h")
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        f_plus = float(f(x))
        x[i] = old - h
        f_minus = float(f(x))
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def rel_error(a, b) -> float:
    """Largest relative difference ``|a - b| / max(1e-8, |a| + |b|)`` over all entries (0 when equal)."""
    a, b = as_float_array(a, "a"), as_float_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)), initial=0.0))


def layer_gradient_errors(layer, x: np.ndarray, dout: np.ndarray | None = None, seed: int = 0) -> dict[str, float]:
    """Check ``layer.backward`` against numerical gradients; return ``{"x": err, "W": err, ...}``.

    The scalar being differentiated is ``sum(layer.forward(x) * dout)``, whose gradient with respect to
    the output is exactly ``dout`` (random when not given). Each value is :func:`rel_error` between the
    analytic and the numerical gradient of ``x`` and of every entry of ``layer.params``.
    """
    require_methods(layer, "layer", ("forward", "backward", "params", "grads"), "Affine")
    x = as_float_array(x, "x").copy()
    rng = as_rng(seed, "seed")
    if dout is not None:  # its shape is the output's: found on a copy, so a wrong dout leaves the layer as it was
        dout = check_shape(as_float_array(dout, "dout"), "dout", copy.deepcopy(layer).forward(x).shape,
                           "like the layer's output")
    out = layer.forward(x)
    if dout is None:
        dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout.copy())
    errors = {"x": rel_error(dx, numerical_gradient(lambda _: np.sum(layer.forward(x) * dout), x))}
    for name, param in layer.params.items():
        layer.forward(x)
        layer.backward(dout.copy())
        analytic = layer.grads[name].copy()
        errors[name] = rel_error(analytic, numerical_gradient(lambda _: np.sum(layer.forward(x) * dout), param))
    return errors


def model_gradient_errors(compute_loss, model) -> dict[str, float]:
    """Check a whole model's gradients: ``{param name: rel_error}`` against numerical gradients.

    Args:
        compute_loss: called with no arguments, runs forward *and* backward (filling ``model.grads``)
            and returns the loss, e.g. ``lambda: model.loss(xs, ys)``.
        model: anything with ``params`` and ``grads`` dicts of float64 arrays.
    """
    compute_loss = as_callable(compute_loss, "compute_loss")
    require_methods(model, "model", ("params", "grads"), "a Sequential")
    compute_loss()
    analytic = {name: grad.copy() for name, grad in model.grads.items()}
    return {name: rel_error(analytic[name], numerical_gradient(lambda _: compute_loss(), param))
            for name, param in model.params.items()}
