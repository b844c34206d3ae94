"""Self-checks of notebook 01, perceptron and logic gates."""

from __future__ import annotations

from helpers.checks.answers import n_numbers, one_number, report
from helpers.datasets import GATE_NAMES, truth_table
from helpers.gates import evaluate_gate


def check_gate_weights(gate: str, w1, w2, b) -> bool:
    """Do the weights ``(w1, w2)`` and bias ``b`` make a perceptron compute ``gate`` on all four rows?"""
    if not isinstance(gate, str) or gate not in GATE_NAMES:
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


def check_predictions(w, b, answers) -> bool:
    """Exercise: predict a perceptron ``(w, b)``'s outputs on rows (0,0), (0,1), (1,0), (1,1) by hand."""
    w = n_numbers(w, 2, "the perceptron's weights (w1, w2)")
    if w is None or one_number(b, "b") is None:
        return False
    answers = n_numbers(answers, 4, "one answer per row, 0 or 1, like [0, 0, 0, 1]")
    if answers is None:
        return False
    X, _ = truth_table("AND")
    expected = evaluate_gate(w, b, "AND")
    wrong = [f"({a}, {c})" for (a, c), guess, truth in zip(X, answers, expected.y_hat, strict=True) if guess != truth]
    return report(not wrong, "you can run a perceptron in your head.",
                  f"{4 - len(wrong)}/4 right; compute z = w1·x1 + w2·x2 + b for row(s) {', '.join(wrong)} "
                  "and remember: the output is 1 only when z > 0.")
