"""Self-checks of notebook 02, XOR and the multi-layer perceptron."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import report
from helpers.datasets import truth_table


def check_xor_network(W1, b1, W2, b2) -> bool:
    """Exercise (notebook 02): weights of a 2-2-1 network of step perceptrons that computes XOR.

    ``s = step(x @ W1 + b1)`` with ``W1`` of shape (2, 2) (column j feeds hidden unit j) and ``b1`` (2,);
    ``y = step(s @ W2 + b2)`` with ``W2`` (2,) and ``b2`` a number; ``step(z) = 1 if z > 0 else 0``.
    """
    try:
        W1 = np.asarray(W1, dtype=float)
        b1 = np.asarray(b1, dtype=float)
        W2 = np.asarray(W2, dtype=float).reshape(-1)
        b2 = float(b2)
    except (TypeError, ValueError):
        return report(False, "", "W1, b1, W2 must be arrays of numbers and b2 a number.")
    if W1.shape != (2, 2) or b1.shape != (2,) or W2.shape != (2,):
        return report(False, "", f"shapes must be W1 (2, 2), b1 (2,), W2 (2,); got {W1.shape}, {b1.shape}, "
                                 f"{W2.shape}. Column j of W1 holds the two weights into hidden unit j.")
    X, y = truth_table("XOR")
    s = (X @ W1 + b1 > 0).astype(int)
    y_hat = (s @ W2 + b2 > 0).astype(int)
    wrong = [f"({a}, {c}) -> {p}" for (a, c), p, t in zip(X, y_hat, y, strict=True) if p != t]
    return report(
        not wrong,
        f"hidden outputs s = {s.tolist()} are linearly separable, and the output unit separates them.",
        f"{4 - len(wrong)}/4 rows right; wrong: {', '.join(wrong)}. Hidden outputs were s = {s.tolist()}: "
        "try NAND and OR in the hidden layer (one per column of W1) and AND at the output.",
    )


def check_smallest_circle_units(units) -> bool:
    """Exercise (notebook 02): the fewest hidden units (one hidden layer) that can separate ``circle``."""
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)):
        return report(False, "", f"answer with a whole number of hidden units, got {units!r}.")
    if units == 3:
        return report(True, "each hidden unit adds one line, and three lines are the fewest that can fence in "
                            "the inner disc (a rounded triangle).", "")
    if units < 3:
        return report(False, "", f"with {units} hidden unit(s) the class-1 region is unbounded: "
                                 f"{units} line(s) cannot fence in a disc. Train it in the cell above and look.")
    return report(False, "", f"{units} units work, but fewer also do: each unit is one line; how many lines "
                             "does it take to enclose a region?")
