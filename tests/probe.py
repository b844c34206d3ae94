"""The machinery of the API probe (tests/test_api_probe.py): argument kinds, their bad values, and one probe call.

A call spec names a public callable, good values for its arguments and each argument's *kind*. The probe swaps
one argument at a time for every bad value of its kind and expects a ``ValueError``/``TypeError`` whose message
names that argument; it also checks that the failed call left the object (and the other arguments) unchanged.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import numpy as np

NAN, INF = float("nan"), float("inf")

RECORD = "a plain record (dataclass) built by its module's functions"


@dataclass
class Arg:
    """A good value (copied afresh for every call) and its kind; ``optional``: None is a good value too.

    ``nan_ok``: NaN/inf are allowed by design (a diverged path). ``extra``: more ``(label, bad value)`` pairs.
    ``choices``: for kind ``"choice"``. ``n_classes``: for kind ``"classes"``.
    """

    good: object
    kind: str
    optional: bool = False
    nan_ok: bool = False
    extra: list = field(default_factory=list)
    n_classes: int | None = None
    partner: str | None = None  # a shape mismatch with this other argument may be reported under its name
    skip: tuple = ()  # labels of this kind's bad values that are good for this argument


@dataclass
class Spec:
    """How to call one public callable: ``call(obj, **kwargs)`` for a method (``make`` builds ``obj``), else
    ``call(**kwargs)``. ``fresh`` builds an object that has not run forward yet (for the order probe)."""

    call: object
    args: dict
    make: object = None
    fresh: object = None
    order_args: dict | None = None
    owner: str | None = None  # set when the callable belongs to another engineer (probe failures are expected)


def fn(target, /, *, owner=None, **args) -> Spec:
    return Spec(lambda **kw: target(**kw), args, owner=owner)


def meth(make, name, /, *, fresh=None, owner=None, **args) -> Spec:
    """A method ``name`` of the object ``make()``; with ``fresh``, also probed for backward-before-forward."""
    order = {k: a.good for k, a in args.items()} if fresh is not None else None
    return Spec(lambda obj, **kw: getattr(obj, name)(**kw), args, make, fresh, order, owner)


def _one_bad(a: np.ndarray, value) -> np.ndarray:
    b = np.array(a, dtype=float, copy=True)
    b.flat[b.size // 2] = value
    return b


def _wider(a: np.ndarray) -> np.ndarray:
    return np.concatenate([a, a[..., :1]], axis=-1)


def _array_common(good) -> list:
    a = np.asarray(good, dtype=float)
    bad = [("string", "abc"), ("None", None), ("dict", {"a": 1}), ("set", {1, 2}), ("object", object()),
           ("complex", a + 1j), ("tuple of strings", ("a", "b"))]
    if a.ndim >= 1:
        bad.append(("ragged list", [[1.0, 2.0], [3.0]]))
    return bad


def _nonfinite(good) -> list:
    a = np.asarray(good, dtype=float)
    return [("NaN", _one_bad(a, NAN)), ("inf", _one_bad(a, INF)), ("-inf", _one_bad(a, -INF))]


def _shapes(good, fixed_rows: bool, fixed_width: bool) -> list:
    a = np.asarray(good, dtype=float)
    bad = [("extra dimension", a[None]), ("empty", a[:0])]
    if a.ndim >= 2:
        bad.append(("missing dimension", a[0]))
        if fixed_width:
            bad.append(("wrong width", _wider(a)))
    else:
        bad.append(("a number for an array", float(a[0])))
    if fixed_rows:
        bad.append(("wrong length", np.concatenate([a, a[:1]], axis=0)))
    return bad


_FLOAT = [("string", "1.0"), ("None", None), ("NaN", NAN), ("inf", INF), ("-inf", -INF), ("list", [1.0, 2.0]),
          ("dict", {"a": 1}), ("complex", 1j), ("array", np.ones(2))]
_INT = [("string", "3"), ("None", None), ("fraction", 2.5), ("NaN", NAN), ("bool", True), ("list", [1, 2]),
        ("dict", {}), ("inf", INF)]
_BOOL = [("truthy string", "no"), ("string 'False'", "False"), ("None", None), ("number 2", 2), ("fraction", 0.5),
         ("list", [1]), ("NaN", NAN), ("array", np.ones(3))]
_SEED = [("string", "abc"), ("fraction", 1.5), ("negative", -1), ("dict", {}), ("NaN", NAN),
         ("list of strings", ["a"]), ("object", object())]
_CALLABLE = [("string", "f"), ("None", None), ("number", 3), ("list", [1])]
_OBJECT = [("string", "abc"), ("None", None), ("number", 3), ("dict", {})]
_TEXT = [("None", None), ("number", 3), ("empty string", ""), ("list of strings", ["a", "b"]), ("bytes", b"ab")]


def bad_values(arg: Arg) -> list:
    """``(label, value)`` pairs of wrong input for an argument of this kind."""
    kind, good = arg.kind, arg.good
    if kind in ("any", "nonempty", "rows", "batch", "shaped", "labels01", "classes", "labels", "prob"):
        bad = _array_common(good) + ([] if arg.nan_ok else _nonfinite(good))
        if kind == "nonempty":
            bad.append(("empty along the axis", np.zeros(np.shape(good)[:-1] + (0,))))
        if kind in ("rows", "batch", "shaped", "labels01", "classes", "labels"):
            bad += _shapes(good, fixed_rows=kind not in ("rows", "batch"), fixed_width=kind != "rows")
        if kind == "labels01":
            bad += [("label 2", _one_bad(good, 2)), ("label -1", _one_bad(good, -1)),
                    ("label 0.5", _one_bad(good, 0.5))]
        if kind in ("classes", "labels"):
            bad += [("label -1", _one_bad(good, -1)), ("label 1.5", _one_bad(good, 1.5))]
        if kind == "classes":
            bad.append(("label = n_classes", _one_bad(good, arg.n_classes)))
        if kind == "prob":
            bad += [("probability 0", _one_bad(good, 0.0)), ("probability 1.5", _one_bad(good, 1.5))]
    elif kind in ("float", "pos", "nonneg", "unit"):
        bad = list(_FLOAT)
        bad += {"float": [], "pos": [("zero", 0.0), ("negative", -1.0)], "nonneg": [("negative", -1.0)],
                "unit": [("negative", -0.1), ("one", 1.0)]}[kind]
    elif kind in ("int", "posint"):
        bad = list(_INT) + ([("zero", 0), ("negative", -1)] if kind == "posint" else [])
    elif kind == "axis":
        bad = list(_INT) + [("out of range", 7)]
    elif kind == "bool":
        bad = list(_BOOL)
    elif kind == "choice":
        bad = [("unknown name", "bogus"), ("None", None), ("number", 3), ("list", [good]), ("empty string", "")]
    elif kind == "seed":
        bad = list(_SEED)
    elif kind == "callable":
        bad = list(_CALLABLE)
    elif kind == "object":
        bad = list(_OBJECT)
    elif kind == "text":
        bad = list(_TEXT)
    elif kind == "sizes":
        bad = [("string", "abc"), ("None", None), ("number", 3), ("one size", [3]), ("zero size", [3, 0, 2]),
               ("fraction", [3, 2.5, 2]), ("strings", ["3", "2"])]
    elif kind == "grads":  # a dict (or list) of arrays
        key = next(iter(good))
        bad = [("None", None), ("string", "abc"), ("number", 3), ("list of strings", ["a"]),
               ("string entry", {**good, key: "abc"}), ("list entry", {**good, key: [1.0]})]
        if not arg.nan_ok:
            bad += [("NaN entry", {**good, key: _one_bad(good[key], NAN)}),
                    ("inf entry", {**good, key: _one_bad(good[key], INF)})]
        bad += [("missing key", {k: v for k, v in good.items() if k != key}),
                ("wrong shape", {**good, list(good)[-1]: np.zeros((7, 7))})]
    elif kind == "ids":
        a = np.asarray(good)
        bad = [("string", "abc"), ("None", None), ("number", 3), ("negative", _one_bad(a, -1).astype(int)),
               ("out of range", _one_bad(a, 999).astype(int)), ("fraction", _one_bad(a, 0.5)),
               ("NaN", _one_bad(a, NAN)), ("dict", {"a": 1})]
    elif kind == "fractions":
        bad = [("string", "abc"), ("None", None), ("one part", [1.0]), ("negative", [1.2, -0.2]),
               ("not summing to 1", [0.5, 0.2]), ("NaN", [NAN, 0.5])]
    elif kind == "pair":  # (low, high)
        bad = [("string", "abc"), ("None", None), ("one number", 12.0), ("reversed", (30.0, 12.0)),
               ("NaN", (NAN, 3.0)), ("three numbers", (1.0, 2.0, 3.0)), ("strings", ("a", "b"))]
    else:
        raise KeyError(f"unknown argument kind {kind!r}")
    if arg.optional:
        bad = [(label, v) for label, v in bad if v is not None]
    return [(label, v) for label, v in bad if label not in arg.skip] + list(arg.extra)


def fingerprint(value, depth: int = 0):
    """The data an object holds (arrays, numbers, strings, containers, attributes), for before/after comparison."""
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, (bool, int, float, complex, str, bytes, type(None), np.generic)):
        return ("value", repr(value))
    if depth > 3:
        return ("deep", type(value).__name__)
    if isinstance(value, dict):
        return ("dict", tuple((repr(k), fingerprint(v, depth + 1)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(fingerprint(v, depth + 1) for v in value))
    if hasattr(value, "__dict__") and type(value).__module__.startswith("helpers"):
        return (type(value).__name__, fingerprint(vars(value), depth + 1))
    return ("other", type(value).__name__)


def names_argument(message: str, name: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


def _drawing(value) -> bool:
    """A matplotlib object (an Axes, or a list of them): shared by the calls, never copied."""
    if isinstance(value, (list, tuple)) and value:
        return all(_drawing(v) for v in value)
    return type(value).__module__.startswith("matplotlib")


def fresh_value(value):
    if _drawing(value):
        return value
    try:
        return copy.deepcopy(value)
    except (TypeError, NotImplementedError):  # widgets cannot be copied: shared by the calls
        return value


def call_spec(spec: Spec, kwargs: dict, obj=None):
    return spec.call(obj, **kwargs) if spec.make is not None else spec.call(**kwargs)


def probe_call(spec: Spec, arg_name: str, bad) -> str | None:
    """Call ``spec`` with ``arg_name`` set to ``bad``; return None if the failure was clear, else what went wrong.

    The message must name ``arg_name`` (or the argument's declared partner, for a mismatch between the two)."""
    partner = spec.args[arg_name].partner
    obj = spec.make() if spec.make is not None else None
    kwargs = {k: fresh_value(a.good) for k, a in spec.args.items()}
    kwargs[arg_name] = bad
    before = fingerprint((obj, {k: v for k, v in kwargs.items() if k != arg_name}))
    problem = None
    with np.errstate(all="ignore"):
        try:
            call_spec(spec, kwargs, obj)
            problem = "silent: accepted"
        except (ValueError, TypeError) as err:
            if not (names_argument(str(err), arg_name) or (partner and names_argument(str(err), partner))):
                problem = f"unclear: {type(err).__name__} not naming {arg_name}: {str(err)[:80]}"
        except Exception as err:  # noqa: BLE001 - any other exception is the finding
            problem = f"unclear: {type(err).__name__}: {str(err)[:80]}"
    after = fingerprint((obj, {k: v for k, v in kwargs.items() if k != arg_name}))
    if before != after and problem != "silent: accepted":
        problem = "corrupted state" + (f" + {problem}" if problem else "")
    return problem


def probe_order(spec: Spec) -> str | None:
    """Call the method on an object that has not run forward: it must raise, saying forward comes first."""
    obj = spec.fresh()
    with np.errstate(all="ignore"):
        try:
            call_spec(spec, {k: fresh_value(v) for k, v in spec.order_args.items()}, obj)
            return "silent: backward before forward accepted"
        except (RuntimeError, ValueError) as err:
            return None if "forward" in str(err) else f"unclear: {type(err).__name__}: {err}"
        except Exception as err:  # noqa: BLE001
            return f"unclear: {type(err).__name__}: {str(err)[:80]}"
