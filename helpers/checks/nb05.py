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
