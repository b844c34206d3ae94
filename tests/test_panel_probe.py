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


def _all_defaults(make) -> bool:
    params = [p for p in inspect.signature(make).parameters.values() if p.name != "self"]
    return all(p.default is not inspect.Parameter.empty or p.kind == p.VAR_KEYWORD for p in params)


def _panels():
    """Each panel class whose arguments all have defaults, or else its factory function (``activation_explorer``
    for ``ActivationExplorer``) if that one has."""
    found = {}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if not (inspect.isclass(obj) and issubclass(obj, Panel) and obj is not Panel
                    and obj.__module__ == module.__name__):
                continue
            short = module.__name__.split(".")[-1]
            factories = [f for f in vars(module).values() if inspect.isfunction(f) and f.__module__ == module.__name__
                         and inspect.signature(f).return_annotation in (name, obj)]
            for make in [obj, *factories]:
                if _all_defaults(make):
                    found[f"{short}.{make.__name__}"] = make
                    break
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
         for arg in inspect.signature(make).parameters.values() if arg.name != "self" and arg.kind != arg.VAR_KEYWORD
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
