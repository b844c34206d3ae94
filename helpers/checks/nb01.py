"""Self-checks of notebook 01, perceptron and logic gates."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import n_numbers, one_number, report
from helpers.datasets import GATE_NAMES, truth_table
from helpers.gates import evaluate_gate, learning_step


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


def _call_step(step, w, b, x, y, lr):
    """``step``'s new ``(w, b)`` as a (2,) array and a float, or a hint (str) saying what went wrong."""
    try:
        out = step(np.array(w, dtype=float), float(b), np.array(x, dtype=float), int(y), float(lr))
    except Exception as err:  # noqa: BLE001 - a check reports the learner's error, it never raises
        return f"your function raised {type(err).__name__}: {err}"
    if not isinstance(out, tuple) or len(out) != 2:
        return f"your function must return the pair (w, b), got {out!r}"
    try:
        new_w = np.asarray(out[0], dtype=float).reshape(2)
    except (TypeError, ValueError):
        return f"the w it returns must be 2 numbers, got {out[0]!r}"
    new_b = one_number(out[1])
    return f"the b it returns must be one number, got {out[1]!r}" if new_b is None else (new_w, new_b)


def check_learning_step(step) -> bool:
    """Exercise (notebook 01): ``step(w, b, x, y, lr)`` returns the new ``(w, b)`` of the perceptron learning rule.

    It is tried on every row of AND, OR and NAND from two starting points, then used to train AND and OR.
    """
    if not callable(step):
        return report(False, "", "pass your function itself, without calling it: check_learning_step(my_step).")
    for gate in ("AND", "OR", "NAND"):
        X, y = truth_table(gate)
        for w, b in (((0.3, -0.2), 0.1), ((-0.4, 0.6), -0.3)):
            for x_i, y_i in zip(X, y, strict=True):
                got = _call_step(step, w, b, x_i, y_i, 0.5)
                if isinstance(got, str):
                    return report(False, "", got + ".")
                want_w, want_b, y_hat = learning_step(w, b, x_i, int(y_i), 0.5)
                if np.allclose(got[0], want_w) and np.isclose(got[1], want_b):
                    continue
                case = f"With w = {w}, b = {b}, x = {tuple(int(v) for v in x_i)}, target {y_i} (output {y_hat})"
                moved = np.append(got[0] - w, got[1] - b)
                should = np.append(want_w - w, want_b - b)
                if y_hat == y_i:
                    hint = "the answer was right, so nothing should move."
                elif np.allclose(moved, -should):
                    hint = "your update moves the wrong way. The neuron answered wrong: should z go up or down?"
                elif got[1] == b:
                    hint = "your b never changes. The bias learns too: treat it as a weight whose input is always 1."
                else:
                    hint = f"expected w = ({want_w[0]:.3g}, {want_w[1]:.3g}), b = {want_b:.3g}."
                return report(False, "", f"{case}: you return w = ({got[0][0]:.3g}, {got[0][1]:.3g}), "
                              f"b = {got[1]:.3g}; " + hint)
    for gate in ("AND", "OR"):
        X, y = truth_table(gate)
        w, b = np.zeros(2), 0.0
        for _ in range(20):
            for x_i, y_i in zip(X, y, strict=True):
                w, b = _call_step(step, w, b, x_i, y_i, 0.5)
        if evaluate_gate(w, b, gate).n_correct != 4:
            return report(False, "", f"one step at a time looks right, but 20 epochs do not learn {gate}.")
    return report(True, "your step is the perceptron learning rule: it trains AND and OR to 4/4.", "")
