"""Properties of the activation functions, measured by code rather than asserted — notebook 04.

Seed 003 lists five properties of "an activation function": 1 continuity (연속성), 2 nonlinearity
(비선형성), 3 monotonic increase (단조증가), 4 boundedness (bounded), 5 asymptotic behaviour (점근성).
Each is tested numerically on the 1-D view of an activation (``ACTIVATIONS[name](x, ...)``), with two more:

1. continuous: no jump, ``|f(p + ε) - f(p - ε)|`` tiny at every probe point (kinks and thresholds included);
2. nonlinear: the values on a fine grid are not those of any straight line ``a·x + b``;
3. increasing: the values never decrease along a fine grid;
4. bounded: the values on [-1e4, 1e4] reach no further than on [-100, 100] (the range is reported);
5. limits at ±∞ (where the values settle, or ±∞) and saturates: the derivative vanishes far out on the left
   (``x = -50``), the right (``x = 50``) or both;
- differentiable: the left and right difference quotients agree at every probe point;
- zero-centred: the mean output for standard-normal inputs, ``E[f(Z)]``, is 0 (computed by quadrature).

A numerical test can only probe finitely many points; the probes include every kink of these functions.
"""

from __future__ import annotations

import html

import numpy as np

from helpers.activations import ACTIVATIONS
from helpers.validation import as_choice, as_finite_float, as_sequence

_FINE = np.linspace(-20.0, 20.0, 40_001)
_PROBES = np.concatenate([np.linspace(-10.0, 10.0, 201), [0.0]])
_Z = np.linspace(-12.0, 12.0, 48_001)
_PDF = np.exp(-_Z**2 / 2) / np.sqrt(2 * np.pi)

#: The columns of the table, in order: key -> heading (numbered as seed 003 numbers its five properties).
COLUMNS = {"name": "function", "continuous": "1 continuous", "nonlinear": "2 nonlinear",
           "increasing": "3 monotonic increasing", "range": "4 range (bounded?)", "limits": "5 limits at -∞, +∞",
           "saturates": "saturates", "differentiable": "differentiable", "mean": "E[f(Z)], Z~N(0,1)",
           "zero_centred": "zero-centred"}


def _activation(name: str, arg: str = "name"):
    return ACTIVATIONS[as_choice(name, arg, ACTIVATIONS)]


def mean_output(name: str, std: float = 1.0, *values, **named) -> float:
    """``E[f(std · Z)]`` for ``Z ~ N(0, 1)``, by quadrature: the mean output for centred inputs of spread ``std``.

    ``values`` / ``named``: the function's parameters, as for ``ACTIVATIONS[name]`` (defaults if left out).
    """
    act = _activation(name)
    std = as_finite_float(std, "std")
    if std <= 0:
        raise ValueError(f"std must be positive, got {std}")
    return float(np.sum(np.asarray(act(std * _Z, *values, **named)) * _PDF) * (_Z[1] - _Z[0]))


def _limit(f, side: int) -> float:
    """Where ``f`` settles as x -> side·∞ (side = -1 or +1), or ±∞ if it is still moving at |x| = 1e4."""
    near, far = float(f(np.array([side * 100.0]))[0]), float(f(np.array([side * 1e4]))[0])
    if abs(far - near) > 1e-6 * max(1.0, abs(near)):
        return float(np.sign(far - near)) * np.inf
    return far + 0.0  # + 0.0 turns -0.0 into 0.0


def _extent(f, side: str) -> float:
    """The infimum (``side="min"``) or supremum of ``f``: finite if it stops growing beyond |x| = 100."""
    pick = np.min if side == "min" else np.max
    near = pick(f(np.linspace(-100, 100, 20_001)))
    far = pick([near, pick(f(np.linspace(-1e4, 1e4, 20_001)))])
    if abs(far - near) > 1e-6 * max(1.0, abs(near)):
        return -np.inf if side == "min" else np.inf
    return float(far)


