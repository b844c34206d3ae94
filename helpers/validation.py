"""Input checks that turn bad input into a clear message instead of a NumPy traceback.

Every public function in ``helpers`` that takes input passes it through here, so a learner who types
``AND("1", 0)``, gives three weights to a two-input perceptron or calls ``backward`` before ``forward`` is told
what was expected and what came. Each check raises ``TypeError`` (wrong kind of thing) or ``ValueError`` (right
kind, wrong value or shape) with the argument's name first; NaN and infinity are errors unless allowed.

The checks are cheap (a float64 array costs one pass, :func:`all_finite`; inside a model, between its layers, not even
that: see :class:`internal_values`), so they stay on inside a training loop.
"""

from __future__ import annotations

import contextvars
import math
import numbers
from collections.abc import Iterable

import numpy as np

_INTERNAL = contextvars.ContextVar("helpers_internal_values", default=False)


class internal_values:  # lower case: it is used like a function, ``with internal_values():``
    """Inside a model, let NaN and infinity through the finiteness checks (types and shapes are still checked).

    What flows between the layers of a ``Sequential``, or from a loss into an optimiser inside a trainer, is the
    model's own computation, not a learner's input: once training diverges it is NaN or inf, and the trainer
    shows that as a non-finite loss instead of the next layer refusing it.
    """

    def __enter__(self):
        self._token = _INTERNAL.set(True)

    def __exit__(self, *exc):
        _INTERNAL.reset(self._token)


def all_finite(arr: np.ndarray) -> bool:
    """Whether every entry of the float array ``arr`` (any shape) is finite: NaN and infinity are not.

    One pass of BLAS's dot product of ``arr`` with itself (for a contiguous array about half the time of
    ``np.isfinite(arr).all()``, which makes an array of booleans first): a NaN
    or an infinity makes that sum non-finite, and a sum that is not finite only because finite entries overflowed
    (|x| above ~1e154) is checked again entry by entry. BLAS raises no floating-point warnings.
    """
    return math.isfinite(np.vdot(arr, arr)) or bool(np.isfinite(arr).all())


def _got(value) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def as_float_array(value, name: str, *, ndim: int | None = None, allow_nan: bool = False,
                   nonempty: bool = False) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise a clear error.

    Args:
        value: a number, a (nested) list of numbers or an array.
        name: how the caller calls it, used in the message (e.g. ``"x"`` or ``"AND's x1"``).
        ndim: the required number of dimensions, if any.
        allow_nan: let NaN and infinity through (off by default).
        nonempty: require at least one entry along the first axis (a batch of at least one sample).

    Raises:
        TypeError: ``value`` is not numeric (a string, None, a dict, an object array ...).
        ValueError: ``value`` has the wrong number of dimensions, is empty, or holds NaN/infinity.
    """
    if type(value) is not np.ndarray or value.dtype != np.float64:
        if isinstance(value, (str, bytes, dict, set, frozenset)) or value is None:
            raise TypeError(f"{name} must be a number or an array of numbers, got {_got(value)}")
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError) as err:  # ragged nested lists
            raise ValueError(f"{name} must be a rectangular array of numbers: {err}") from None
        if arr.dtype == bool:
            arr = arr.astype(np.float64)
        if not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
            raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
        value = arr.astype(np.float64, copy=False)
    if ndim is not None and value.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {value.shape}")
    if nonempty and (value.ndim == 0 or value.shape[0] == 0):
        raise ValueError(f"{name} must hold at least one sample, got shape {value.shape}")
    if not allow_nan and not _INTERNAL.get() and not all_finite(value):  # skipped inside a model
        raise ValueError(f"{name} must be finite numbers, but it holds NaN or infinity: {value!r}")
    return value


def check_shape(arr: np.ndarray, name: str, shape: tuple, what: str = "") -> np.ndarray:
    """``arr`` if its shape is ``shape`` (``None`` entries match any size), else a ``ValueError`` that says so.

    ``what`` explains the shape, e.g. ``"like the forward output"``:
    ``dout must have shape (4, 3) like the forward output, got (4, 1)``.
    """
    if arr.shape == shape:
        return arr
    if len(arr.shape) != len(shape) or any(s is not None and s != a for s, a in zip(shape, arr.shape, strict=True)):
        want = "(" + ", ".join("N" if s is None else str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
        raise ValueError(f"{name} must have shape {want}{' ' + what if what else ''}, got {arr.shape}")
    return arr


def as_dout(dout, shape: tuple, name: str = "dout") -> np.ndarray:
    """The upstream gradient of a layer's ``backward``: finite floats of exactly the forward output's ``shape``."""
    return check_shape(as_float_array(dout, name), name, tuple(shape), "like the forward output")


def require_forward(layer, *cached) -> None:
    """Raise ``RuntimeError`` when ``backward`` comes before ``forward`` (a cached value is still ``None``)."""
    for c in cached:  # a loop, not any(...): this runs in every backward of a training step
        if c is None:
            raise RuntimeError(f"{type(layer).__name__}.backward was called before forward: call forward before "
                               "backward (backward needs what forward keeps)")


def as_finite_float(value, name: str, *, low: float | None = None, high: float | None = None,
                    low_open: bool = False, high_open: bool = False) -> float:
    """Return ``value`` as a Python float, or raise ``TypeError``/``ValueError`` naming ``name``.

    ``low`` / ``high``: the allowed range (inclusive unless ``low_open`` / ``high_open``).
    """
    if type(value) is float or type(value) is int:  # the fast path (a loss's dout, a learning rate)
        x = float(value)
    else:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
            raise TypeError(f"{name} must be a real number, got {_got(value)}")
        arr = np.asarray(value)
        if arr.shape != () or not (np.issubdtype(arr.dtype, np.number) and not np.iscomplexobj(arr)):
            raise ValueError(f"{name} must be a single real number, got an array of shape {arr.shape}")
        x = float(arr)
    if not np.isfinite(x):
        raise ValueError(f"{name} must be finite, got {x}")
    if (low is not None and (x < low or (low_open and x == low))) or \
            (high is not None and (x > high or (high_open and x == high))):
        if low == 0 and low_open and high is None:
            raise ValueError(f"{name} must be positive, got {x:g}")
        lo = "" if low is None else f"{'>' if low_open else '>='} {low:g}"
        hi = "" if high is None else f"{'<' if high_open else '<='} {high:g}"
        raise ValueError(f"{name} must be {' and '.join(p for p in (lo, hi) if p)}, got {x:g}")
    return x


def as_positive_float(value, name: str) -> float:
    """``value`` as a float > 0 (a learning rate, a step size, a tolerance), or a clear error."""
    return as_finite_float(value, name, low=0.0, low_open=True)


def as_int(value, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` in ``[low, high]``, or raise ``TypeError``/``ValueError`` naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {_got(value)}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            raise ValueError(f"{name} must be at least {low}, got {value}")
        raise ValueError(f"{name} must be in {low} .. {high}, got {value}")
    return value


def as_positive_int(value, name: str, *, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` >= 1 (and <= ``high``), or raise ``TypeError``/``ValueError`` naming ``name``."""
    return as_int(value, name, low=1, high=high)


