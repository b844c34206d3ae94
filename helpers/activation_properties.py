"""Properties of the activation functions, measured by code rather than asserted — notebook 04.

Each property is tested numerically on the 1-D view of an activation (``ACTIVATIONS[name](x, value)``):

- continuous: no jump, ``|f(p + ε) - f(p - ε)|`` tiny at every probe point (kinks and thresholds included);
- differentiable: the left and right difference quotients agree at every probe point;
- monotonic: the values never decrease along a fine grid;
- bounded: the values on [-1e4, 1e4] reach no further than on [-100, 100] (the range is reported);
- zero-centred: the mean output for standard-normal inputs, ``E[f(Z)]``, is 0 (computed by quadrature);
- saturates: the derivative vanishes far out on the left (``x = -50``), the right (``x = 50``) or both.

A numerical test can only probe finitely many points; the probes include every kink of these functions.
"""

from __future__ import annotations

import html

import numpy as np

from helpers.activations import ACTIVATIONS

_FINE = np.linspace(-20.0, 20.0, 40_001)
_PROBES = np.concatenate([np.linspace(-10.0, 10.0, 201), [0.0]])
_Z = np.linspace(-12.0, 12.0, 48_001)
_PDF = np.exp(-_Z**2 / 2) / np.sqrt(2 * np.pi)

#: The columns of the table, in order: key -> heading.
COLUMNS = {"name": "function", "continuous": "continuous", "differentiable": "differentiable",
           "monotonic": "monotonic", "range": "range (bounded?)", "mean": "E[f(Z)], Z~N(0,1)",
           "zero_centred": "zero-centred", "saturates": "saturates"}


def _extent(f, side: str) -> float:
    """The infimum (``side="min"``) or supremum of ``f``: finite if it stops growing beyond |x| = 100."""
    pick = np.min if side == "min" else np.max
    near = pick(f(np.linspace(-100, 100, 20_001)))
    far = pick([near, pick(f(np.linspace(-1e4, 1e4, 20_001)))])
    if abs(far - near) > 1e-6 * max(1.0, abs(near)):
        return -np.inf if side == "min" else np.inf
    return float(far)


def properties(name: str, value=None) -> dict:
    """Measure the properties of ``ACTIVATIONS[name]`` at parameter ``value`` (its default if ``None``).

    Returns:
        a dict with the keys of :data:`COLUMNS`: ``continuous``, ``differentiable``, ``monotonic``,
        ``bounded``, ``zero_centred`` (bool); ``low``, ``high`` (the range, ±inf when unbounded), ``range``
        (as text), ``mean`` (``E[f(Z)]``), ``saturates`` (``"both"``, ``"left"``, ``"right"`` or ``"no"``).
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"name must be one of {', '.join(ACTIVATIONS)}, got {name!r}")
    act = ACTIVATIONS[name]

    def f(x):
        return np.asarray(act(x, value))

    probes = _PROBES
    if act.param == "threshold":
        probes = np.append(probes, act.default if value is None else value)
    eps, h = 1e-9, 1e-6
    continuous = bool(np.all(np.abs(f(probes + eps) - f(probes - eps)) < 1e-6))
    left, right = (f(probes) - f(probes - h)) / h, (f(probes + h) - f(probes)) / h
    differentiable = continuous and bool(np.all(np.abs(left - right) < 1e-3))
    monotonic = bool(np.all(np.diff(f(_FINE)) >= 0) or np.all(np.diff(f(_FINE)) <= 0))
    low, high = _extent(f, "min"), _extent(f, "max")
    mean = float(np.sum(f(_Z) * _PDF) * (_Z[1] - _Z[0]))
    flat_left, flat_right = (abs(float(act.derivative(x, value))) < 1e-6 for x in (-50.0, 50.0))
    saturates = {(True, True): "both", (True, False): "left", (False, True): "right", (False, False): "no"}
    return {
        "name": name, "continuous": continuous, "differentiable": differentiable, "monotonic": monotonic,
        "bounded": bool(np.isfinite(low) and np.isfinite(high)), "low": low, "high": high,
        "range": f"{_num(low)} to {_num(high)}", "mean": mean, "zero_centred": abs(mean) < 1e-3,
        "saturates": saturates[(flat_left, flat_right)],
    }


def _num(v: float) -> str:
    return "∞" if v == np.inf else "-∞" if v == -np.inf else f"{v:.3g}"


def properties_table(names=None) -> list[dict]:
    """:func:`properties` of each activation (all twelve by default), at its default parameter."""
    return [properties(n) for n in (names or ACTIVATIONS)]


def properties_html(rows: list[dict]) -> str:
    """The table as HTML, ✓/✗ for the yes/no columns (display it with ``IPython.display.HTML``)."""
    def cell(key, v):
        if isinstance(v, bool):
            return f"<td style='color:{'#1a7f37' if v else '#cf222e'}'>{'✓' if v else '✗'}</td>"
        return f"<td>{html.escape(f'{v:+.3f}' if key == 'mean' else str(v))}</td>"

    head = "".join(f"<th>{html.escape(h)}</th>" for h in COLUMNS.values())
    body = "".join("<tr>" + "".join(cell(k, r[k]) for k in COLUMNS) + "</tr>" for r in rows)
    return f"<table style='text-align:center'><tr>{head}</tr>{body}</table>"
