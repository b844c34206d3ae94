"""The measurements of the capstone lab (notebook 08): train a playground's state without a widget and
read off what an experiment asks about.

Each experiment of the lab is a share-string (the same one the live trainer loads); these functions
train it for a number of epochs, for one or several seeds of the starting weights, and return plain
numbers, so that a notebook cell can assert what the learner should observe.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from helpers.playground.data import DOMAIN
from helpers.playground.picture import grid_points
from helpers.playground.session import Session
from helpers.playground.state import PlaygroundState
from helpers.validation import as_int, as_positive_int

#: The points where :func:`dead_neurons` looks at every neuron: a 60 × 60 grid over the whole plane.
PLANE = grid_points(DOMAIN)


def as_state(state) -> PlaygroundState:
    """``state`` (a share-string or a :class:`PlaygroundState`) as a :class:`PlaygroundState`."""
    if isinstance(state, PlaygroundState):
        return state
    return PlaygroundState.from_string(state)


def trained(state, epochs: int, *, seed: int | None = None) -> Session:
    """A :class:`Session` of ``state`` after ``epochs`` epochs (fewer if the state's ``stop_epoch`` comes
    first); ``seed`` replaces the state's seed of the starting weights."""
    state = as_state(state)
    if seed is not None:
        state = state.replace(seed=seed)
    session = Session(state)
    with np.errstate(all="ignore"):  # a too-large learning rate shows as a non-finite loss, not a warning
        session.train(as_positive_int(epochs, "epochs"))
    return session


def dead_per_layer(session: Session) -> list[int]:
    """How many neurons of each hidden layer (input side first) output exactly 0 everywhere on the plane.

    Such a dead ReLU passes no gradient to its own weights, so training cannot move them; one in the first
    layer stays dead for good, one deeper only comes back if the layers below it change what it receives.
    """
    if not isinstance(session, Session):
        raise TypeError(f"session must be a playground Session, got {type(session).__name__}")
    hidden = session.node_outputs(PLANE)[1:-1]  # (G, n_k) per hidden layer
    return [int((layer == 0).all(axis=0).sum()) for layer in hidden]


def dead_neurons(session: Session) -> int:
    """How many hidden neurons in all output exactly 0 everywhere on the plane (see :func:`dead_per_layer`)."""
    return sum(dead_per_layer(session))


def over_seeds(state, epochs: int, seeds, measure) -> np.ndarray:
    """``measure(session)`` for ``state`` trained ``epochs`` epochs from each of ``seeds`` (a list or a range of
    whole numbers >= 0): shape (len(seeds),), or (len(seeds), k) for a ``measure`` that returns k numbers."""
    if isinstance(seeds, (str, bytes, dict)) or not isinstance(seeds, Iterable):
        raise TypeError(f"seeds must be a list or range of seeds (whole numbers >= 0), got {type(seeds).__name__} "
                        f"{seeds!r}")
    seeds = [as_int(seed, f"seeds[{k}]", low=0) for k, seed in enumerate(seeds)]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, got none")
    if not callable(measure):
        raise TypeError(f"measure must be a function of a Session, got {type(measure).__name__}")
    return np.array([measure(trained(state, epochs, seed=seed)) for seed in seeds], dtype=float)
