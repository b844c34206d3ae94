"""The registry of the twelve activations: name -> :class:`Activation` (function, derivative, parameters).

Each entry also has a one-dimensional view ``x -> f(x)`` and its derivative, used by the plots, the
properties table and the explorer. Parameters are passed by position (in the order of ``params``) or by
name; ``None`` or a missing parameter means its default:

    ACTIVATIONS["elu"](x, 0.5)                  # alpha = 0.5
    ACTIVATIONS["selu"](x, lam=1.2)             # alpha stays at the paper's 1.6733
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from helpers.activations._common import as_input, as_output
from helpers.activations.along_axis import maxout, maxout_grad, softmax, softmax_grad
from helpers.activations.classic import (
    identity,
    identity_grad,
    sigmoid,
    sigmoid_grad,
    step,
    step_grad,
    tanh,
    tanh_grad,
)
from helpers.activations.relu_family import (
    SELU_ALPHA,
    SELU_LAMBDA,
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    prelu,
    prelu_grad,
    relu,
    relu_grad,
    selu,
    selu_grad,
    swish,
    swish_grad,
)
from helpers.validation import as_finite_float


def _maxout_curve(x, slope: float = -0.5):
    x, s = as_input(x), as_finite_float(slope, "slope")
    return as_output(maxout(np.stack([x, s * x], axis=-1)) + 0.0)  # + 0.0 turns -0.0 into 0.0


def _maxout_slope(x, slope: float = -0.5):
    x, s = as_input(x), as_finite_float(slope, "slope")
    return as_output(maxout_grad(np.stack([x, s * x], axis=-1)) @ np.array([1.0, s]))


def _softmax_curve(x, other: float = 0.0):
    x, c = as_input(x), as_finite_float(other, "other")
    return as_output(softmax(np.stack([x, np.full_like(x, c)], axis=-1))[..., 0])


def _softmax_slope(x, other: float = 0.0):
    x, c = as_input(x), as_finite_float(other, "other")
    return as_output(softmax_grad(np.stack([x, np.full_like(x, c)], axis=-1))[..., 0, 0])


@dataclass(frozen=True)
class Activation:
    """One registry entry.

    Attributes:
        name: the registry key. f, grad: the module's function and derivative (e.g. ``relu``, ``relu_grad``).
        formula: LaTeX for the notebook.
        params: the parameters of the 1-D view and their defaults, in order (``{"alpha": 0.01}``; empty for
            none).
        elementwise: False for ``maxout`` and ``softmax``, which act along an axis.
        curve, slope: the 1-D view ``x -> f(x)`` and its derivative, shape of ``x``. For the elementwise
            functions they are ``f`` and ``grad``; maxout is shown as ``max(x, slope·x)`` (two pieces) and
            softmax as the first output of ``softmax([x, other])``.
    """

    name: str
    f: Callable
    grad: Callable
    formula: str
    params: dict = field(default_factory=dict)
    elementwise: bool = True
    curve: Callable | None = None
    slope: Callable | None = None

    def __call__(self, x, *values, **named):
        """The 1-D view at the given parameters (see :meth:`values`)."""
        return (self.curve or self.f)(x, *self.values(*values, **named))

    def derivative(self, x, *values, **named):
        """The derivative of the 1-D view at the given parameters."""
        return (self.slope or self.grad)(x, *self.values(*values, **named))

    def values(self, *values, **named) -> tuple:
        """Every parameter's value, in the order of ``params``: positional first, then by name, else default.

        ``None`` stands for the default (so ``act(x, None)`` works for a function without parameters too).

        Raises:
            TypeError: more values than parameters, or a name that is not a parameter of this function.
        """
        extra = values[len(self.params):]
        if any(v is not None for v in extra):
            raise TypeError(f"{self.name} takes {len(self.params)} parameter(s) ({', '.join(self.params) or 'none'}),"
                            f" got {len(values)}: {values!r}")
        unknown = set(named) - set(self.params)
        if unknown:
            raise TypeError(f"{self.name} has no parameter {', '.join(sorted(unknown))}; its parameters are "
                            f"{', '.join(self.params) or 'none'}")
        given = dict(zip(self.params, values, strict=False))
        given.update(named)
        return tuple(default if given.get(p) is None else as_finite_float(given[p], f"{p} (a parameter of {self.name})")
                     for p, default in self.params.items())


#: name -> :class:`Activation`, in the order the notebook meets them.
ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (
    Activation("step", step, step_grad, r"1 \text{ if } x > t \text{ else } 0", {"threshold": 0.0}),
    Activation("identity", identity, identity_grad, r"x"),
    Activation("sigmoid", sigmoid, sigmoid_grad, r"\frac{1}{1 + e^{-x}}"),
    Activation("tanh", tanh, tanh_grad, r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1"),
    Activation("relu", relu, relu_grad, r"\max(0, x)"),
    Activation("leaky_relu", leaky_relu, leaky_relu_grad, r"x \text{ if } x > 0 \text{ else } \alpha x",
               {"alpha": 0.01}),
    Activation("prelu", prelu, prelu_grad, r"x \text{ if } x > 0 \text{ else } \alpha x \ (\alpha \text{ learned})",
               {"alpha": 0.25}),
    Activation("elu", elu, elu_grad, r"x \text{ if } x > 0 \text{ else } \alpha (e^{x} - 1)", {"alpha": 1.0}),
    Activation("selu", selu, selu_grad, r"\lambda \cdot \mathrm{elu}(x, \alpha)",
               {"alpha": SELU_ALPHA, "lam": SELU_LAMBDA}),
    Activation("swish", swish, swish_grad, r"x \, \sigma(\beta x)", {"beta": 1.0}),
    Activation("maxout", maxout, maxout_grad, r"\max_k (w_k x + b_k) \text{, shown: } \max(x, s x)",
               {"slope": -0.5}, False, _maxout_curve, _maxout_slope),
    Activation("softmax", softmax, softmax_grad, r"\frac{e^{x_i}}{\sum_j e^{x_j}} \text{, shown: } "
               r"\mathrm{softmax}([x, c])_0", {"other": 0.0}, False, _softmax_curve, _softmax_slope),
)}
