"""Self-checks for the exercises. Each ``check_*`` prints a clear pass or a hint and returns True/False.

A check never raises at the learner: a wrong type or shape is reported as a hint that says what was
expected. Exercise cells call a check; worked solutions live in a collapsed "Solution" block.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import GATE_NAMES, truth_table
from helpers.gates import evaluate_gate


def report(passed: bool, success: str, hint: str) -> bool:
    """Print ``✅ success`` or ``❌ hint`` and return ``passed``. The building block of every check."""
    print(f"✅ Correct! {success}" if passed else f"❌ Not yet. {hint}")
    return bool(passed)


def check_gate_weights(gate: str, w1, w2, b) -> bool:
    """Do the weights ``(w1, w2)`` and bias ``b`` make a perceptron compute ``gate`` on all four rows?"""
    if gate not in GATE_NAMES:
        return report(False, "", f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}.")
    try:
        result = evaluate_gate((w1, w2), b, gate)
    except (TypeError, ValueError) as err:
        return report(False, "", f"w1, w2 and b must be three finite numbers ({err}).")
    wrong = [f"({x1}, {x2})" for (x1, x2), ok in zip(result.X, result.correct, strict=True) if not ok]
    return report(
        result.n_correct == 4,
        f"w = ({w1:g}, {w2:g}), b = {b:g} computes {gate} on all four rows.",
        f"{result.n_correct}/4 rows right; wrong for input(s) {', '.join(wrong)}. "
        "Look at the sign of w·x + b on each wrong row: which of w1, w2, b would flip it?",
    )


def check_nor_weights(w1, w2, b) -> bool:
    """Exercise (notebook 01): weights and bias for a NOR gate (1 only when both inputs are 0)."""
    return check_gate_weights("NOR", w1, w2, b)


def check_truth_table(gate: str, answers) -> bool:
    """Exercise: the learner's predicted outputs for rows (0,0), (0,1), (1,0), (1,1) of ``gate``."""
    if gate not in GATE_NAMES:
        return report(False, "", f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}.")
    try:
        answers = np.asarray(answers, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return report(False, "", "answers must be four numbers 0 or 1, like [0, 0, 0, 1].")
    if answers.shape != (4,):
        return report(False, "", f"give one answer per row: four numbers, got {answers.shape[0]}.")
    X, y = truth_table(gate)
    wrong = [f"({a}, {c})" for (a, c), guess, truth in zip(X, answers, y, strict=True) if guess != truth]
    return report(not wrong, f"that is the truth table of {gate}.",
                  f"{4 - len(wrong)}/4 right; look again at row(s) {', '.join(wrong)}.")


# --- Notebook 02: XOR and the multi-layer perceptron ------------------------------------------------


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
