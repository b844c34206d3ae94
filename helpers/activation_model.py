"""The model of notebook 04's activation explorer: what its panels show, as plain functions of its controls.

:func:`explorer_state` gives the curves, the histogram and the photo for one setting; :func:`depth_state`
the gradient through a chain of L layers (``helpers.activation_chain``). The widget in
``helpers.activation_explorer`` only draws them; tests call these without a browser.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from helpers.activation_chain import chain_gradients, chain_summary
from helpers.activations import ACTIVATIONS, SELU_ALPHA, SELU_LAMBDA
from helpers.datasets import load_grace_hopper
from helpers.validation import (
    as_choice,
    as_edges,
    as_finite_float,
    as_float_array,
    as_interval,
    as_positive_float,
    as_positive_int,
    as_rng,
)

#: The explorer's parameter sliders: (label, min, max, step). Functions whose parameters share a name share a
#: slider, except SELU's constants: their sliders run on a grid through the paper's values, because a browser
#: snaps a slider's value to its grid (on the α slider's grid 1.6733 would become 1.67).
PARAMETERS = {"threshold": ("t (threshold)", -3.0, 3.0, 0.1), "alpha": ("α", 0.0, 3.0, 0.01),
              "selu_alpha": ("α (SELU)", SELU_ALPHA - 1.5, SELU_ALPHA + 1.3, 0.01),
              "lam": ("λ (SELU)", SELU_LAMBDA - 0.5, SELU_LAMBDA + 0.95, 0.01), "beta": ("β", 0.0, 5.0, 0.1),
              "slope": ("s (2nd piece)", -1.0, 1.0, 0.05), "other": ("c (other logit)", -5.0, 5.0, 0.1)}
PARAM_RANGES = {name: spec[1:] for name, spec in PARAMETERS.items()}
_OWN_SLIDER = {("selu", "alpha"): "selu_alpha"}


def slider_name(name: str, param: str) -> str:
    """The key in :data:`PARAMETERS` of the slider that moves ``param`` of the function ``name``."""
    params = check_name(name).params
    if not isinstance(param, str) or param not in params:
        raise ValueError(f"param must be a parameter of {name}: one of {', '.join(params) or 'none'}, got {param!r}")
    return _OWN_SLIDER.get((name, param), param)
#: The other controls: (min, max, step).
SHIFT, SCALE, WEIGHT = (-3.0, 3.0, 0.1), (0.1, 5.0, 0.1), (0.1, 3.0, 0.05)
MAX_DEPTH = 40
X_RANGE = (-6.0, 6.0)
N_BINS = 40
FLAT = 0.01  # |f'| below this counts as "gradient about 0"


def standard_samples(n: int = 5000, seed: int = 0) -> np.ndarray:
    """``n`` standard-normal samples, shape ``(n,)`` (fixed seed: the histogram does not flicker)."""
    return as_rng(seed, "seed").standard_normal(as_positive_int(n, "n"))


def standardised_photo() -> np.ndarray:
    """The course photo with mean 0 and standard deviation 1, shape ``(300, 256)``."""
    img = load_grace_hopper()
    return (img - img.mean()) / img.std()


def _slider_values(name: str) -> list[dict]:
    """Parameter settings spanning every slider of ``name`` (for axis limits that hold any slider position)."""
    act = ACTIVATIONS[name]
    if not act.params:
        return [{}]
    grids = np.meshgrid(*(np.linspace(*PARAM_RANGES[slider_name(name, p)][:2], 7) for p in act.params))
    return [dict(zip(act.params, combo, strict=True)) for combo in zip(*(g.ravel() for g in grids), strict=True)]


def output_limits(name: str, x_range=X_RANGE) -> tuple[tuple, tuple]:
    """``((f_lo, f_hi), (df_lo, df_hi))``: what ``f`` and ``f'`` reach on ``x_range`` over its sliders' ranges.

    Fixed per function, so moving a parameter slider never has to rescale the axes.
    """
    check_name(name)
    return _output_limits(name, as_interval(x_range, "x_range"))


@cache
def _output_limits(name: str, x_range: tuple) -> tuple[tuple, tuple]:
    act = ACTIVATIONS[name]
    x = np.linspace(*x_range, 601)
    settings = _slider_values(name)
    f = np.concatenate([np.asarray(act(x, **s)) for s in settings])
    df = np.concatenate([np.asarray(act.derivative(x, **s)) for s in settings])

    def pad(lo, hi):
        margin = 0.08 * max(hi - lo, 1e-3)
        return float(lo - margin), float(hi + margin)

    return pad(f.min(), f.max()), pad(min(df.min(), 0.0), max(df.max(), 1.0))


def explorer_state(name: str, params: dict | None = None, shift: float = 0.0, scale: float = 1.0, samples=None,
                   image=None, bins=None) -> dict:
    """Everything the four upper panels show for one setting of the controls.

    Args:
        name: a key of ``ACTIVATIONS``. params: its parameters by name (``{"alpha": 0.3}``; missing: default).
        shift, scale: the inputs are ``u = scale * data + shift``.
        samples: data for the histogram, shape ``(n,)`` (default :func:`standard_samples`).
        image: a 2-D array of standardised pixels, shape ``(H, W)`` (default :func:`standardised_photo`).
        bins: histogram edges, shape ``(n_bins + 1,)`` (default: ``N_BINS`` bins over :func:`output_limits`).

    Returns:
        a dict: ``x``, ``f``, ``df`` (the curves, shape ``(601,)``); ``band`` (1st and 99th percentile of
        the inputs); ``bins`` and ``heights`` (histogram of the outputs, tallest bin = 1, outputs outside the
        edges counted in the end bins); ``image`` (the photo through ``f``, shape ``(H, W)``); ``mean``,
        ``std`` (of the outputs); ``zero`` (fraction of outputs exactly 0); ``flat`` (fraction of inputs
        where ``|f'| < 0.01``: their gradient has all but vanished).
    """
    act = check_name(name)
    values = _values(act, params)
    shift, scale = as_finite_float(shift, "shift"), as_positive_float(scale, "scale")
    samples = standard_samples() if samples is None else as_float_array(samples, "samples", ndim=1, nonempty=True)
    image = standardised_photo() if image is None else as_float_array(image, "image", ndim=2, nonempty=True)
    if image.size == 0:
        raise ValueError(f"image must hold at least one pixel, got shape {image.shape}")
    bins = np.linspace(*output_limits(name)[0], N_BINS + 1) if bins is None else as_edges(bins, "bins")
    x = np.linspace(*X_RANGE, 601)
    u = scale * samples + shift
    y = np.asarray(act(u, *values))
    counts, _ = np.histogram(np.clip(y, bins[0], bins[-1]), bins=bins)
    return {
        "x": x, "f": np.asarray(act(x, *values)), "df": np.asarray(act.derivative(x, *values)),
        "band": tuple(np.percentile(u, [1, 99])), "bins": bins, "heights": counts / max(counts.max(), 1),
        "image": np.asarray(act(scale * image + shift, *values)),
        "mean": float(y.mean()), "std": float(y.std()), "zero": float(np.mean(y == 0)),
        "flat": float(np.mean(np.abs(np.asarray(act.derivative(u, *values))) < FLAT)),
    }


def depth_state(name: str, params: dict | None = None, shift: float = 0.0, scale: float = 1.0,
                weight: float = 1.0, samples=None, max_depth: int = MAX_DEPTH) -> dict:
    """The depth panel: the chain ``u_l = weight·f(u_{l-1})`` started from ``u_0 = scale·samples + shift``.

    Returns:
        ``layers`` (1 .. max_depth), and from :func:`helpers.activation_chain.chain_summary`: ``median``
        (median ``|d u_l / d u_0|`` over the inputs it still reaches) and ``zero`` (fraction exactly 0),
        each of shape ``(max_depth,)``.
    """
    act = check_name(name)
    values = _values(act, params)
    samples = standard_samples(200) if samples is None else as_float_array(samples, "samples", ndim=1, nonempty=True)
    u0 = as_positive_float(scale, "scale") * samples + as_finite_float(shift, "shift")
    max_depth = as_positive_int(max_depth, "max_depth")
    grads = chain_gradients(name, u0, weight, max_depth, *values)
    return {"layers": np.arange(1, max_depth + 1), **chain_summary(grads)}


def check_name(name: str, arg: str = "name"):
    """The registry entry of ``name``, or a ValueError listing the names (``arg``: how the caller calls it)."""
    return ACTIVATIONS[as_choice(name, arg, ACTIVATIONS)]


def _values(act, params) -> tuple:
    """The parameter values of ``act`` from the dict ``params`` (None: the defaults), or an error naming params."""
    if params is not None and not isinstance(params, dict):
        raise TypeError(f"params must be a dict of {act.name}'s parameters by name, or None, got {params!r}")
    try:
        return act.values(**(params or {}))
    except (TypeError, ValueError) as err:
        raise type(err)(f"params: {err}") from None



def in_range(value, bounds, name: str) -> float:
    """``value`` as a float within ``bounds = (lo, hi)`` (or a slider's ``(lo, hi, step)``), or a TypeError/ValueError
    naming ``name``."""
    value = as_finite_float(value, name)
    bounds = as_interval(bounds[:2] if isinstance(bounds, tuple) and len(bounds) == 3 else bounds, "bounds")
    if not bounds[0] <= value <= bounds[1]:
        raise ValueError(f"{name} must be between {bounds[0]} and {bounds[1]}, got {value}")
    return value
