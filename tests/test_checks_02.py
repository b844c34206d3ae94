"""Notebook 02's self-checks: the worked solutions pass, wrong answers get a hint, bad input no traceback."""

import numpy as np

from helpers.checks import check_smallest_circle_units, check_xor_mlp_probability, check_xor_network
from helpers.datasets import circle
from helpers.gates import GATE_WEIGHTS
from helpers.layers import BinaryCrossEntropy, mlp
from helpers.optim import SGD
from helpers.train import Trainer


def test_xor_network_solution_passes(capsys):
    """The exercise's hidden layer is OR and AND; the output fires when OR is on and AND is off."""
    assert check_xor_network([[0.5, 0.5], [0.5, 0.5]], [-0.2, -0.7], [1, -1], -0.5)
    assert check_xor_network([[0.5, 0.5], [0.5, 0.5]], [-0.7, -0.2], [-1, 1], -0.5)  # either order
    assert "✅" in capsys.readouterr().out


def test_xor_network_other_hidden_layers_pass_only_when_any_is_allowed(capsys):
    (n1, n2), nb = GATE_WEIGHTS["NAND"]
    (o1, o2), ob = GATE_WEIGHTS["OR"]
    (a1, a2), ab = GATE_WEIGHTS["AND"]
    section_1 = ([[n1, o1], [n2, o2]], [nb, ob], [a1, a2], ab)
    assert not check_xor_network(*section_1)
    assert "should be OR and AND" in capsys.readouterr().out
    assert check_xor_network(*section_1, hidden=None)
    assert check_xor_network(*section_1, hidden=("NAND", "OR"))


def test_xor_network_wrong_answers_get_a_hint(capsys):
    assert not check_xor_network(np.zeros((2, 2)), [0, 0], [0, 0], 0)
    assert "should be OR and AND" in capsys.readouterr().out
    assert not check_xor_network([[0.5, 0.5], [0.5, 0.5]], [-0.2, -0.7], [0.5, 0.5], -0.7)
    assert "on which of them must the output fire" in capsys.readouterr().out
    assert not check_xor_network([1, 1], [0, 0], [1, 1], 0)
    assert "shapes must be" in capsys.readouterr().out
    assert not check_xor_network("weights", [0, 0], [1, 1], 0)
    assert "arrays of numbers" in capsys.readouterr().out


def test_smallest_circle_units(capsys):
    assert check_smallest_circle_units(3)
    assert not check_smallest_circle_units(2) and "unbounded" in capsys.readouterr().out
    assert not check_smallest_circle_units(8) and "fewer" in capsys.readouterr().out
    assert not check_smallest_circle_units("3") and "whole number" in capsys.readouterr().out


def test_smallest_circle_units_answer_is_what_training_shows():
    """The answer 3 of exercise 2: of 8 starts, no 2-unit network gets every point; a 3-unit one does."""
    X, y = circle(200, 0.0, seed=2)
    best = {}
    for units in (2, 3):
        runs = [Trainer(mlp([2, units, 1], "tanh", rng=s), BinaryCrossEntropy(), SGD(lr=2.0), X, y) for s in range(8)]
        best[units] = max(run.fit(500) and run.accuracy() for run in runs)
    assert best[2] < 1.0 and best[3] == 1.0


def _sigmoid(s):
    return 1 / (1 + np.exp(-s))


def test_xor_mlp_probability_solution_passes(capsys):
    assert check_xor_mlp_probability(lambda X, W1, b1, W2, b2: _sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2).ravel())
    assert "✅" in capsys.readouterr().out


def test_xor_mlp_probability_bugs_get_a_hint_never_a_traceback(capsys):
    # the notebook's broken version: bias after tanh, no sigmoid
    assert not check_xor_mlp_probability(lambda X, W1, b1, W2, b2: (np.tanh(X @ W1) + b1) @ W2 + b2)
    assert "shape" in capsys.readouterr().out
    assert not check_xor_mlp_probability(lambda X, W1, b1, W2, b2: ((np.tanh(X @ W1) + b1) @ W2 + b2).ravel())
    assert "what turns a score into p" in capsys.readouterr().out
    assert not check_xor_mlp_probability(lambda X, W1, b1, W2, b2: _sigmoid((np.tanh(X @ W1) + b1) @ W2 + b2).ravel())
    assert "where does b1 go" in capsys.readouterr().out
    assert not check_xor_mlp_probability(lambda X, W1, b1, W2, b2: W1 @ X)
    assert "raised ValueError" in capsys.readouterr().out
    assert not check_xor_mlp_probability("not a function")
    assert "raised TypeError" in capsys.readouterr().out
