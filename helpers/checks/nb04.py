"""Self-checks of notebook 04, activation functions."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import report


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
                  "is 1000). Rewrite it as max(x, 0) + log1p(exp(-|x|)), or use np.logaddexp(0, x).")


def check_zero_centred(names) -> bool:
    """Exercise (notebook 04): the set of activations whose mean output is 0 for inputs ``Z ~ N(0, 1)``."""
    from helpers.activation_properties import properties_table
    from helpers.activations import ACTIVATIONS

    try:
        names = set(names) if not isinstance(names, str) else None
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        return report(False, "", "give a collection of names, like {'relu', 'sigmoid'}.")
    unknown = names - set(ACTIVATIONS)
    if unknown:
        return report(False, "", f"unknown name(s) {sorted(unknown)}; use the names in ACTIVATIONS.")
    truth = {row["name"] for row in properties_table() if row["zero_centred"]}
    missing, extra = sorted(truth - names), sorted(names - truth)
    hint = []
    if extra:
        hint.append(f"{', '.join(extra)} {'has' if len(extra) == 1 else 'have'} a positive mean output")
    if missing:
        hint.append(f"{len(missing)} zero-centred function(s) missing (one of them was designed for it)")
    return report(not missing and not extra, f"{', '.join(sorted(truth))}: mean output 0 for N(0, 1) inputs.",
                  "; ".join(hint) + ". Look at the E[f(Z)] column of the properties table.")
