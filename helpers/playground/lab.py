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
from helpers.train_together import fit_together
from helpers.validation import as_instances, as_int, as_positive_int, as_sequence

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


def trained_seeds(state, epochs: int, seeds) -> list[Session]:
    """A :class:`Session` of ``state`` from each of ``seeds`` (a list or a range of whole numbers >= 0), each after
    ``epochs`` epochs: what ``[trained(state, epochs, seed=s) for s in seeds]`` gives, to the last bit, but trained
    together (see :func:`train_together`)."""
    state = as_state(state)
    return trained_together([state.replace(seed=seed) for seed in _as_seeds(seeds)], epochs)


def trained_together(states, epochs: int) -> list[Session]:
    """A :class:`Session` of each of ``states`` (share-strings or :class:`PlaygroundState`) after ``epochs`` epochs:
    what ``[trained(state, epochs) for state in states]`` gives, to the last bit, but trained together (see
    :func:`train_together`)."""
    states = as_sequence(states, "states", "share-strings or PlaygroundStates")
    if not states:
        raise ValueError("states must hold at least one share-string or PlaygroundState, got none")
    for i, state in enumerate(states):
        if not isinstance(state, (str, PlaygroundState)):
            raise TypeError(f"states[{i}] must be a share-string or a PlaygroundState, got {type(state).__name__}")
    sessions = [Session(as_state(state)) for state in states]
    _train_together(sessions, epochs, "states")
    return sessions


def train_together(sessions, epochs: int) -> int:
    """Train every session of ``sessions`` ``epochs`` more epochs at once, to the last bit what
    ``session.train(epochs)`` does to each (:func:`helpers.train_together.fit_together`: one NumPy call per step
    serves them all); return how many epochs ran (never past the sessions' ``stop_epoch``).

    The sessions may differ in their numbers (seeds, starting weights, data), not in what decides the operations:
    the network's sizes and activation, the data's sizes and batch size, the optimiser and its settings (learning
    rate, weight penalty). Other sessions are refused before any trains.
    """
    return _train_together(as_instances(sessions, "sessions", Session, "playground Sessions"), epochs, "sessions")


def _train_together(sessions: list, epochs: int, name: str) -> int:
    """:func:`train_together` of checked sessions; errors name ``name`` (``sessions`` or the ``states`` they are of)."""
    counts = [session.epochs_to_train(epochs) for session in sessions]
    if len(set(counts)) > 1:
        raise ValueError(f"{name} must all have {counts[0]} epochs left before their stop epoch, like {name}[0], "
                         f"got {counts}")
    if counts[0]:
        try:
            with np.errstate(all="ignore"):  # a too-large learning rate shows as a non-finite loss, not a warning
                fit_together([session.trainer for session in sessions], counts[0])
        except ValueError as error:  # its message names trainers[i]: the i-th session's
            raise ValueError(f"{name} must differ only in their numbers (seeds, starting weights, data): "
                             f"{str(error).replace('trainers[', name + '[')}") from None
    return counts[0]


def over_seeds(state, epochs: int, seeds, measure) -> np.ndarray:
    """``measure(session)`` for ``state`` trained ``epochs`` epochs from each of ``seeds`` (a list or a range of
    whole numbers >= 0; see :func:`trained_seeds`): shape (len(seeds),), or (len(seeds), k) for a ``measure``
    that returns k numbers."""
    seeds = _as_seeds(seeds)
    if not callable(measure):
        raise TypeError(f"measure must be a function of a Session, got {type(measure).__name__}")
    return np.array([measure(session) for session in trained_seeds(state, epochs, seeds)], dtype=float)


def _as_seeds(seeds) -> list[int]:
    """``seeds`` as a non-empty list of whole numbers >= 0, or a clear error naming ``seeds``."""
    if isinstance(seeds, (str, bytes, dict)) or not isinstance(seeds, Iterable):
        raise TypeError(f"seeds must be a list or range of seeds (whole numbers >= 0), got {type(seeds).__name__} "
                        f"{seeds!r}")
    seeds = [as_int(seed, f"seeds[{k}]", low=0) for k, seed in enumerate(seeds)]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, got none")
    return seeds
