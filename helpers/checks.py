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


# --- Notebook 06: initialisation and batch norm -------------------------------------------------------


def _one_number(answer):
    """``answer`` as a float, or None when it is not a single finite number."""
    try:
        value = float(np.asarray(answer, dtype=float))
    except (TypeError, ValueError):
        return None
    return value if np.isfinite(value) else None


def check_he_std(n_in, answer) -> bool:
    """Exercise (notebook 06): the standard deviation of He-normal weights for a layer with ``n_in`` inputs."""
    value, expected = _one_number(answer), float(np.sqrt(2.0 / n_in))
    if value is None:
        return report(False, "", "give one number, the standard deviation (not the variance).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(2 / {n_in}) = {expected:.4g}.",
                  f"{value:g} is not it. He's variance is 2 / n_in; the standard deviation is its square root"
                  + (" (you gave the variance)." if abs(value - expected**2) < 1e-6 else "."))


def check_xavier_limit(n_in, n_out, answer) -> bool:
    """Exercise (notebook 06): the limit ``a`` of Xavier-uniform weights U(-a, a) for an ``n_in``→``n_out`` layer."""
    value, expected = _one_number(answer), float(np.sqrt(6.0 / (n_in + n_out)))
    if value is None:
        return report(False, "", "give one number, the limit a of U(-a, a).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(6 / ({n_in} + {n_out})) = {expected:.4g}.",
                  f"{value:g} is not it. The variance of U(-a, a) is a**2 / 3 and Xavier wants 2 / (n_in + n_out): "
                  "solve for a.")


def check_batchnorm_by_hand(x, gamma, beta, answer) -> bool:
    """Exercise (notebook 06): batch norm of one feature ``x`` (N,) in training mode, worked by hand."""
    x = np.asarray(x, dtype=float)
    expected = gamma * (x - x.mean()) / np.sqrt(x.var() + 1e-5) + beta
    try:
        answer = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return report(False, "", f"give {len(x)} numbers, one output per sample.")
    if answer.shape != expected.shape:
        return report(False, "", f"give {len(x)} numbers, one output per sample; got {answer.size}.")
    if np.allclose(answer, expected, atol=1e-3):
        return report(True, f"mean {x.mean():g}, variance {x.var():g}, then gamma·x̂ + beta = {np.round(expected, 3)}.",
                      "")
    hint = "Subtract the batch mean, divide by the standard deviation (the variance divides by N, not N - 1)"
    if np.allclose(answer, (x - x.mean()) / np.sqrt(x.var() + 1e-5), atol=1e-3):
        hint = "That is x̂: now scale by gamma and shift by beta"
    return report(False, "", f"{hint}, then multiply by gamma and add beta.")


def check_steadiest_tanh_scheme(answer) -> bool:
    """Exercise (notebook 06): which of "xavier" and "he" keeps tanh's activation std steadiest over 8 layers?

    Measured, not looked up: the answer is the scheme whose std at layer 8 is closest to its std at layer 1
    in the explorer's experiment (1,000 inputs, 100 units per layer, seed 1).
    """
    from helpers.init_experiments import layer_activations  # here, so the other checks stay light

    ratios = {}
    for scheme in ("xavier", "he"):
        acts = layer_activations(scheme, "tanh", depth=8, rng=1)
        ratios[scheme] = acts[-1].std() / acts[0].std()
    best = min(ratios, key=lambda s: abs(np.log(ratios[s])))
    if answer not in ratios:
        return report(False, "", 'answer "xavier" or "he".')
    summary = ", ".join(f"{s}: layer 8 / layer 1 std = {r:.2f}" for s, r in ratios.items())
    return report(answer == best, f"{summary}. Xavier's 1/n is exact only where tanh is linear; tanh squashes, "
                  "so a gain above 1 (PyTorch's calculate_gain('tanh') = 5/3) is needed to hold the scale.",
                  f"look again at the std labels at depth 8 ({summary}).")