def properties(name: str, *values, **named) -> dict:
    """Measure the properties of ``ACTIVATIONS[name]`` at the given parameters (its defaults if none).

    Returns:
        a dict with the keys of :data:`COLUMNS`: ``continuous``, ``nonlinear``, ``increasing``, ``bounded``,
        ``differentiable``, ``zero_centred`` (bool); ``low``, ``high`` (the range, ±inf when unbounded),
        ``range`` (as text); ``left``, ``right`` (the limits at -∞ and +∞) and ``limits`` (as text);
        ``saturates`` (``"both"``, ``"left"``, ``"right"`` or ``"no"``); ``mean`` (``E[f(Z)]``).
    """
    act = _activation(name)
    params = act.values(*values, **named)

    def f(x):
        return np.asarray(act(x, *params))

    probes = _PROBES if act.name != "step" else np.append(_PROBES, params[0])
    eps, h = 1e-9, 1e-6
    continuous = bool(np.all(np.abs(f(probes + eps) - f(probes - eps)) < 1e-6))
    left, right = (f(probes) - f(probes - h)) / h, (f(probes + h) - f(probes)) / h
    differentiable = continuous and bool(np.all(np.abs(left - right) < 1e-3))
    fine = f(_FINE)
    line = np.polyval(np.polyfit(_FINE, fine, 1), _FINE)
    nonlinear = bool(np.max(np.abs(fine - line)) > 1e-6 * max(1.0, np.max(np.abs(fine))))
    low, high = _extent(f, "min"), _extent(f, "max")
    lim_left, lim_right = _limit(f, -1), _limit(f, +1)
    mean = mean_output(name, 1.0, *params)
    flat_left, flat_right = (abs(float(act.derivative(x, *params))) < 1e-6 for x in (-50.0, 50.0))
    saturates = {(True, True): "both", (True, False): "left", (False, True): "right", (False, False): "no"}
    return {
        "name": name, "continuous": continuous, "nonlinear": nonlinear, "increasing": bool(np.all(np.diff(fine) >= 0)),
        "differentiable": differentiable, "bounded": bool(np.isfinite(low) and np.isfinite(high)), "low": low,
        "high": high, "range": f"{_num(low)} to {_num(high)}", "left": lim_left, "right": lim_right,
        "limits": f"{_num(lim_left)}, {_num(lim_right)}", "mean": mean, "zero_centred": abs(mean) < 1e-3,
        "saturates": saturates[(flat_left, flat_right)],
    }


def _num(v: float) -> str:
    return "∞" if v == np.inf else "-∞" if v == -np.inf else f"{v:.3g}"


def properties_table(names=None) -> list[dict]:
    """:func:`properties` of each activation (all twelve by default), at its default parameter."""
    names = tuple(ACTIVATIONS) if names is None else as_sequence(names, "names", "activation names")
    for i, n in enumerate(names):
        _activation(n, f"names[{i}]")
    return [properties(n) for n in names]


def properties_html(rows: list[dict]) -> str:
    """The table as HTML, ✓/✗ for the yes/no columns (display it with ``IPython.display.HTML``)."""
    def cell(key, v):
        if isinstance(v, bool):
            return f"<td style='color:{'#1a7f37' if v else '#cf222e'}'>{'✓' if v else '✗'}</td>"
        return f"<td>{html.escape(f'{v:+.3f}' if key == 'mean' else str(v))}</td>"

    for i, row in enumerate(as_sequence(rows, "rows", "the dicts properties() returns")):
        if not isinstance(row, dict) or not set(COLUMNS) <= set(row):
            raise ValueError(f"rows[{i}] must be a dict like properties() returns, with the keys {list(COLUMNS)}")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in COLUMNS.values())
    body = "".join("<tr>" + "".join(cell(k, r[k]) for k in COLUMNS) + "</tr>" for r in rows)
    return f"<table style='text-align:center'><tr>{head}</tr>{body}</table>"
