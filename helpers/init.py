"""Weight initialisation (가중치 초기화) — notebook 06.

Every initialiser has the same signature ``init(n_in, n_out, rng=None) -> W`` of shape ``(n_in, n_out)``
(the ``Affine`` layout: ``out = x @ W + b``), so they can be swapped in one place:

===================  ==========================================  ===================================
initialiser          distribution                                variance of each weight
===================  ==========================================  ===================================
``xavier_uniform``   U(-a, a), a = sqrt(6 / (n_in + n_out))       2 / (n_in + n_out)
``xavier_normal``    N(0, 2 / (n_in + n_out))                     2 / (n_in + n_out)
``he_uniform``       U(-a, a), a = sqrt(6 / n_in)                 2 / n_in
``he_normal``        N(0, 2 / n_in)                               2 / n_in
``normal``           N(0, std**2) (the naive choice, std fixed)   std**2
``zeros``            all 0 (the symmetry trap)                    0
===================  ==========================================  ===================================

Xavier (Glorot and Bengio, 2010) keeps the variance of the signal the same forwards (needs
``1/n_in``) and backwards (needs ``1/n_out``) for activations that are linear near 0 (tanh, sigmoid) and
takes the compromise ``2/(n_in + n_out)``. He (He et al., 2015) doubles ``1/n_in`` because ReLU zeroes
half of its inputs and so halves the second moment of the signal. PyTorch names them
``nn.init.xavier_uniform_``, ``xavier_normal_``, ``kaiming_uniform_``, ``kaiming_normal_``.
"""

from __future__ import annotations

import numpy as np

from helpers.validation import as_finite_float, as_positive_int, as_rng, require_methods


def _sizes(n_in, n_out) -> tuple[int, int]:
    return as_positive_int(n_in, "n_in"), as_positive_int(n_out, "n_out")


def xavier_variance(n_in: int, n_out: int) -> float:
    """The Xavier/Glorot variance ``2 / (n_in + n_out)``."""
    n_in, n_out = _sizes(n_in, n_out)
    return 2.0 / (n_in + n_out)


def he_variance(n_in: int) -> float:
    """The He/Kaiming variance ``2 / n_in`` (the number of outputs plays no part)."""
    return 2.0 / as_positive_int(n_in, "n_in")


def xavier_uniform(n_in: int, n_out: int, rng=None) -> np.ndarray:
    """Weights (n_in, n_out) from U(-a, a) with ``a = sqrt(6 / (n_in + n_out))`` (variance ``a**2 / 3``)."""
    n_in, n_out = _sizes(n_in, n_out)
    a = np.sqrt(3.0 * xavier_variance(n_in, n_out))
    return as_rng(rng, "rng").uniform(-a, a, size=(n_in, n_out))


def xavier_normal(n_in: int, n_out: int, rng=None) -> np.ndarray:
    """Weights (n_in, n_out) from N(0, 2 / (n_in + n_out))."""
    n_in, n_out = _sizes(n_in, n_out)
    return np.sqrt(xavier_variance(n_in, n_out)) * as_rng(rng, "rng").standard_normal((n_in, n_out))


def he_uniform(n_in: int, n_out: int, rng=None) -> np.ndarray:
    """Weights (n_in, n_out) from U(-a, a) with ``a = sqrt(6 / n_in)`` (variance ``2 / n_in``)."""
    n_in, n_out = _sizes(n_in, n_out)
    a = np.sqrt(3.0 * he_variance(n_in))
    return as_rng(rng, "rng").uniform(-a, a, size=(n_in, n_out))


def he_normal(n_in: int, n_out: int, rng=None) -> np.ndarray:
    """Weights (n_in, n_out) from N(0, 2 / n_in)."""
    n_in, n_out = _sizes(n_in, n_out)
    return np.sqrt(he_variance(n_in)) * as_rng(rng, "rng").standard_normal((n_in, n_out))


def normal(n_in: int, n_out: int, rng=None, *, std: float = 0.01) -> np.ndarray:
    """Weights (n_in, n_out) from N(0, std**2) with a fixed ``std`` whatever the layer's size (the naive way)."""
    n_in, n_out = _sizes(n_in, n_out)
    std = as_finite_float(std, "std", low=0.0)
    return std * as_rng(rng, "rng").standard_normal((n_in, n_out))


def zeros(n_in: int, n_out: int, rng=None) -> np.ndarray:
    """All-zero weights (n_in, n_out): every unit of a layer starts, and stays, the same. ``rng`` is not used."""
    n_in, n_out = _sizes(n_in, n_out)
    as_rng(rng, "rng")  # checked all the same, so a bad seed is caught here as anywhere
    return np.zeros((n_in, n_out))


def _std_one(n_in, n_out, rng=None):
    return normal(n_in, n_out, rng, std=1.0)


def _std_001(n_in, n_out, rng=None):
    return normal(n_in, n_out, rng, std=0.01)


#: The four schemes of the classic experiment, by the name the explorer's dropdown shows.
SCHEMES = {"std 1": _std_one, "std 0.01": _std_001, "xavier": xavier_normal, "he": he_normal}

#: Every initialiser by name.
INITIALISERS = {"xavier_uniform": xavier_uniform, "xavier_normal": xavier_normal, "he_uniform": he_uniform,
                "he_normal": he_normal, "normal": normal, "zeros": zeros, **SCHEMES}


def get_initialiser(init):
    """``init`` as a function ``(n_in, n_out, rng) -> W``: a name from ``INITIALISERS`` or a callable."""
    if callable(init):
        return init
    if not isinstance(init, str) or init not in INITIALISERS:
        raise ValueError(f"init must be one of {', '.join(map(repr, INITIALISERS))} or a function, got {init!r}")
    return INITIALISERS[init]


def initialise(model, init, rng=None):
    """Give every layer of ``model`` that has a ``"W"`` new weights from ``init`` and zero biases, in place.

    ``model`` is a ``Sequential`` (or anything with a ``layers`` list); returns ``model``.
    """
    require_methods(model, "model", ("forward", "backward"), "a Sequential")
    make = get_initialiser(init)
    rng = as_rng(rng, "rng")
    for layer in getattr(model, "layers", [model]):
        if "W" in getattr(layer, "params", {}):
            n_in, n_out = layer.params["W"].shape
            layer.params["W"][...] = make(n_in, n_out, rng)
            if "b" in layer.params:
                layer.params["b"][...] = 0.0
    return model
