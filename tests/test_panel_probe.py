"""Every panel refuses a bad starting value clearly: no ipywidgets trait error, no value quietly clamped.

The panels are found, not listed: every ``Panel`` subclass in ``helpers`` (and ``mlp_playground``) whose
arguments all have defaults, and the panels that need a model or data first (:data:`NEEDS` gives those
arguments good values and bad ones). Each argument with a number, text or True/False default gets the bad
values of its kind; the call must raise ``TypeError``/``ValueError`` naming the argument. The math behind the
panels is probed call by call in ``test_api_probe.py``.
"""

import importlib
import inspect
import math
import pkgutil

import numpy as np
import pytest

import helpers
from helpers.char_rnn import CharRNN, CharVocab
from helpers.mlp_playground import mlp_playground
from helpers.panel import Panel
from helpers.rnn_explorers import BidirectionalStepper
from helpers.rnn_training_explorers import ClippingExplorer, TemperatureExplorer
from helpers.rnn_widgets import TimeStepper
from helpers.sequence_tasks import SequenceRegressor, clipping_sweep

_XS = np.sin(np.linspace(0, 3, 12)).reshape(6, 2, 1)  # (T, N, 1)
_TEXT = "the cat sat on the mat. "


def _regressor(bidirectional=False):
    return SequenceRegressor(1, 3, 1, bidirectional=bidirectional, seed=0)


def _runs():
    return clipping_sweep(_regressor, lambda step: (_XS, _XS), [1.0, None], steps=3, lr=0.05)


_NAN_XS = _XS.copy()
_NAN_XS[2, 0, 0] = math.nan
_SEQUENCES = [("None", None), ("string", "abc"), ("NaN", _NAN_XS), ("wrong shape", _XS[:, :, 0]),
              ("two features", np.concatenate([_XS, _XS], axis=2))]

#: The panels with arguments that have no default: ``name -> (make, good values, bad values by argument)``.
NEEDS = {
    "rnn_widgets.TimeStepper": (TimeStepper, lambda: {"model": _regressor(), "xs": _XS}, {
        "model": [("None", None), ("string", "abc"), ("two inputs", SequenceRegressor(2, 3, 1, seed=0))],
        "xs": _SEQUENCES}),
    "rnn_explorers.BidirectionalStepper": (BidirectionalStepper, lambda: {"model": _regressor(True), "xs": _XS}, {
        "model": [("None", None), ("string", "abc"), ("one direction", _regressor(False))], "xs": _SEQUENCES}),
    "rnn_training_explorers.ClippingExplorer": (ClippingExplorer, lambda: {"runs": _runs()}, {
        "runs": [("None", None), ("empty", {}), ("not histories", {1.0: 3}), ("a list", [1.0])]}),
    "rnn_training_explorers.TemperatureExplorer": (
        TemperatureExplorer, lambda: {"model": CharRNN(len(CharVocab(_TEXT)), 5, seed=0), "vocab": CharVocab(_TEXT)},
        {"model": [("None", None), ("string", "abc"), ("other size", CharRNN(3, 5, seed=0))],
         "vocab": [("None", None), ("string", "abc"), ("other size", CharVocab("xyz"))]}),
}


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


def _with_needs(make, good):
    def build(**kwargs):
        return make(**{**good(), **kwargs})
    return build


PANELS = _panels()
MAKERS = dict(PANELS)  # what ``inspect.signature`` reads
for _name, (_make, _good, _) in NEEDS.items():
    PANELS[_name], MAKERS[_name] = _with_needs(_make, _good), _make


FREE_TEXT = {"output_label"}  # text shown as it is: any string is good


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
        return [("number", 3)] + ([] if name in FREE_TEXT else [("unknown name", "no-such-option")])
    return []


CALLS = [(panel, arg.name, label, value) for panel, make in MAKERS.items()
         for arg in inspect.signature(make).parameters.values() if arg.name != "self" and arg.kind != arg.VAR_KEYWORD
         for label, value in bad_values(arg.name, arg.default)]
CALLS += [(panel, arg, label, value) for panel, (_, _, bad) in NEEDS.items() for arg, pairs in bad.items()
          for label, value in pairs]


def test_the_probe_finds_the_panels():
    assert len(PANELS) >= 12 and len(CALLS) >= 100


def test_every_panel_class_is_probed():
    """Each ``Panel`` subclass of every module is probed itself, or through a factory that builds it."""
    probed = {getattr(make, "__name__", "") for make in MAKERS.values()}
    built = {type(PANELS[name]()).__name__ for name in PANELS}
    classes = {obj.__name__ for info in pkgutil.walk_packages(helpers.__path__, "helpers.")
               for obj in vars(importlib.import_module(info.name)).values()
               if inspect.isclass(obj) and issubclass(obj, Panel) and obj is not Panel}
    assert not classes - probed - built


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