def as_bool(value, name: str) -> bool:
    """``True``/``False`` (NumPy's too, and the whole numbers 0 and 1); anything else is a ``TypeError``.

    A string is refused on purpose: ``bool("no")`` is True.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {_got(value)}")


def as_choice(value, name: str, choices: Iterable, *, allow_none: bool = False):
    """``value`` if it is one of ``choices`` (or None when allowed), else a ``ValueError`` listing them."""
    choices = tuple(choices)
    if value is None and allow_none:
        return None
    if isinstance(value, str) and value in choices:
        return value
    listed = ", ".join(str(c) for c in choices) + (" or None" if allow_none else "")
    raise ValueError(f"{name} must be one of {listed}, got {_got(value)}")


def as_rng(seed, name: str = "seed") -> np.random.Generator:
    """A ``np.random.Generator`` from a seed (None, a whole number >= 0) or a Generator, or a clear error."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral)
                             or seed < 0):
        error = ValueError if isinstance(seed, numbers.Integral) else TypeError
        raise error(f"{name} must be a seed (a whole number >= 0), a np.random.Generator or None, got {_got(seed)}")
    return np.random.default_rng(seed)


def as_callable(value, name: str):
    """``value`` if it can be called, else a ``TypeError`` naming ``name``."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {_got(value)}")
    return value


def require_methods(obj, name: str, methods: Iterable[str], like: str = ""):
    """``obj`` if it has every attribute in ``methods`` (duck typing), else a ``TypeError`` naming ``name``."""
    methods = tuple(methods)
    plain = isinstance(obj, (str, bytes, numbers.Number, dict, list, tuple, set, np.ndarray)) or obj is None
    missing = list(methods) if plain else [m for m in methods if not hasattr(obj, m)]
    if missing:
        listed = " and ".join([", ".join(methods[:-1]), methods[-1]] if len(methods) > 1 else methods)
        raise TypeError(f"{name} must have {listed}{' (like ' + like + ')' if like else ''}; "
                        f"got {_got(obj)}, which lacks {', '.join(missing)}")
    return obj


def as_labels(y, name: str, n: int | None = None, n_classes: int | None = None, *, ndim: int = 1) -> np.ndarray:
    """Class labels as int64: whole numbers ``0 .. n_classes - 1``, ``n`` of them along the first axis.

    ``n_classes=2`` is a binary task (labels 0 and 1 only). Shapes: ``(n,)`` (or ``ndim`` dimensions) -> same.
    """
    if isinstance(y, np.ndarray) and np.issubdtype(y.dtype, np.integer):  # the fast path: already whole numbers
        arr = y
        if arr.ndim != ndim or arr.shape[0] == 0:
            arr = as_float_array(y, name, ndim=ndim, nonempty=True)  # for its message
    else:
        arr = as_float_array(y, name, ndim=ndim, nonempty=True)
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name} must hold one label per row: {n} along its first axis, got shape {arr.shape}")
    labels = arr.astype(np.int64)
    if n_classes is not None and arr.dtype.kind in "iu" and arr.min() >= 0 and arr.max() < n_classes:
        return labels  # whole numbers already, all in range: two reductions instead of the checks below
    if n_classes == 2 and not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"{name} must hold only 0 and 1 (the two classes), got {np.unique(arr)[:6]}")
    top = "" if n_classes is None else f" .. {n_classes - 1}"
    wrong = (labels != arr) | (labels < 0) | (labels >= n_classes if n_classes is not None else False)
    if np.any(wrong):
        raise ValueError(f"{name} must hold whole class numbers 0{top}, got {np.unique(arr[wrong])[:5]}")
    return labels


def as_array_dict(value, name: str, *, like: dict | None = None, like_name: str = "params",
                  allow_nan: bool = False) -> dict:
    """A dict of float64 NumPy arrays (``params``, ``grads``); with ``like``, the same keys and shapes as it."""
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict of NumPy arrays (like model.params), got {_got(value)}")
    if like is not None and value.keys() != like.keys():
        raise ValueError(f"{name} must have the keys of {like_name}, {sorted(like)}, got {sorted(value)}")
    check_values = not allow_nan and not _INTERNAL.get()
    for key, arr in value.items():
        if not isinstance(arr, np.ndarray) or arr.dtype.kind != "f":
            raise TypeError(f"{name}[{key!r}] must be a NumPy array of floats (updated in place), got {_got(arr)}")
        if check_values and not all_finite(arr):
            as_float_array(arr, f"{name}[{key!r}]")  # raises, with its message
        if like is not None and arr.shape != like[key].shape:
            check_shape(arr, f"{name}[{key!r}]", like[key].shape, f"like {like_name}[{key!r}]")
    return value


def as_sizes(sizes) -> list[int]:
    """Layer sizes, input first: a list of at least two whole numbers >= 1, or a clear error."""
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes must be a list of layer sizes like [2, 4, 1], got {type(sizes).__name__} {sizes!r}")
    sizes = [as_positive_int(s, f"sizes[{i}]") for i, s in enumerate(sizes)]
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size, got {sizes}")
    return sizes


def as_interval(value, name: str) -> tuple[float, float]:
    """``(low, high)``: two finite numbers with ``low < high`` (an axis range, slider bounds), or a clear error."""
    if isinstance(value, (str, bytes, dict, set)) or not hasattr(value, "__len__"):
        raise TypeError(f"{name} must be two numbers (low, high), got {_got(value)}")
    low, high = check_shape(as_float_array(value, name), name, (2,), "(low, high)")
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got ({low:g}, {high:g})")
    return float(low), float(high)


def as_listed(value, name: str, options: Iterable):
    """``value`` if it equals one of ``options`` and is of the same kind (a number for numbers, not a bool)."""
    options = tuple(options)
    for option in options:
        same_kind = isinstance(value, (bool, np.bool_)) == isinstance(option, bool) and \
            isinstance(value, numbers.Real) == isinstance(option, numbers.Real)
        if same_kind and not isinstance(value, np.ndarray) and value == option:
            return value
    raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {_got(value)}")


def as_sequence(value, name: str, what: str = "values") -> tuple:
    """``value`` as a tuple if it is a list, tuple or array (of ``what``), else a ``TypeError`` naming ``name``."""
    if not isinstance(value, (list, tuple, np.ndarray)) or (isinstance(value, np.ndarray) and value.ndim == 0):
        raise TypeError(f"{name} must be a list or tuple of {what}, got {_got(value)}")
    return tuple(value)


def as_instances(value, name: str, cls: type, what: str) -> tuple:
    """``value`` (a list or tuple of ``what``) as a non-empty tuple of ``cls`` objects, or a ``TypeError`` /
    ``ValueError`` naming ``name`` (or ``name[i]``, the first item that is not a ``cls``)."""
    items = as_sequence(value, name, what)
    if not items:
        raise ValueError(f"{name} must hold at least one {cls.__name__}, got none")
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise TypeError(f"{name}[{i}] must be a {cls.__name__}, got {_got(item)}")
    return items


def as_instance(value, name: str, cls: type, what: str = ""):
    """``value`` if it is a ``cls``, else a ``TypeError`` naming ``name`` (``what``: how to describe a good one)."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be {what or 'a ' + cls.__name__}, got {_got(value)}")
    return value


def as_edges(value, name: str = "bins") -> np.ndarray:
    """Histogram edges: a 1-D array of at least two finite, strictly increasing numbers, shape ``(n_bins + 1,)``."""
    edges = as_float_array(value, name, ndim=1)
    if edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"{name} must be at least two increasing edges, got {edges}")
    return edges
