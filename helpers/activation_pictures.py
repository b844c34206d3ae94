"""Pictures of notebook 04: an activation function and its derivative. Takes ``ax=None`` (a new figure) and
returns what it drew.
"""

from __future__ import annotations

import numpy as np

from helpers.activations import ACTIVATIONS
from helpers.picture_basics import axes_or_new
from helpers.validation import as_bool, as_choice, as_interval


def plot_activation(name: str, value=None, ax=None, x_range=(-5.0, 5.0), legend: bool = True):
    """Draw an activation (solid) and its derivative (dashed) from ``helpers.activations.ACTIVATIONS``.

    Args:
        name: a registry key, e.g. ``"relu"``. value: its (first) parameter (``None``: the default).
        x_range: the inputs shown, ``(lo, hi)``.

    Returns:
        ``{"f": Line2D, "df": Line2D}``.
    """
    act = ACTIVATIONS[as_choice(name, "name", ACTIVATIONS)]
    try:
        act.values(value)
    except (TypeError, ValueError) as err:
        raise type(err)(f"value: {err}") from None
    x = np.linspace(*as_interval(x_range, "x_range"), 801)
    legend = as_bool(legend, "legend")
    ax = axes_or_new(ax, figsize=(4.5, 3.2))
    f, df = np.asarray(act(x, value)), np.asarray(act.derivative(x, value))
    if name == "step":  # break the vertical line at the jump
        jump = np.argmax(f > 0.5)
        f = np.insert(f, jump, np.nan)
        df = np.insert(df, jump, np.nan)
        x = np.insert(x, jump, np.nan)
    (line_f,) = ax.plot(x, f, color="#0072B2", lw=2, label="f(x)")
    (line_df,) = ax.plot(x, df, color="#D55E00", lw=2, ls="--", label="f'(x)")
    param = ", ".join(f"{p}={v:g}" for p, v in zip(act.params, act.values(value), strict=True))
    param = f" ({param})" if param else ""
    ax.set(title=f"{name}{param}", xlabel="x")
    ax.axhline(0, color="gray", lw=0.8)
    ax.axvline(0, color="gray", lw=0.8)
    if legend:
        ax.legend(loc="upper left", fontsize=9)
    return {"f": line_f, "df": line_df}
