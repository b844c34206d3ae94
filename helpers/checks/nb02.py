"""Self-checks of notebook 02, XOR and the multi-layer perceptron."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import report
from helpers.datasets import truth_table
from helpers.layers import BinaryCrossEntropy, mlp


def check_xor_network(W1, b1, W2, b2, hidden=("OR", "AND")) -> bool:
    """Exercise (notebook 02): weights of a 2-2-1 network of step perceptrons that computes XOR.

    ``s = step(x @ W1 + b1)`` with ``W1`` of shape (2, 2) (column j feeds hidden unit j) and ``b1`` (2,);
    ``y = step(s @ W2 + b2)`` with ``W2`` (2,) and ``b2`` a number; ``step(z) = 1 if z > 0 else 0``.
    ``hidden``: the two gates the hidden units must compute, in either order (the exercise asks for OR and
    AND, not section 1's NAND and OR); ``None`` accepts any hidden layer.
    """
    try:
        W1 = np.asarray(W1, dtype=float)
        b1 = np.asarray(b1, dtype=float)
        W2 = np.asarray(W2, dtype=float).reshape(-1)
        b2 = float(b2)
    except (TypeError, ValueError):
        return report(False, "", "W1, b1, W2 must be arrays of numbers and b2 a number.")
    if W1.shape != (2, 2) or b1.shape != (2,) or W2.shape != (2,):
        return report(False, "", f"shapes must be W1 (2, 2), b1 (2,), W2 (2,); got {W1.shape}, {b1.shape}, "
                                 f"{W2.shape}. Column j of W1 holds the two weights into hidden unit j.")
    X, y = truth_table("XOR")
    s = (X @ W1 + b1 > 0).astype(int)
    if hidden is not None:
        want = sorted(truth_table(gate)[1].tolist() for gate in hidden)
        if sorted(s.T.tolist()) != want:
            return report(False, "", f"the hidden units output {s.T.tolist()} on the rows (0,0), (0,1), (1,0), "
                                     f"(1,1); they should be {' and '.join(hidden)} (notebook 01's weights), "
                                     "one per column of W1.")
    y_hat = (s @ W2 + b2 > 0).astype(int)
    wrong = [f"({a}, {c}) -> {p}" for (a, c), p, t in zip(X, y_hat, y, strict=True) if p != t]
    return report(
        not wrong,
        f"hidden outputs s = {s.tolist()} are linearly separable, and the output unit separates them.",
        f"{4 - len(wrong)}/4 rows right; wrong: {', '.join(wrong)}. The hidden outputs are s = {s.tolist()}: "
        "on which of them must the output fire? Give a weight to each s that makes exactly those positive.",
    )


def check_smallest_circle_units(units) -> bool:
    """Exercise (notebook 02): the fewest hidden units (one hidden layer) that can separate ``circle``."""
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)):
        return report(False, "", f"answer with a whole number of hidden units, got {units!r}.")
    if units == 3:
        return report(True, "each hidden unit adds one line, and three lines are the fewest that can fence in "
                            "the inner disc (a rounded triangle).", "")
    if units < 3:
        return report(False, "", f"with {units} hidden unit(s) the class-1 region is unbounded: "
                                 f"{units} line(s) cannot fence in a disc. Train it in the cell above and look.")
    return report(False, "", f"{units} units work, but fewer also do: each unit is one line; how many lines "
                             "does it take to enclose a region?")


def check_xor_mlp_probability(probability) -> bool:
    """Debug exercise (notebook 02): ``probability(X, W1, b1, W2, b2)`` must be section 4's network,
    ``sigmoid(tanh(X @ W1 + b1) @ W2 + b2)``, for X (N, 2), W1 (2, h), b1 (h,), W2 (h, 1), b2 (1,) -> (N,).

    Compared on random weights with :func:`helpers.layers.mlp`; whatever the function does, no traceback.
    """
    rng = np.random.default_rng(2)
    X = rng.standard_normal((6, 2))
    model = mlp([2, 3, 1], "tanh", rng=3)
    for affine in (model.layers[0], model.layers[2]):  # non-zero biases, so a misplaced one shows
        affine.params["b"][...] = rng.uniform(-1, 1, affine.params["b"].shape)
    W1, b1 = model.layers[0].params["W"], model.layers[0].params["b"]
    W2, b2 = model.layers[2].params["W"], model.layers[2].params["b"]
    want = BinaryCrossEntropy.probability(model.forward(X)).ravel()
    try:
        got = np.asarray(probability(X.copy(), W1.copy(), b1.copy(), W2.copy(), b2.copy()), dtype=float)
    except Exception as error:  # the learner's code: report, never raise
        return report(False, "", f"calling it raised {type(error).__name__}: {error}")
    if got.shape != want.shape:
        return report(False, "", f"it should return one probability per row, shape {want.shape}; got {got.shape}.")
    if np.allclose(got, want):
        return report(True, "the bias goes inside tanh, and the sigmoid turns the score into p.", "")
    if np.any(got < 0) or np.any(got > 1):
        return report(False, "", "some outputs are outside [0, 1], so they are not probabilities yet: "
                                 "what turns a score into p?")
    return report(False, "", "the outputs are probabilities but not the network's: compare the hidden layer "
                             "with section 4's formula, term by term (where does b1 go?).")
