"""Self-checks of notebook 08, the playground lab.

Each check trains what the learner proposes (a feature, a share-string, a hand-drawn data set) with the
lab's own code and reports what happened; whatever the answer is, it prints a hint instead of raising.
"""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import report
from helpers.layers import BinaryCrossEntropy, mlp
from helpers.optim import SGD
from helpers.playground.lab import as_state, trained
from helpers.playground.state import FEATURES
from helpers.train import Trainer

#: How the learner may spell a feature: its id, its label, or the label with * or ^2 (lower case, no spaces).
_SPELLINGS = {**{f: f for f in FEATURES}, **{label.replace(" ", "").lower(): f for f, label in FEATURES.items()},
              "x1*x2": "x1x2", "x1^2": "x1sq", "x2^2": "x2sq", "x1**2": "x1sq", "x2**2": "x2sq"}
#: The spiral recipe exercise: at most this many hidden neurons, this test accuracy, this many epochs.
RECIPE_NEURONS, RECIPE_ACCURACY, RECIPE_EPOCHS = 8, 0.95, 300


def _feature_id(answer) -> str | None:
    if not isinstance(answer, str):
        return None
    return _SPELLINGS.get(answer.replace(" ", "").lower())


def check_xor_feature(feature) -> bool:
    """Exercise (notebook 08): the one input feature with which a network with no hidden layer learns ``xor``.

    ``feature`` is a feature's id or label (``"x1sq"``, ``"x1²"``, ``"x1^2"``, ...). The check trains
    ``data=xor`` with that feature alone, no hidden layer, 100 epochs, and passes at >= 95 % test accuracy.
    """
    name = _feature_id(feature)
    if name is None:
        return report(False, "", f"answer with one feature as a string, one of {', '.join(FEATURES.values())}; "
                                 f"got {feature!r}.")
    accuracy = trained(f"data=xor&x={name}&net=&lr=0.03", 100).accuracy()[1]
    return report(
        accuracy >= 0.95,
        f"with {FEATURES[name]} alone and no hidden layer, {accuracy:.0%} of the test points are right: "
        "the class of an xor point is the sign of that one number.",
        f"with {FEATURES[name]} alone the network gets {accuracy:.0%} of the test points right. Look at the "
        "xor picture: which quadrants are blue (class 0), which orange? Which feature has one sign in the blue ones "
        "and the other sign in the orange ones?",
    )


def check_spiral_recipe(state) -> bool:
    """Exercise (notebook 08): a share-string that classifies ``spiral`` with few neurons.

    The state must keep the spiral as it is (``data=spiral``, no noise, at most half the points for training)
    and use at most :data:`RECIPE_NEURONS` hidden neurons in all; the check trains it for
    :data:`RECIPE_EPOCHS` epochs and passes at :data:`RECIPE_ACCURACY` test accuracy or more.
    """
    try:
        state = as_state(state)
    except (TypeError, ValueError) as error:
        return report(False, "", f"that is not a share-string the playground reads: {error}")
    if state.dataset != "spiral" or state.noise != 0 or state.train_percent > 50:
        return report(False, "", "keep the data as it is: data=spiral, noise 0, at most 50 % of it for training "
                                 f"(got data={state.dataset}, noise={state.noise:g}, train={state.train_percent}).")
    if sum(state.layers) > RECIPE_NEURONS:
        return report(False, "", f"use at most {RECIPE_NEURONS} hidden neurons in all; "
                                 f"net={','.join(map(str, state.layers))} has {sum(state.layers)}.")
    session = trained(state, RECIPE_EPOCHS)
    accuracy = session.accuracy()[1]
    return report(
        accuracy >= RECIPE_ACCURACY,
        f"{accuracy:.0%} of the test points right after {RECIPE_EPOCHS} epochs with {sum(state.layers)} "
        "hidden neurons.",
        f"{accuracy:.0%} of the test points right after {RECIPE_EPOCHS} epochs (the goal is "
        f"{RECIPE_ACCURACY:.0%}). Section 2 is the clue: which inputs would make the spiral easier to cut?",
    )


