"""Self-checks of notebook 04, activation functions."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import one_number, report


def check_softplus(softplus, softplus_grad) -> bool:
    """Exercise (notebook 04): ``softplus(x) = log(1 + e^x)`` and its derivative, vectorised and stable.

    Both are called on a float array; they must match ``np.logaddexp(0, x)`` and ``σ(x)`` to 1e-6 for
    moderate ``x``, and stay finite, without warnings, at ``x = ±1000``.
    """
    import warnings

    from helpers.activations import sigmoid

    if not (callable(softplus) and callable(softplus_grad)):
        return report(False, "", "pass the two functions themselves: check_softplus(softplus, softplus_grad).")
    x = np.linspace(-20, 20, 81)
    extreme = np.array([-1000.0, 1000.0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y, dy = np.asarray(softplus(x), dtype=float), np.asarray(softplus_grad(x), dtype=float)
    except Exception as err:  # a learner's function can fail in any way: report it, never raise
        return report(False, "", f"calling your functions on an array failed ({type(err).__name__}: {err}). "
                      "Use NumPy operations (np.exp, np.log1p, np.maximum) so they work on whole arrays.")
    if y.shape != x.shape or dy.shape != x.shape:
        return report(False, "", f"for x of shape {x.shape} return arrays of that shape, got {y.shape} and "
                      f"{dy.shape}.")
    if not np.allclose(y, np.logaddexp(0, x), atol=1e-6):
        return report(False, "", "softplus(x) is not log(1 + e^x): check softplus(0) = log 2 ≈ 0.693.")
    if not np.allclose(dy, sigmoid(x), atol=1e-6):
        return report(False, "", "the values are right but the derivative is not: differentiate log(1 + e^x) "
                      "(hint: you have met the answer in this notebook; softplus'(0) = 0.5).")
    try:
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
            warnings.simplefilter("error")
            big, dbig = np.asarray(softplus(extreme), dtype=float), np.asarray(softplus_grad(extreme), dtype=float)
        stable = np.allclose(big, [0.0, 1000.0]) and np.allclose(dbig, [0.0, 1.0])
    except (FloatingPointError, RuntimeWarning, OverflowError):
        stable = False
    return report(stable, "softplus and its derivative are right, and stable at x = ±1000.",
                  "right for moderate x, but at x = ±1000 it overflows or loses the answer (softplus(1000) "
                  "is 1000). Next step: for x > 0, factor e^x out of 1 + e^x, so that exp only ever sees a "
                  "number <= 0, as the stable sigmoid does.")


def check_zero_centred(names, std: float = 2.0) -> bool:
    """Exercise (notebook 04): the set of activations whose mean output is 0 for inputs ``std · Z``, ``Z ~ N(0, 1)``.

    The properties table measures the mean for ``std = 1``; the exercise asks about ``std = 2``, where the
    odd functions stay centred and SELU, whose constants were fitted to ``N(0, 1)``, does not.
    """
    from helpers.activation_properties import mean_output
    from helpers.activations import ACTIVATIONS

    std = one_number(std)
    if std is None or std <= 0:
        return report(False, "", "std, the spread of the inputs, must be one positive number (the exercise uses 2).")

    try:
        names = set(names) if not isinstance(names, str) else None
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        return report(False, "", "give a collection of names, like {'relu', 'sigmoid'}.")
    unknown = names - set(ACTIVATIONS)
    if unknown:
        return report(False, "", f"unknown name(s) {sorted(unknown)}; use the names in ACTIVATIONS.")
    truth = {n for n in ACTIVATIONS if abs(mean_output(n, std)) < 1e-3}
    missing, extra = sorted(truth - names), sorted(names - truth)
    hint = []
    if extra:
        hint.append(f"{', '.join(extra)} {'has' if len(extra) == 1 else 'have'} a mean output away from 0 "
                    f"for std {std:g}")
    if missing:
        hint.append(f"{len(missing)} zero-centred function(s) missing")
    return report(not missing and not extra, f"{', '.join(sorted(truth))}: mean output 0 for inputs of std {std:g}.",
                  "; ".join(hint) + ". Which functions are odd, f(-x) = -f(x), whatever the spread of the inputs? "
                  "And for which input distribution were SELU's two constants chosen?")


def check_chain_gradient(answer) -> bool:
    """Exercise (notebook 04): predict ``d u_20 / d u_0`` for 20 layers ``u_l = 1.2 · relu(u_{l-1})``, ``u_0 = 0.5``.

    Accepted within 1% of the truth, computed here with ``helpers.activation_chain``.
    """
    from helpers.activation_chain import chain_gradients
    from helpers.checks.answers import one_number

    value = one_number(answer, "your prediction")
    if value is None:
        return False
    truth = float(chain_gradients("relu", [0.5], 1.2, 20)[-1, 0])
    if abs(value - truth) <= 0.01 * truth:
        return report(True, f"{truth:.2f} = 1.2^20: on a live path ReLU's derivative is 1, so only the weights "
                      "multiply up, and they explode.", "")
    if np.isclose(value, 1.0):
        hint = "ReLU's own derivative is 1 on this path, but each layer also multiplies by its weight w"
    elif np.isclose(value, 1.2 * 20) or np.isclose(value, 1.2 + 20):
        hint = "the chain rule multiplies one factor per layer; it does not add them"
    elif value <= 0:
        hint = "u_0 = 0.5 > 0, and 1.2 · relu(u) stays positive: the path never dies"
    else:
        hint = "write down the local derivative of one layer, w · relu'(u), and multiply 20 of them"
    return report(False, "", f"not {value:g}: {hint}.")
