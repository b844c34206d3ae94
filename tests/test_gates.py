"""Notebook 01's facts: the lecture's gates, the perceptron, and the perceptron learning rule."""

import numpy as np
import pytest

from helpers.datasets import GATE_INPUTS, truth_table
from helpers.gates import AND, GATE_WEIGHTS, NAND, OR, XOR, Perceptron, evaluate_gate, perceptron, weighted_sum

GATES = {"AND": AND, "NAND": NAND, "OR": OR, "XOR": XOR}


@pytest.mark.parametrize("name", GATES)
def test_each_gate_matches_its_truth_table_row_by_row(name):
    _, y = truth_table(name)
    assert [GATES[name](x1, x2) for x1, x2 in GATE_INPUTS] == list(y)


@pytest.mark.parametrize("name", GATES)
def test_gates_work_elementwise_on_arrays(name):
    _, y = truth_table(name)
    out = GATES[name](GATE_INPUTS[:, 0], GATE_INPUTS[:, 1])
    assert out.dtype.kind == "i" and out.tolist() == y.tolist()
    assert GATES[name](GATE_INPUTS[:, :1], GATE_INPUTS[:, 1:]).shape == (4, 1)


def test_a_gate_on_scalars_returns_a_plain_int():
    assert type(AND(1, 1)) is int and AND(1, 1) == 1


def test_gates_use_the_lecture_weights():
    assert GATE_WEIGHTS == {"AND": ((0.5, 0.5), -0.7), "NAND": ((-0.5, -0.5), 0.7), "OR": ((0.5, 0.5), -0.2)}


def test_lecture_weighted_sums_of_the_and_gate():
    report = evaluate_gate((0.5, 0.5), -0.7, "AND")
    np.testing.assert_allclose(report.z, [-0.7, -0.2, -0.2, 0.3])
    assert report.n_correct == 4


def test_xor_is_and_of_nand_and_or_the_hidden_values():
    s1, s2 = NAND(GATE_INPUTS[:, 0], GATE_INPUTS[:, 1]), OR(GATE_INPUTS[:, 0], GATE_INPUTS[:, 1])
    assert s1.tolist() == [1, 1, 1, 0] and s2.tolist() == [0, 1, 1, 1]
    assert AND(s1, s2).tolist() == [0, 1, 1, 0]


def test_perceptron_fires_only_when_the_sum_is_strictly_positive():
    assert perceptron([1, 0], [0.5, 0.5], -0.5) == 0  # z = 0 exactly: does not fire (y = 1 if z > 0)
    assert perceptron([1, 0], [0.5, 0.5], -0.49) == 1


def test_perceptron_handles_one_sample_and_a_batch():
    assert perceptron([1, 1], [0.5, 0.5], -0.7) == 1
    assert perceptron(GATE_INPUTS, [0.5, 0.5], -0.7).shape == (4,)
    assert weighted_sum(GATE_INPUTS, [1, 2], 3).tolist() == [3, 5, 4, 6]


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
@pytest.mark.parametrize("seed", range(20))
def test_learning_rule_reaches_4_of_4_within_30_epochs(gate, seed):
    # Measured over seeds 0-99 with lr = 0.1: every run reaches 4/4, the slowest after 24 epochs.
    X, y = truth_table(gate)
    p = Perceptron(2, lr=0.1, seed=seed)
    history = p.fit(X, y, epochs=30)
    assert history["accuracy"][-1] == 1.0
    assert p.predict(X).tolist() == y.tolist()
    assert history["updates"][-1] == 0  # once right everywhere, the rule stops changing the weights


@pytest.mark.parametrize("seed", range(20))
def test_learning_rule_never_solves_xor(seed):
    X, y = truth_table("XOR")
    history = Perceptron(2, lr=0.1, seed=seed).fit(X, y, epochs=100)
    assert max(history["accuracy"]) <= 0.75  # no line gets all four right
    assert min(history["updates"]) > 0  # and the weights never settle


def test_history_has_one_entry_per_epoch_and_copies_the_weights():
    X, y = truth_table("AND")
    p = Perceptron(2, seed=0)
    history = p.fit(X, y, epochs=5)
    assert all(len(history[key]) == 5 for key in ("accuracy", "updates", "w", "b"))
    history["w"][-1][0] = 99.0
    assert p.w[0] != 99.0


def test_same_seed_same_training():
    X, y = truth_table("OR")
    a, b = Perceptron(2, seed=3).fit(X, y, 10), Perceptron(2, seed=3).fit(X, y, 10)
    np.testing.assert_array_equal(a["w"][-1], b["w"][-1])


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: perceptron([1, 0], [0.5, 0.5, 0.5], 0.0), ValueError, "3 weight"),
        (lambda: perceptron([1, 0], "0.5", 0.0), TypeError, "w must be"),
        (lambda: perceptron([1, 0], [0.5, np.nan], 0.0), ValueError, "NaN"),
        (lambda: perceptron([1, 0], [0.5, 0.5], "b"), TypeError, "b must be a real number"),
        (lambda: perceptron([1, 0], [0.5, 0.5], float("nan")), ValueError, "b must be finite"),
        (lambda: perceptron(np.zeros((2, 2, 2)), [0.5, 0.5], 0.0), ValueError, "(N, n)"),
        (lambda: AND("1", 0), TypeError, "AND's x1"),
        (lambda: OR([0, 1], [0, 1, 1]), ValueError, "same shape"),
        (lambda: XOR(None, 1), TypeError, "x1"),
        (lambda: Perceptron(0), ValueError, "n_inputs"),
        (lambda: Perceptron(2.5), TypeError, "n_inputs"),
        (lambda: Perceptron(2, lr=-1), ValueError, "lr must be positive"),
        (lambda: Perceptron(2).fit(GATE_INPUTS, [0, 1, 1]), ValueError, "N = len(y) = 3"),
        (lambda: Perceptron(2).fit(GATE_INPUTS, [0, 1, 2, 1]), ValueError, "only 0 and 1"),
        (lambda: Perceptron(3).fit(GATE_INPUTS, [0, 0, 0, 1]), ValueError, "(N, 3)"),
        (lambda: evaluate_gate((1, 2, 3), 0, "AND"), ValueError, "exactly 2 weights"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words):
    with pytest.raises(error, match=None) as info:
        call()
    assert words in str(info.value)