def check_dead_count(count_dead) -> bool:
    """Debug exercise (notebook 08): ``count_dead(hidden)`` -> how many neurons output 0 at every point.

    ``hidden`` is a list of arrays, one per hidden layer, of shape (G points, n_k neurons); compared with the
    right count on layers built with known dead columns. Whatever the function does, no traceback.
    """
    rng = np.random.default_rng(8)
    cases = []
    for dead_per_layer in ((1, 0, 2), (0, 0, 0), (3, 1, 0)):
        layers = []
        for n_dead in dead_per_layer:
            layer = np.maximum(rng.standard_normal((50, 5)), 0.0)  # ReLU outputs: many zeros, few whole columns
            layer[:, rng.permutation(5)[:n_dead]] = 0.0
            layer[0, [k for k in range(5) if not (layer[:, k] == 0).all()]] = 1.0  # no other column all zero
            layers.append(layer)
        cases.append((layers, sum(dead_per_layer)))
    for layers, want in cases:
        try:
            got = count_dead([layer.copy() for layer in layers])
        except Exception as error:  # the learner's code: report, never raise
            return report(False, "", f"calling it raised {type(error).__name__}: {error}")
        if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
            return report(False, "", f"return a whole number of neurons, got {got!r}.")
        if got != want:
            if got > want:
                why = ("it counts too many: a dead neuron is 0 at *every* point, not at some (all, not any), and it "
                       "is one column of its layer's array (G, n_k), counted once.")
            else:
                why = ("it counts too few: is every layer counted, and is each column of a layer's array (G, n_k) "
                       "checked over all its G points (the axis of the points)?")
            return report(False, "", f"for layers with {want} dead neurons in all it returned {got}: {why}")
    return report(True, "a neuron is dead when its whole column is 0: `(layer == 0).all(axis=0)`.", "")


#: Exercise 4's network, fixed whatever the learner's trainer shows: the canvas's 2-2-1 tanh network, plain SGD.
DEFEAT_NETWORK = {"features": ("x1", "x2"), "layers": (2,), "activation": "tanh", "lr": 0.3, "batch_size": 10}
DEFEAT_EPOCHS, DEFEAT_ACCURACY, DEFEAT_PER_CLASS, DEFEAT_GAP, DEFEAT_SEEDS = 300, 0.9, 10, 1.0, 5


def check_defeats_network(playground) -> bool:
    """Exercise (notebook 08): a hand-drawn data set that a 2-2-1 tanh network cannot fit.

    ``playground`` is the learner's trainer (or its share-string). Its points must hold two classes with at
    least :data:`DEFEAT_PER_CLASS` points each, points of different classes at least :data:`DEFEAT_GAP`
    apart; :data:`DEFEAT_NETWORK` is trained on all of them for :data:`DEFEAT_EPOCHS` epochs from each of
    :data:`DEFEAT_SEEDS` starting weights and, even at its best, must get fewer than :data:`DEFEAT_ACCURACY`
    of them right (one start that fails to train does not count as a defeat).
    """
    try:
        state = as_state(getattr(playground, "state", playground))
    except (TypeError, ValueError) as error:
        return report(False, "", f"pass your trainer (canvas) or its share-string: {error}")
    if state.dataset != "custom" or not state.points:
        return report(False, "", "draw your own points first: click on the large map of the canvas trainer, or "
                                 "call canvas.set_data(X, y).")
    points = np.array(state.points, dtype=float)
    X, y = points[:, :2], points[:, 2].astype(int)
    counts = np.bincount(y)
    if len(counts) != 2 or counts.min() < DEFEAT_PER_CLASS:
        return report(False, "", f"use two classes with at least {DEFEAT_PER_CLASS} points each; you have "
                                 f"{', '.join(f'{n} of class {k}' for k, n in enumerate(counts))}.")
    gap = float(np.min(np.linalg.norm(X[y == 0][:, None, :] - X[y == 1][None, :, :], axis=-1)))
    if gap < DEFEAT_GAP:
        return report(False, "", f"two points of different classes are only {gap:.2f} apart: keep the classes at "
                                 f"least {DEFEAT_GAP:g} apart (overlapping classes defeat every network).")
    accuracy = max(_fitted_share(X, y, seed) for seed in range(DEFEAT_SEEDS))
    return report(
        accuracy < DEFEAT_ACCURACY,
        f"after {DEFEAT_EPOCHS} epochs, from the best of {DEFEAT_SEEDS} starts, the two-neuron network gets only "
        f"{accuracy:.0%} of your points right: two lines are not enough for your data.",
        f"from its best of {DEFEAT_SEEDS} starts the two-neuron network gets {accuracy:.0%} of your points right "
        f"(it must stay under "
        f"{DEFEAT_ACCURACY:.0%}). Two hidden neurons draw two lines: what shape cannot be cut out with two lines?",
    )


def _fitted_share(X: np.ndarray, y: np.ndarray, seed: int) -> float:
    """The share of the points ``(X, y)`` that :data:`DEFEAT_NETWORK`, trained on all of them from ``seed``,
    gets right."""
    net = DEFEAT_NETWORK
    model = mlp([len(net["features"]), *net["layers"], 1], net["activation"], rng=seed)  # "lecun" weights
    trainer = Trainer(model, BinaryCrossEntropy(), SGD(net["lr"]), X, y.astype(float), batch_size=net["batch_size"],
                      seed=seed)
    with np.errstate(all="ignore"):
        trainer.fit(DEFEAT_EPOCHS)
    return trainer.accuracy()
