"""Every exercise check, whatever a learner types: a hint and False, never a traceback or a warning.

The checks are found, not listed: every ``check_*`` in ``helpers.checks`` and its per-notebook modules, so a
check added later is tested too. Each gets each wrong answer in every argument at once, and in one argument at
a time with the others set to a plain number.
"""

import importlib
import inspect
import pkgutil
import warnings

import numpy as np
import pytest

import helpers.checks


def _raising(*args, **kwargs):
    raise RuntimeError("a learner's function that fails")


class _BrokenLayer:
    def __init__(self):
        raise ZeroDivisionError("a learner's class that fails")


#: What a learner can type instead of the answer.
WRONG_ANSWERS = {
    "string": "abc", "empty string": "", "None": None, "NaN": float("nan"), "inf": float("inf"), "-inf": -np.inf,
    "huge": 1e300, "negative": -1, "bool": True, "complex": 1j, "dict": {"a": 1}, "empty dict": {}, "set": {1, 2},
    "tuple of strings": ("a", "b"), "list of the wrong length": [1, 2, 3, 4, 5, 6, 7], "empty list": [],
    "nested ragged list": [[1, 2], [3]], "list with NaN": [np.nan, 1.0, 0.0, 1.0], "array of strings":
    np.array(["x", "y"]), "object": object(), "function returning a string": lambda *a, **k: "abc",
    "function that raises": _raising, "class that raises": _BrokenLayer, "a type": int,
}
FILLER = 1  # the other arguments, when only one is wrong


def all_checks():
    """``{name: function}`` of every ``check_*`` reachable from ``helpers.checks``."""
    found = {name: f for name, f in vars(helpers.checks).items() if name.startswith("check_") and callable(f)}
    for info in pkgutil.iter_modules(helpers.checks.__path__):
        module = importlib.import_module(f"helpers.checks.{info.name}")
        found.update({name: f for name, f in vars(module).items() if name.startswith("check_") and callable(f)})
    return found


CHECKS = all_checks()


def test_the_checks_are_found():
    assert len(CHECKS) >= 20 and "check_nor_weights" in CHECKS and "check_rnn_shapes" in CHECKS


def _problem(check, args, capsys):
    """None if ``check(*args)`` printed a hint and returned False without a warning, else what went wrong."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = check(*args)
        except Exception as err:  # noqa: BLE001 - the finding
            return f"raised {type(err).__name__}: {err}"
    out = capsys.readouterr().out
    if result is not False:
        return f"returned {result!r}"
    if not (out.startswith("❌") and len(out) > 20):
        return f"printed {out!r}"
    return f"warned {[str(w.message) for w in caught]}" if caught else None


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_wrong_answer_gets_a_hint_not_a_traceback(name, capsys):
    """Each wrong answer in every argument at once, then in one argument at a time (the others set to 1)."""
    check = CHECKS[name]
    n = len(inspect.signature(check).parameters)
    problems = []
    for label, wrong in WRONG_ANSWERS.items():
        for position in [None, *range(n)]:
            args = [wrong if position in (None, i) else FILLER for i in range(n)]
            problem = _problem(check, args, capsys)
            if problem:
                where = "every argument" if position is None else f"argument {position}"
                problems.append(f"{name}({label} in {where}): {problem}")
    assert not problems, "\n".join(problems)
