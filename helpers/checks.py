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


def check_predictions(w, b, answers) -> bool:
    """Exercise: predict a perceptron ``(w, b)``'s outputs on rows (0,0), (0,1), (1,0), (1,1) by hand."""
    try:
        answers = np.asarray(answers, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return report(False, "", "answers must be four numbers 0 or 1, like [0, 0, 0, 1].")
    if answers.shape != (4,):
        return report(False, "", f"give one answer per row: four numbers, got {answers.shape[0]}.")
    X, _ = truth_table("AND")
    expected = evaluate_gate(w, b, "AND")
    wrong = [f"({a}, {c})" for (a, c), guess, truth in zip(X, answers, expected.y_hat, strict=True) if guess != truth]
    return report(not wrong, "you can run a perceptron in your head.",
                  f"{4 - len(wrong)}/4 right; compute z = w1·x1 + w2·x2 + b for row(s) {', '.join(wrong)} "
                  "and remember: the output is 1 only when z > 0.")


# --- Notebook 05: gradient descent and backpropagation ----------------------------------------------


def _one_number(answer, what: str):
    """``answer`` as a float, or ``None`` after printing a hint (a check never raises at the learner)."""
    try:
        if isinstance(answer, (str, bytes)):
            raise TypeError
        value = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        report(False, "", f"{what} must be a single number, got {answer!r}.")
        return None
    return value


def check_gd_step(w_new) -> bool:
    """Exercise (05): one step of gradient descent on ``E(w) = (w·x - y)²`` with x = 2, y = 4, from w = 0.5, η = 0.1."""
    value = _one_number(w_new, "w_new")
    if value is None:
        return False
    grad = 2 * (0.5 * 2 - 4) * 2
    expected = 0.5 - 0.1 * grad
    if np.isclose(value, 0.5 + 0.1 * grad):
        return report(False, "", "you moved uphill: the update subtracts η·dE/dw (here dE/dw = -12).")
    return report(np.isclose(value, expected), f"dE/dw = 2(wx - y)·x = {grad:g}, so w = 0.5 - 0.1·({grad:g}) = "
                  f"{expected:g}.", "differentiate E(w) = (w·x - y)² with the chain rule: dE/dw = 2(w·x - y)·x, "
                  "evaluate it at w = 0.5, then take w - η·dE/dw.")


def check_output_error_signal(e) -> bool:
    """Exercise (05): the error signal ``e = dL/dv`` of a sigmoid output node with output 0.8, target 1,
    loss ``L = ½(x - y)²``."""
    value = _one_number(e, "e")
    if value is None:
        return False
    expected = (0.8 - 1.0) * 0.8 * (1 - 0.8)
    if np.isclose(value, 0.8 - 1.0):
        return report(False, "", "that is dL/dx. The error signal is dL/dv: multiply by the sigmoid's slope x(1 - x).")
    return report(np.isclose(value, expected), f"e = (x - y)·x(1 - x) = (-0.2)(0.8)(0.2) = {expected:g}.",
                  "e = dL/dv = dL/dx · dx/dv, with dL/dx = x - y and dx/dv = x(1 - x) for a sigmoid.")


def check_softmax_gradient(dscores) -> bool:
    """Exercise (05): ``dL/ds`` of softmax + cross entropy for one sample, scores ``[2, 1, 0]``, true class 0."""
    try:
        answer = np.asarray(dscores, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return report(False, "", "give three numbers, one per class, like [0.1, 0.2, -0.3].")
    if answer.shape != (3,):
        return report(False, "", f"give one number per class: three numbers, got {answer.size}.")
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    expected = p - np.array([1.0, 0.0, 0.0])
    if np.allclose(answer, p):
        return report(False, "", "those are the probabilities p; subtract the one-hot target [1, 0, 0].")
    return report(np.allclose(answer, expected, atol=1e-3),
                  f"dL/ds = p - onehot(y) = {np.round(expected, 4).tolist()}: it pushes the true class's score up "
                  "and the others down, and the entries sum to 0.",
                  "compute p = softmax([2, 1, 0]) (exp of each score over the sum of exps), then subtract 1 from "
                  "the entry of the true class.")


def check_largest_stable_lr(lr) -> bool:
    """Exercise (05): the largest learning rate for which gradient descent on ``E(w) = 3w²`` does not diverge."""
    value = _one_number(lr, "lr")
    if value is None:
        return False
    return report(np.isclose(value, 1 / 3, atol=1e-3),
                  "w ← w - η·6w = (1 - 6η)·w shrinks while |1 - 6η| < 1, i.e. η < 2/6 = 1/3 "
                  "(at exactly 1/3 it bounces between w and -w forever).",
                  "write one step as w ← w - η·E'(w) = (1 - 6η)·w. For which η is |1 - 6η| < 1?")
