"""Every panel refuses a bad starting value clearly: no ipywidgets trait error, no value quietly clamped.

The panels are found, not listed: every ``Panel`` subclass in ``helpers`` (and ``mlp_playground``) whose
arguments all have defaults. Each argument with a number, text or True/False default gets the bad values of
its kind; the call must raise ``TypeError``/``ValueError`` naming the argument. The math behind the panels
is probed call by call in ``test_api_probe.py``.
"""

import importlib
import inspect
import math
import pkgutil

import pytest

import helpers
from helpers.mlp_playground import mlp_playground
from helpers.widgets import Panel


def _panels():
    found = {}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, Panel) and obj is not Panel
                    and obj.__module__ == module.__name__):
                params = list(inspect.signature(obj.__init__).parameters.values())[1:]
                if all(p.default is not inspect.Parameter.empty for p in params):
                    found[f"{module.__name__.split('.')[-1]}.{name}"] = obj
    found["playground.mlp_playground"] = mlp_playground
    return found


PANELS = _panels()


def bad_values(name: str, default):
    """The bad values for an argument whose default is ``default`` (none for a default of another kind)."""
    if isinstance(default, bool):
        return [("string", "no"), ("number", 2)]
    if isinstance(default, int):
        bad = [("string", "3"), ("fraction", 2.5), ("NaN", math.nan)]
        return bad + ([] if name == "seed" else [("negative", -10**6)])
    if isinstance(default, float):
        return [("string", "0.5"), ("NaN", math.nan), ("inf", math.inf), ("huge", 1e12), ("list", [0.5])]
    if isinstance(default, str):
        return [("unknown name", "no-such-option"), ("number", 3)]
    return []


CALLS = [(panel, arg.name, label, value) for panel, make in PANELS.items()
         for arg in inspect.signature(make).parameters.values() if arg.name != "self"
         for label, value in bad_values(arg.name, arg.default)]


def test_the_probe_finds_the_panels():
    assert len(PANELS) >= 12 and len(CALLS) >= 100


@pytest.mark.parametrize("panel", PANELS)
def test_every_panel_builds_with_its_defaults(panel):
    PANELS[panel]().close()


@pytest.mark.parametrize("panel", PANELS)
def test_bad_starting_values_are_refused_by_name(panel):
    problems = []
    for name, arg, label, value in CALLS:
        if name != panel:
            continue
        try:
            built = PANELS[panel](**{arg: value})
        except (TypeError, ValueError) as err:
            if arg not in str(err):
                problems.append(f"{arg}={label}: {type(err).__name__} not naming {arg}: {err}")
        except Exception as err:  # noqa: BLE001 — any other error is the finding
            problems.append(f"{arg}={label}: {type(err).__name__}: {err}")
        else:
            problems.append(f"{arg}={label}: accepted")
            built.close()
    assert not problems, "\n".join(problems)
