"""Optimisers: they update a model's parameters from its gradients — notebook 02 onwards.

An optimiser sees only two dicts with the same keys, ``params`` and ``grads`` (a layer's or a
``Sequential``'s), and changes the arrays in ``params`` in place.
"""

from __future__ import annotations

import numpy as np

from helpers.validation import as_array_dict, as_finite_float, as_positive_float

#: Weight penalties by name: ``None`` (none), ``"L1"`` (``rate * sum |w|``), ``"L2"`` (``rate * sum w**2 / 2``).
REGULARIZATIONS = (None, "L1", "L2")


def _check_regularization(kind, rate, names=("regularization", "reg_rate")) -> float:
    if not (kind is None or isinstance(kind, str)) or kind not in REGULARIZATIONS:
        raise ValueError(f"{names[0]} must be one of None, 'L1', 'L2', got {kind!r}")
    return as_finite_float(rate, names[1], low=0.0)


def _is_weight(key: str) -> bool:
    """Only weight matrices are penalised (keys ``"W"``, ``"0.W"``, ...), never biases (as in the Playground)."""
    return key == "W" or key.endswith(".W")


def penalty(params: dict, kind: str | None, rate: float) -> float:
    """The regularisation term added to the loss: ``rate * sum |W|`` (L1) or ``rate * sum W**2 / 2`` (L2),
    summed over every weight matrix in ``params`` (biases are left out); 0 for ``kind=None``."""
    rate = _check_regularization(kind, rate, ("kind", "rate"))
    weights = [v for k, v in as_array_dict(params, "params").items() if _is_weight(k)]
    if kind is None or rate == 0:
        return 0.0
    if kind == "L1":
        return rate * float(sum(np.abs(w).sum() for w in weights))
    return rate * 0.5 * float(sum((w**2).sum() for w in weights))


def penalty_grads(params: dict, kind: str | None, rate: float) -> dict:
    """The gradient of :func:`penalty` for each weight key (same shapes): ``rate * sign(W)`` (L1; 0 at 0)
    or ``rate * W`` (L2). Keys without a penalty are left out."""
    rate = _check_regularization(kind, rate, ("kind", "rate"))
    params = as_array_dict(params, "params")
    if kind is None or rate == 0:
        return {}
    derivative = np.sign if kind == "L1" else (lambda w: w)
    return {k: rate * derivative(v) for k, v in params.items() if _is_weight(k)}


class SGD:
    """Plain (stochastic) gradient descent: ``param -= lr * grad`` for every key.

    Args:
        lr: learning rate, > 0.
        regularization: ``None``, ``"L1"`` or ``"L2"``: also descend the weight penalty of :func:`penalty`
            (weight decay), ``param -= lr * (grad + penalty gradient)``; biases are not penalised.
        reg_rate: the penalty's rate (λ), >= 0.
    """

    def __init__(self, lr: float = 0.1, *, regularization: str | None = None, reg_rate: float = 0.0):
        self.lr = lr
        self.reg_rate = _check_regularization(regularization, reg_rate)
        self.regularization = regularization

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = as_positive_float(value, "lr")

    def update(self, params: dict, grads: dict) -> None:
        """Take one step: each ``params[k]`` (any shape) moves by ``-lr * grads[k]`` (same shape), in place.

        Every array is checked before any is changed, so a bad ``grads`` leaves ``params`` as they were.
        """
        as_array_dict(params, "params", allow_nan=True)  # the model's state: NaN there is a diverged run, shown
        as_array_dict(grads, "grads", like=params)  # as such by the loss; the gradients are the input here
        extra = penalty_grads(params, self.regularization, self.reg_rate)
        for key, param in params.items():
            param -= self._lr * (grads[key] + extra[key] if key in extra else grads[key])

    def __repr__(self) -> str:
        reg = f", regularization={self.regularization!r}, reg_rate={self.reg_rate:g}" if self.regularization else ""
        return f"SGD(lr={self._lr:g}{reg})"
