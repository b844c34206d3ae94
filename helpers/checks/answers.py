"""The answer parsing and reporting that every notebook's self-checks share.

A check never raises at the learner: whatever comes in, these turn it into numbers or into a hint.
"""

from __future__ import annotations

import numpy as np


def report(passed: bool, success: str, hint: str) -> bool:
    """Print ``✅ success`` or ``❌ hint`` and return ``passed``. The building block of every check."""
    print(f"✅ Correct! {success}" if passed else f"❌ Not yet. {hint}")
    return bool(passed)


def n_numbers(answer, n: int, what: str):
    """``answer`` as ``n`` floats, shape ``(n,)``, or None after telling the learner what was expected."""
    try:
        values = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != (n,):
        got = "something that is not numbers" if values is None else f"{values.size} number(s)"
        report(False, "", f"give {n} numbers: {what}; got {got}.")
        return None
    return values


def one_number(answer, what: str | None = None):
    """``answer`` as a finite float, or None; with ``what``, a None is explained to the learner first."""
    try:
        if isinstance(answer, (str, bytes)):
            raise TypeError
        value = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        value = None
    if value is not None and not np.isfinite(value):
        value = None
    if value is None and what is not None:
        report(False, "", f"{what} must be a single finite number, got {answer!r}.")
    return value
