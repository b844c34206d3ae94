"""Self-checks of notebook 05, gradient descent and backpropagation."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import n_numbers, one_number, report


def check_gd_step(w_new) -> bool:
    """Exercise (05): one step of gradient descent on ``E(w) = (w·x - y)²`` with x = 2, y = 4, from w = 0.5, η = 0.1."""
    value = one_number(w_new, "w_new")
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
    value = one_number(e, "e")
    if value is None:
        return False
    expected = (0.8 - 1.0) * 0.8 * (1 - 0.8)
    if np.isclose(value, 0.8 - 1.0):
        return report(False, "", "that is dL/dx. The error signal is dL/dv: multiply by the sigmoid's slope x(1 - x).")
    return report(np.isclose(value, expected), f"e = (x - y)·x(1 - x) = (-0.2)(0.8)(0.2) = {expected:g}.",
                  "e = dL/dv = dL/dx · dx/dv, with dL/dx = x - y and dx/dv = x(1 - x) for a sigmoid.")


def check_softmax_gradient(dscores) -> bool:
    """Exercise (05): ``dL/ds`` of softmax + cross entropy for one sample, scores ``[2, 1, 0]``, true class 0."""
    answer = n_numbers(dscores, 3, "one number per class, like [0.1, 0.2, -0.3]")
    if answer is None:
        return False
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
    value = one_number(lr, "lr")
    if value is None:
        return False
    return report(np.isclose(value, 1 / 3, atol=1e-3),
                  "w ← w - η·6w = (1 - 6η)·w shrinks while |1 - 6η| < 1, i.e. η < 2/6 = 1/3 "
                  "(at exactly 1/3 it bounces between w and -w forever).",
                  "write one step as w ← w - η·E'(w) = (1 - 6η)·w. For which η is |1 - 6η| < 1?")


def check_hidden_error_signals(hidden_error_signals) -> bool:
    """Exercise (05, debug): ``hidden_error_signals(W2, e3, x2)`` must return the hidden layer's error signals
    ``e_i^(2) = (sum_j w_ij^(2) e_j^(3)) x_i^(2) (1 - x_i^(2))`` (shape (2,)) for ``W2`` (2, 2) laid out as
    ``w_ij`` from hidden node i to output j, ``e3`` (2,) and ``x2`` (2,). Tried on the notebook's numbers and
    on random ones, against the hand calculation."""
    from helpers.backprop import example_222, hand_backprop_222

    if not callable(hidden_error_signals):
        return report(False, "", f"pass the function itself (no brackets), got {type(hidden_error_signals).__name__}.")
    rng = np.random.default_rng(5)
    cases = [example_222()] + [{"x": rng.uniform(-1, 1, 2), "y": rng.uniform(0, 1, 2),
                                "W1": rng.normal(size=(2, 2)), "b1": rng.normal(size=2),
                                "W2": rng.normal(size=(2, 2)), "b2": rng.normal(size=2)} for _ in range(3)]
    for case in cases:
        steps, _ = hand_backprop_222(**case)
        value = {s.key: s.value for s in steps}
        W2, e3 = case["W2"].copy(), np.array([value["e3_1"], value["e3_2"]])
        x2, expected = np.array([value["x2_1"], value["x2_2"]]), np.array([value["e2_1"], value["e2_2"]])
        try:
            got = np.asarray(hidden_error_signals(W2.copy(), e3.copy(), x2.copy()), dtype=float).reshape(-1)
        except Exception as err:  # noqa: BLE001 — a check never raises at the learner
            return report(False, "", f"your function raised {type(err).__name__}: {err}.")
        if got.shape != (2,):
            return report(False, "", f"return one error signal per hidden node, 2 numbers; got {got.size}.")
        if np.allclose(got, expected, atol=1e-10):
            continue
        slope = x2 * (1 - x2)
        if np.allclose(got, (W2.T @ e3) * slope) or np.allclose(got, (W2.T @ e3) * x2):
            hint = ("the weighted sum runs over the wrong index: hidden node i collects w_ij·e_j over the outputs j, "
                    "so it needs row i of W2, not column i.")
        elif np.allclose(got, (W2 @ e3) * x2):
            hint = "x is the sigmoid's output, not its slope: what is σ'(v) written with x = σ(v)?"
        elif np.allclose(got, W2 @ e3):
            hint = "that is ∂L/∂x of the hidden nodes; e is ∂L/∂v: one more factor, the hidden sigmoid's slope."
        else:
            hint = "compare each factor with the backward step of §4, one at a time, on the notebook's numbers."
        return report(False, "", hint)
    return report(True, "e⁽²⁾ = (W2 @ e3) · x2 · (1 - x2): each hidden node sums its outgoing weights times the "
                  "error signals they feed, then multiplies by its own sigmoid slope.", "")
