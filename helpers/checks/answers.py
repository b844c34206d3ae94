"""The answer parsing and reporting that every notebook's self-checks share.

A check never raises at the learner: whatever comes in (a string, None, a dict, a set, NaN, a list of the wrong
length, a function ...), these turn it into numbers or into a hint. Each parser returns the parsed value, or None
after (when given ``what``) telling the learner what was expected and what came.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np


def report(passed: bool, success: str, hint: str) -> bool:
    """Print ``✅ success`` or ``❌ hint`` and return ``passed``. The building block of every check."""
    print(f"✅ Correct! {success}" if passed else f"❌ Not yet. {hint}")
    return bool(passed)


def _shown(answer) -> str:
    text = repr(answer)
    return text if len(text) <= 60 else text[:57] + "..."


def real_array(answer) -> np.ndarray | None:
    """``answer`` as a float64 array if it is real numbers (a number, a list, an array), else None.

    Refused: strings, None, dicts, sets, functions, booleans, complex numbers, ragged lists, object arrays.
    """
    if answer is None or isinstance(answer, (str, bytes, dict, set, frozenset, bool, np.bool_)) or callable(answer):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(answer)
    except Exception:  # noqa: BLE001 - ragged lists and odd objects: not numbers, whatever NumPy says
        return None
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number) or np.iscomplexobj(arr):
        return None
    return arr.astype(np.float64)


def n_numbers(answer, n: int, what: str):
    """``answer`` as ``n`` finite floats, shape ``(n,)``, or None after telling the learner what was expected."""
    values = real_array(answer)
    values = None if values is None else values.reshape(-1)
    if values is None or values.shape != (n,) or not np.all(np.isfinite(values)):
        if values is None:
            got = f"something that is not numbers ({_shown(answer)})"
        elif values.shape != (n,):
            got = f"{values.size} number(s)"
        else:
            got = "NaN or infinity among them"
        report(False, "", f"give {n} finite numbers: {what}; got {got}.")
        return None
    return values


def one_number(answer, what: str | None = None):
    """``answer`` as a finite float, or None; with ``what``, a None is explained to the learner first."""
    values = real_array(answer)
    value = float(values.reshape(-1)[0]) if values is not None and values.size == 1 else None
    if value is not None and not np.isfinite(value):
        value = None
    if value is None and what is not None:
        report(False, "", f"{what} must be a single finite number, got {_shown(answer)}.")
    return value


def whole_number(answer, what: str | None = None, *, low: int | None = None):
    """``answer`` as an int (``3`` or ``3.0``, not ``3.5`` or True) ``>= low``, or None (explained with ``what``)."""
    value = None
    if isinstance(answer, numbers.Integral) and not isinstance(answer, (bool, np.bool_)):
        value = int(answer)
    elif isinstance(answer, (float, np.floating)) and np.isfinite(answer) and float(answer).is_integer():
        value = int(answer)
    if value is not None and low is not None and value < low:
        value = None
    if value is None and what is not None:
        at_least = "" if low is None else f" >= {low}"
        report(False, "", f"{what} must be a whole number{at_least}, got {_shown(answer)}.")
    return value


def whole_numbers(answer, what: str | None = None):
    """``answer`` as a tuple of whole numbers >= 0 (a shape such as ``(5, 2, 3)``), or None."""
    parts = None
    if isinstance(answer, (tuple, list)) and answer:
        parts = [whole_number(v, low=0) for v in answer]
        parts = None if any(p is None for p in parts) else tuple(parts)
    if parts is None and what is not None:
        report(False, "", f"{what} must be a tuple of whole numbers like (5, 2, 3), got {_shown(answer)}.")
    return parts


def flag(answer, what: str | None = None):
    """``answer`` as True/False (not the string "no", not 2), or None (explained with ``what``)."""
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if what is not None:
        report(False, "", f"{what} must be True or False, got {_shown(answer)}.")
    return None
