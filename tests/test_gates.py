"""Notebook 01's facts: the lecture's gates, the perceptron, and the perceptron learning rule."""

import numpy as np
import pytest

from helpers.datasets import GATE_INPUTS, truth_table
from helpers.gates import (
    AND,
    GATE_WEIGHTS,
    NAND,
    OR,
    XOR,
    Perceptron,
    evaluate_gate,
    first_repeat,
    gate_learning_steps,
    learning_step,
    perceptron,
    weighted_sum,
)

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


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "XOR"])
def test_stopping_when_learned_drops_only_epochs_that_change_nothing(gate):
    X, y = truth_table(gate)
    full = Perceptron(2, lr=0.1, seed=7).fit(X, y, epochs=40)
    short = Perceptron(2, lr=0.1, seed=7).fit(X, y, epochs=40, stop_when_learned=True)
    k = len(short["accuracy"])
    for key in ("accuracy", "updates", "b"):
        assert short[key] == full[key][:k]
    if gate == "XOR":  # never learned: all 40 epochs
        assert k == 40
    else:  # learned after epoch k: every later epoch right, no update, the same weights
        assert full["accuracy"].index(1.0) + 1 == k < 40
        assert set(full["accuracy"][k:]) == {1.0} and set(full["updates"][k:]) == {0}
        assert all(np.array_equal(w, short["w"][-1]) for w in full["w"][k:])


def test_same_seed_same_training():
    X, y = truth_table("OR")
    a, b = Perceptron(2, seed=3).fit(X, y, 10), Perceptron(2, seed=3).fit(X, y, 10)
    np.testing.assert_array_equal(a["w"][-1], b["w"][-1])


def test_a_right_answer_moves_nothing():
    w, b, y_hat = learning_step([0.5, 0.5], -0.7, [1, 1], 1, lr=0.1)
    assert y_hat == 1 and w.tolist() == [0.5, 0.5] and b == -0.7


def test_a_missed_firing_raises_the_weights_of_the_active_inputs_and_the_bias():
    w, b, y_hat = learning_step([0.5, 0.5], -0.7, [0, 1], 1, lr=0.1)  # OR's row (0, 1): z = -0.2, silent
    assert y_hat == 0
    np.testing.assert_allclose(w, [0.5, 0.6])  # x1 = 0: w1 untouched
    assert b == pytest.approx(-0.6)


def test_a_wrong_firing_lowers_them():
    w, b, y_hat = learning_step([0.5, 0.5], -0.2, [1, 1], 0, lr=0.5)  # NAND's row (1, 1) fires wrongly
    assert y_hat == 1 and w.tolist() == [0.0, 0.0] and b == -0.7


def test_one_update_raises_z_on_its_row_by_lr_times_squared_length_plus_one():
    w0, b0, x = np.array([0.2, -0.3]), -0.1, np.array([1.0, 1.0])
    w, b, _ = learning_step(w0, b0, x, 1, lr=0.25)
    assert (x @ w + b) - (x @ w0 + b0) == pytest.approx(0.25 * (x @ x + 1))


def test_learning_step_does_not_change_its_input():
    w0 = np.array([0.5, 0.5])
    learning_step(w0, -0.2, [1, 1], 0, lr=0.5)
    assert w0.tolist() == [0.5, 0.5]


def test_fit_is_the_learning_step_applied_row_after_row():
    X, y = truth_table("NAND")
    p = Perceptron(2, lr=0.25, seed=4)
    w, b = p.w.copy(), p.b
    p.fit(X, y, epochs=3)
    for step in gate_learning_steps(w, b, "NAND", 0.25, n_steps=12):
        w, b = step.w, step.b
    np.testing.assert_allclose(p.w, w)
    assert p.b == pytest.approx(b)


def test_steps_walk_the_rows_in_order_and_wrap_around():
    steps = gate_learning_steps((0.5, 0.5), -0.7, "XOR", 0.5, n_steps=6, first_row=2)
    assert [s.row for s in steps] == [2, 3, 0, 1, 2, 3]
    assert [s.next_row for s in steps] == [3, 0, 1, 2, 3, 0]
    assert steps[0].x.tolist() == [1, 0] and steps[0].y == 1 and steps[0].y_hat == 0 and steps[0].error == 1


def test_on_and_the_steps_stop_changing_once_every_row_is_right():
    steps = gate_learning_steps((0.0, 0.0), 0.0, "AND", 0.5, n_steps=40)
    last_mistake = max(i for i, s in enumerate(steps) if s.error != 0)
    assert last_mistake < 36  # then at least one whole pass without a mistake ...
    assert evaluate_gate(steps[-1].w, steps[-1].b, "AND").n_correct == 4  # ... because every row is right


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.25, 0.5])
def test_on_xor_the_steps_return_to_an_earlier_state_and_cycle(lr):
    steps = gate_learning_steps((0.5, 0.5), -0.7, "XOR", lr, n_steps=400)
    repeat = first_repeat([s.state for s in steps])
    assert repeat is not None
    earlier, later = repeat
    period = later - earlier
    assert period % 4 == 0  # a whole number of passes over the table
    for i in range(later, len(steps)):  # from then on, the same states again and again
        np.testing.assert_allclose(steps[i].state, steps[i - period].state, atol=1e-9)
    assert any(s.error != 0 for s in steps[earlier:later])  # the cycle keeps making mistakes


def test_first_repeat_finds_the_first_return_and_ignores_minus_zero():
    assert first_repeat([(0, 1), (1, 1), (2, 1), (1, 1)]) == (1, 3)
    assert first_repeat([(0.0, 0), (-0.0, 0)]) == (0, 1)
    assert first_repeat([(0.1 + 0.2, 0), (0.3, 0)]) == (0, 1)  # equal once rounded
    assert first_repeat([(1, 0), (1, 1)]) is None


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: learning_step([0.5, 0.5], 0, [1, 1], 2, lr=0.1), ValueError, "y must be 0 or 1"),
        (lambda: learning_step([0.5, 0.5], 0, [1, 1], 1, lr=0), ValueError, "lr must be positive"),
        (lambda: learning_step([0.5, 0.5], 0, [[1, 1]], 1, lr=0.1), ValueError, "x must be 1-dimensional"),
        (lambda: gate_learning_steps((0, 0), 0, "XNOR", 0.1, 1), ValueError, "gate must be one of"),
        (lambda: gate_learning_steps((0, 0), 0, "AND", 0.1, 0), ValueError, "n_steps must be at least 1"),
        (lambda: gate_learning_steps((0, 0), 0, "AND", 0.1, 1, first_row=4), ValueError, "first_row"),
    ],
)
def test_bad_input_to_the_learning_rule_gets_a_clear_error(call, error, words):
    with pytest.raises(error, match=words):
        call()


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
