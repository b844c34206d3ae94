"""Optimisers: they update a model's parameters from its gradients — notebook 02 onwards.

An optimiser sees only two dicts with the same keys, ``params`` and ``grads`` (a layer's or a
``Sequential``'s), and changes the arrays in ``params`` in place. :class:`SGD` steps along the gradient,
:class:`Momentum` along a running sum of past steps, :class:`Adam` with a step size per parameter; all three
can add an L1/L2 weight penalty (:func:`penalty`). :data:`OPTIMIZERS` lists them by name.
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
    return _penalty_grads(as_array_dict(params, "params"), kind, rate)


def _penalty_grads(params: dict, kind: str | None, rate: float) -> dict:
    """:func:`penalty_grads` of arguments already checked."""
    if kind is None or rate == 0:
        return {}
    derivative = np.sign if kind == "L1" else (lambda w: w)
    return {k: rate * derivative(v) for k, v in params.items() if _is_weight(k)}


class _Optimizer:
    """What every optimiser shares: the learning rate, the weight penalty and the checks before a step."""

    def __init__(self, lr: float, regularization: str | None, reg_rate: float):
        self.lr = lr
        self.reg_rate = _check_regularization(regularization, reg_rate)
        self.regularization = regularization

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = as_positive_float(value, "lr")

    def _directions(self, params: dict, grads: dict, **state: dict) -> dict:
        """Check ``params``, ``grads`` and the optimiser's own ``state`` (dicts of arrays kept per key, empty
        before the first step) against each other; return ``grads[k]`` plus the penalty's gradient, per key.

        Nothing is changed here, so an update that calls this first changes nothing when it raises.
        """
        as_array_dict(params, "params", allow_nan=True)  # the model's state: NaN there is a diverged run, shown
        as_array_dict(grads, "grads", like=params)  # as such by the loss; the gradients are the input here
        name = type(self).__name__
        for what, kept in state.items():
            if kept and kept.keys() != params.keys():
                raise ValueError(f"params must have the keys this {name} has been updating, {sorted(kept)}, "
                                 f"got {sorted(params)}: a new model needs a new {name}")
            for key, arr in kept.items():
                if arr.shape != params[key].shape:
                    raise ValueError(f"params[{key!r}] must have shape {arr.shape} like this {name}'s {what} "
                                     f"for it, got {params[key].shape}: a new model needs a new {name}")
        extra = _penalty_grads(params, self.regularization,
                               _check_regularization(self.regularization, self.reg_rate))
        if not extra:
            return grads
        return {key: grad + extra[key] if key in extra else grad for key, grad in grads.items()}

    def _settings(self) -> str:
        """The hyper-parameters after ``lr`` in the repr, e.g. ``", momentum=0.9"``."""
        return ""

    def __repr__(self) -> str:
        reg = f", regularization={self.regularization!r}, reg_rate={self.reg_rate:g}" if self.regularization else ""
        return f"{type(self).__name__}(lr={self._lr:g}{self._settings()}{reg})"


class SGD(_Optimizer):
    """Plain (stochastic) gradient descent: ``param -= lr * grad`` for every key.

    Args:
        lr: learning rate, > 0.
        regularization: ``None``, ``"L1"`` or ``"L2"``: also descend the weight penalty of :func:`penalty`
            (weight decay), ``param -= lr * (grad + penalty gradient)``; biases are not penalised.
        reg_rate: the penalty's rate (λ), >= 0.
    """

    def __init__(self, lr: float = 0.1, *, regularization: str | None = None, reg_rate: float = 0.0):
        super().__init__(lr, regularization, reg_rate)

    def update(self, params: dict, grads: dict) -> None:
        """Take one step: each ``params[k]`` (any shape) moves by ``-lr * grads[k]`` (same shape), in place.

        Every array is checked before any is changed, so a bad ``grads`` leaves ``params`` as they were.
        """
        for key, direction in self._directions(params, grads).items():
            params[key] -= self._lr * direction


class Momentum(_Optimizer):
    """Gradient descent with (heavy-ball) momentum: a velocity per key that remembers past steps.

    Per key, with ``g = grad + penalty gradient``: ``v = momentum * v - lr * g``, then ``param += v``
    (``v`` starts at 0, so the first step is plain SGD's). Along a direction where the gradient keeps its
    sign the steps grow towards ``lr * g / (1 - momentum)`` (10 times SGD's for 0.9); where it flips they
    cancel, which damps the zig-zag across a narrow valley.

    Args:
        lr: learning rate, > 0.
        momentum: the share of the velocity kept from one step to the next, in [0, 1) (0 is plain SGD).
        regularization, reg_rate: the weight penalty, as for :class:`SGD`.

    ``velocity`` holds ``v`` per key (same shapes as the params), made at the first update; one optimiser
    serves one model (another model's keys or shapes are refused).
    """

    def __init__(self, lr: float = 0.1, *, momentum: float = 0.9, regularization: str | None = None,
                 reg_rate: float = 0.0):
        super().__init__(lr, regularization, reg_rate)
        self.momentum = as_finite_float(momentum, "momentum", low=0.0, high=1.0, high_open=True)
        self.velocity: dict[str, np.ndarray] = {}

    def update(self, params: dict, grads: dict) -> None:
        """Take one step in place: ``v = momentum * v - lr * g``, ``params[k] += v`` (``grads[k]`` shaped like
        ``params[k]``). Everything is checked first: a bad ``grads`` changes neither params nor velocity."""
        directions = self._directions(params, grads, velocity=self.velocity)
        if not self.velocity:
            self.velocity = {key: np.zeros_like(param) for key, param in params.items()}
        for key, direction in directions.items():
            v = self.velocity[key]
            v *= self.momentum
            v -= self._lr * direction
            params[key] += v

    def _settings(self) -> str:
        return f", momentum={self.momentum:g}"


class Adam(_Optimizer):
    """Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1).

    Per key, with ``g = grad + penalty gradient`` and ``t`` the number of steps taken (1 at the first)::

        m = beta1 * m + (1 - beta1) * g          # running mean of the gradient (first moment)
        v = beta2 * v + (1 - beta2) * g**2       # running mean of its square (second raw moment)
        m_hat = m / (1 - beta1**t)               # bias correction: m and v start at 0
        v_hat = v / (1 - beta2**t)
        param -= lr * m_hat / (sqrt(v_hat) + eps)

    Each parameter gets its own step size: about ``lr`` whatever the gradient's scale. At the first step
    ``m_hat = g`` and ``v_hat = g**2``, so every parameter moves by ``lr * sign(g)`` (to within ``eps``).

    Args:
        lr: learning rate (the paper's α), > 0; 0.001 is the paper's default.
        beta1, beta2: decay rates of the two moments, each in [0, 1).
        eps: added to ``sqrt(v_hat)`` against division by zero, > 0.
        regularization, reg_rate: the weight penalty, as for :class:`SGD` (added to the gradient, as in
            the paper's L2 setting, not decoupled weight decay as in AdamW).

    ``m`` and ``v`` hold the moments per key (same shapes as the params), made at the first update; ``t`` counts
    the steps. One optimiser serves one model (another model's keys or shapes are refused).
    """

    def __init__(self, lr: float = 0.001, *, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 regularization: str | None = None, reg_rate: float = 0.0):
        super().__init__(lr, regularization, reg_rate)
        self.beta1 = as_finite_float(beta1, "beta1", low=0.0, high=1.0, high_open=True)
        self.beta2 = as_finite_float(beta2, "beta2", low=0.0, high=1.0, high_open=True)
        self.eps = as_positive_float(eps, "eps")
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}
        self.t = 0

    def update(self, params: dict, grads: dict) -> None:
        """Take one Adam step in place (``grads[k]`` shaped like ``params[k]``). Everything is checked first:
        a bad ``grads`` changes neither params nor ``m``, ``v``, ``t``."""
        directions = self._directions(params, grads, m=self.m, v=self.v)
        if not self.m:
            self.m = {key: np.zeros_like(param) for key, param in params.items()}
            self.v = {key: np.zeros_like(param) for key, param in params.items()}
        self.t += 1
        correction1, correction2 = 1 - self.beta1**self.t, 1 - self.beta2**self.t
        for key, g in directions.items():
            m, v = self.m[key], self.v[key]
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g**2
            params[key] -= self._lr * (m / correction1) / (np.sqrt(v / correction2) + self.eps)

    def _settings(self) -> str:
        return f", beta1={self.beta1:g}, beta2={self.beta2:g}, eps={self.eps:g}"


#: The optimisers by name, as the live trainer lists them.
OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
