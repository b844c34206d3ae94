"""The perceptron and the logic gates it can (and cannot) compute — notebook 01.

A perceptron (퍼셉트론) fires when the weighted sum of its inputs plus a bias (편향) is positive::

    y = 1 if w · x + b > 0 else 0

The gates use the lecture's weights. XOR is not a single perceptron: it is a two-layer network of
three of them, ``XOR = AND(NAND(x1, x2), OR(x1, x2))`` (notebook 02 builds on that).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.datasets import truth_table
from helpers.validation import (
    as_bool,
    as_finite_float,
    as_float_array,
    as_labels,
    as_positive_float,
    as_positive_int,
    as_rng,
)

#: The lecture's weights and bias for each single-perceptron gate: name -> ((w1, w2), b).
GATE_WEIGHTS: dict[str, tuple[tuple[float, float], float]] = {
    "AND": ((0.5, 0.5), -0.7),
    "NAND": ((-0.5, -0.5), 0.7),
    "OR": ((0.5, 0.5), -0.2),
}


def weighted_sum(x, w, b) -> np.ndarray:
    """The perceptron's pre-activation ``z = x · w + b``.

    Args:
        x: inputs, shape ``(n,)`` for one sample or ``(N, n)`` for N samples.
        w: weights, shape ``(n,)``.
        b: bias, a number.

    Returns:
        ``z``: a float array of shape ``()`` for one sample or ``(N,)``.

    Raises:
        ValueError: the number of weights does not match the number of inputs, or a value is NaN.
        TypeError: a value is not numeric.
    """
    x = as_float_array(x, "x", nonempty=True)
    w = as_float_array(w, "w", ndim=1, nonempty=True)
    b = as_finite_float(b, "b")
    if x.ndim not in (1, 2):
        raise ValueError(f"x must have shape (n,) for one sample or (N, n) for N samples, got {x.shape}")
    if x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"w has {w.shape[0]} weight(s) but each sample in x has {x.shape[-1]} input(s) "
            f"(x.shape={x.shape}, w.shape={w.shape}): give one weight per input"
        )
    return x @ w + b


def perceptron(x, w, b):
    """Output of one perceptron with a step activation: 1 where ``x · w + b > 0``, else 0.

    Args:
        x: inputs, shape ``(n,)`` for one sample or ``(N, n)`` for N samples.
        w: weights, shape ``(n,)``.
        b: bias, a number.

    Returns:
        an ``int`` (0 or 1) for one sample, or an int array of shape ``(N,)``.
    """
    fired = (weighted_sum(x, w, b) > 0).astype(int)
    return int(fired) if fired.ndim == 0 else fired


@dataclass(frozen=True)
class GateReport:
    """How a perceptron with weights ``w`` and bias ``b`` does on a gate's truth table.

    Attributes:
        gate: the target gate's name.
        w: the weights, shape ``(2,)``; b: the bias.
        X: the four input pairs, shape ``(4, 2)``.
        z: weighted sums ``X · w + b``, shape ``(4,)``.
        y_hat: the perceptron's outputs, shape ``(4,)``.
        y: the gate's true outputs, shape ``(4,)``.
    """

    gate: str
    w: np.ndarray
    b: float
    X: np.ndarray
    z: np.ndarray
    y_hat: np.ndarray
    y: np.ndarray

    @property
    def correct(self) -> np.ndarray:
        """Which rows the perceptron gets right, shape ``(4,)`` bool."""
        return self.y_hat == self.y

    @property
    def n_correct(self) -> int:
        """How many of the four rows are right."""
        return int(self.correct.sum())

    def as_text(self) -> str:
        """The truth table with its weighted-sum column, as aligned plain text."""
        w1, w2 = self.w
        lines = [f"{self.gate}: w = ({w1:g}, {w2:g}), b = {self.b:g}",
                 " x1  x2 |  z = w·x + b | y_hat  target"]
        for (a, c), z, y_hat, y in zip(self.X, self.z, self.y_hat, self.y, strict=True):
            mark = "ok" if y_hat == y else "WRONG"
            lines.append(f"  {a}   {c} | {z:+12.2f} |   {y_hat}      {y}    {mark}")
        lines.append(f"{self.n_correct}/4 correct")
        return "\n".join(lines)


def evaluate_gate(w, b, gate: str) -> GateReport:
    """Run a two-input perceptron ``(w, b)`` on every row of ``gate``'s truth table.

    Args:
        w: weights ``(w1, w2)``, shape ``(2,)``.
        b: bias, a number.
        gate: ``"AND"``, ``"NAND"``, ``"OR"``, ``"NOR"`` or ``"XOR"``.
    """
    X, y = truth_table(gate)
    w = as_float_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must hold exactly 2 weights (w1, w2) for a two-input gate, got {w.shape[0]}")
    b = as_finite_float(b, "b")
    return GateReport(gate.upper(), w, b, X, weighted_sum(X, w, b), perceptron(X, w, b), y)


def _gate(name: str, x1, x2):
    """Apply the single-perceptron gate ``name`` elementwise to ``x1`` and ``x2``."""
    a = as_float_array(x1, f"{name}'s x1")
    c = as_float_array(x2, f"{name}'s x2")
    try:
        a, c = np.broadcast_arrays(a, c)
    except ValueError:
        raise ValueError(f"{name}'s x1 and x2 must have the same shape, got {a.shape} and {c.shape}") from None
    w, b = GATE_WEIGHTS[name]
    out = perceptron(np.stack([a.ravel(), c.ravel()], axis=1), w, b).reshape(a.shape)
    return int(out) if out.ndim == 0 else out


def AND(x1, x2):
    """AND gate: 1 only when both inputs are 1 (w = (0.5, 0.5), b = -0.7). Elementwise on arrays."""
    return _gate("AND", x1, x2)


def NAND(x1, x2):
    """NAND gate: 0 only when both inputs are 1 (w = (-0.5, -0.5), b = 0.7). Elementwise on arrays."""
    return _gate("NAND", x1, x2)


def OR(x1, x2):
    """OR gate: 1 when at least one input is 1 (w = (0.5, 0.5), b = -0.2). Elementwise on arrays."""
    return _gate("OR", x1, x2)


def XOR(x1, x2):
    """XOR gate as a two-layer network: ``AND(NAND(x1, x2), OR(x1, x2))``. Elementwise on arrays."""
    return AND(NAND(x1, x2), OR(x1, x2))


def learning_step(w, b, x, y, lr) -> tuple[np.ndarray, float, int]:
    """One update of Rosenblatt's learning rule on one sample ``(x, y)``.

    ``y_hat = perceptron(x, w, b)``, then ``w + lr·(y - y_hat)·x`` and ``b + lr·(y - y_hat)``: nothing moves
    when the answer is right.

    Args:
        w: weights, shape ``(n,)``. b: bias. x: one sample, shape ``(n,)``. y: its target, 0 or 1.
        lr: learning rate η, > 0.

    Returns:
        ``(w_new, b_new, y_hat)``: new weights (a new array, shape ``(n,)``), new bias, the output before
        the update.
    """
    x = as_float_array(x, "x", ndim=1)
    lr = as_finite_float(lr, "lr")
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if y not in (0, 1) or isinstance(y, bool):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    weighted_sum(x, w, b)  # checks w and b against x
    return _rule(as_float_array(w, "w"), float(b), x, y, lr)


def _rule(w: np.ndarray, b: float, x: np.ndarray, y, lr: float) -> tuple[np.ndarray, float, int]:
    """:func:`learning_step` on values already checked (``Perceptron.fit`` checks its data once, not per row)."""
    y_hat = int(x @ w + b > 0)
    error = int(y) - y_hat
    return w + lr * error * x, b + lr * error, y_hat


@dataclass(frozen=True)
class RuleStep:
    """One step of the learning rule on one row of a truth table.

    Attributes:
        row: the row used (0-3, truth-table order); next_row: the row the following step uses.
        x: that row's inputs, shape ``(2,)``; y: its target; y_hat: the output before the update.
        w: the weights after the step, shape ``(2,)``; b: the bias after it.
    """

    row: int
    next_row: int
    x: np.ndarray
    y: int
    y_hat: int
    w: np.ndarray
    b: float

    @property
    def error(self) -> int:
        """``y - y_hat``: +1 (should have fired), -1 (should not have), 0 (right: nothing moved)."""
        return self.y - self.y_hat

    @property
    def state(self) -> tuple[float, float, float, int]:
        """``(w1, w2, b, next_row)``: everything that decides the steps to come."""
        return (*(float(v) for v in self.w), self.b, self.next_row)


def gate_learning_steps(w, b, gate: str, lr, n_steps: int, first_row: int = 0) -> list[RuleStep]:
    """Apply the learning rule ``n_steps`` times to ``gate``'s truth table, one row per step, in order.

    Args:
        w: starting weights, shape ``(2,)``. b: starting bias. gate: a name of ``helpers.datasets.GATE_NAMES``.
        lr: learning rate η, > 0. n_steps: how many steps (>= 1).
        first_row: the row (0-3) of the first step; after row 3 comes row 0 again.

    Returns:
        one :class:`RuleStep` per step.
    """
    X, y = truth_table(gate)
    w, b = as_float_array(w, "w", ndim=1), as_finite_float(b, "b")
    if isinstance(first_row, bool) or first_row not in range(len(X)):
        raise ValueError(f"first_row must be one of 0, 1, 2, 3, got {first_row!r}")
    steps, row = [], first_row
    for _ in range(as_positive_int(n_steps, "n_steps")):
        w, b, y_hat = learning_step(w, b, X[row], int(y[row]), lr)
        next_row = (row + 1) % len(X)
        steps.append(RuleStep(row, next_row, X[row], int(y[row]), y_hat, w, b))
        row = next_row
    return steps


def first_repeat(states, decimals: int = 9) -> tuple[int, int] | None:
    """The first state that equals an earlier one, as ``(earlier, later)`` indices, or ``None``.

    States (e.g. ``(w1, w2, b, next_row)``) are compared rounded to ``decimals`` places, so that adding and
    later subtracting ``lr`` counts as a return. Once a state repeats, the rule (a fixed function of the
    state) repeats the steps between them forever: a cycle of period ``later - earlier``.
    """
    states = as_float_array(states, "states", ndim=2)
    decimals = as_positive_int(decimals, "decimals")
    seen = {}
    for index, state in enumerate(states):
        key = tuple(round(float(v), decimals) + 0.0 for v in state)  # + 0.0 turns -0.0 into 0.0
        if key in seen:
            return seen[key], index
        seen[key] = index
    return None


class Perceptron:
    """A single perceptron trained with Rosenblatt's learning rule.

    For each sample, in order, ``y_hat = step(w · x + b)`` and then::

        w += lr * (y - y_hat) * x
        b += lr * (y - y_hat)

    so nothing changes when the answer is right. On linearly separable data (AND, OR) the rule reaches
    every sample right in a finite number of updates; on XOR it never does.

    Args:
        n_inputs: number of inputs n.
        lr: learning rate, > 0.
        seed: seed for the random starting weights (normal, std 0.5) and bias; ``None`` is random.
    """

    def __init__(self, n_inputs: int, lr: float = 0.1, seed: int | None = None):
        self.n_inputs = as_positive_int(n_inputs, "n_inputs")
        self.lr = as_positive_float(lr, "lr")
        rng = as_rng(seed, "seed")
        self.w = rng.normal(0.0, 0.5, size=self.n_inputs)
        self.b = float(rng.normal(0.0, 0.5))

    def predict(self, X) -> np.ndarray:
        """Outputs 0/1 for samples ``X`` of shape ``(N, n_inputs)``; returns shape ``(N,)``."""
        X = as_float_array(X, "X", ndim=2, nonempty=True)
        if X.shape[1] != self.n_inputs:
            raise ValueError(f"X must have shape (N, {self.n_inputs}), one column per input, got {X.shape}")
        return np.asarray(perceptron(X, self.w, self.b))

    def fit(self, X, y, epochs: int = 20, *, stop_when_learned: bool = False) -> dict[str, list]:
        """Train on ``X`` (shape ``(N, n_inputs)``) and 0/1 labels ``y`` (shape ``(N,)``).

        ``stop_when_learned=True`` stops after the first epoch that leaves every sample classified right: the rule
        moves the weights only on a mistake, so the epochs after it would change nothing (accuracy 1.0, 0 updates).

        Returns:
            the history, one entry per epoch: ``"accuracy"`` (fraction right after the epoch),
            ``"updates"`` (samples that changed the weights), ``"w"`` (copy, shape ``(n_inputs,)``)
            and ``"b"``.
        """
        X = as_float_array(X, "X", ndim=2, nonempty=True)
        y = as_float_array(y, "y", ndim=1)
        epochs = as_positive_int(epochs, "epochs")
        stop_when_learned = as_bool(stop_when_learned, "stop_when_learned")
        if X.shape != (len(y), self.n_inputs):
            raise ValueError(f"X must have shape (N, {self.n_inputs}) with N = len(y) = {len(y)}, got {X.shape}")
        y = as_labels(y, "y", n_classes=2)
        history: dict[str, list] = {"accuracy": [], "updates": [], "w": [], "b": []}
        for _ in range(epochs):
            updates = 0
            for x_i, y_i in zip(X, y, strict=True):
                self.w, self.b, y_hat = _rule(self.w, self.b, x_i, y_i, self.lr)  # learning_step, checked above
                updates += int(y_hat != y_i)
            history["accuracy"].append(float(np.mean(self.predict(X) == y)))
            history["updates"].append(updates)
            history["w"].append(self.w.copy())
            history["b"].append(self.b)
            if stop_when_learned and history["accuracy"][-1] == 1.0:
                break
        return history
