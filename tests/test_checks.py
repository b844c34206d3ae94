"""Exercise self-checks: right answers pass, wrong ones get a hint, bad input never raises."""

import numpy as np
import pytest

from helpers.checks import check_gate_weights, check_learning_step, check_nor_weights, check_predictions
from helpers.gates import perceptron


def test_nor_solution_passes(capsys):
    assert check_nor_weights(-0.5, -0.5, 0.2) is True
    assert capsys.readouterr().out.startswith("✅")


def test_nor_wrong_answer_gets_a_hint_naming_the_wrong_rows(capsys):
    assert check_nor_weights(0.5, 0.5, -0.7) is False  # that is AND: wrong on (0, 0) and (1, 1)
    out = capsys.readouterr().out
    assert out.startswith("❌") and "2/4 rows right" in out and "(0, 0), (1, 1)" in out


@pytest.mark.parametrize("bad", [("a", 0, 0), (None, 0, 0), (float("nan"), 0, 0), ([1, 2], 0, 0)])
def test_bad_answers_get_a_message_not_a_traceback(bad, capsys):
    assert check_nor_weights(*bad) is False
    assert "w1, w2 and b must be three finite numbers" in capsys.readouterr().out


def test_lecture_weights_pass_their_gate():
    assert check_gate_weights("NAND", -0.5, -0.5, 0.7)


def test_unknown_gate_is_reported():
    assert check_gate_weights("XNOR", 1, 1, 1) is False


def test_predictions_check():
    assert check_predictions((1.0, -1.0), -0.5, [0, 0, 1, 0])  # x1 AND NOT x2
    assert not check_predictions((1.0, -1.0), -0.5, [0, 1, 1, 0])
    assert not check_predictions((1.0, -1.0), -0.5, None)


def test_second_and_solution_with_bias_minus_one():
    assert check_gate_weights("AND", 0.6, 0.6, -1.0)


def _solution_step(w, b, x, y, lr):
    error = y - perceptron(x, w, b)
    return w + lr * error * x, b + lr * error


def _exercise_step(w, b, x, y, lr):  # the exercise's code: error the wrong way round, bias never learns
    y_hat = perceptron(x, w, b)
    w = w + lr * (y_hat - y) * x
    return w, b


def test_learning_step_solution_passes(capsys):
    assert check_learning_step(_solution_step) is True
    assert "trains AND and OR to 4/4" in capsys.readouterr().out


def test_the_exercise_code_gets_a_hint_about_the_bias_first(capsys):
    assert check_learning_step(_exercise_step) is False
    assert "your b never changes" in capsys.readouterr().out


def test_fixing_only_the_bias_leaves_a_hint_about_the_direction(capsys):
    def half_fixed(w, b, x, y, lr):
        y_hat = perceptron(x, w, b)
        return w + lr * (y_hat - y) * x, b + lr * (y_hat - y)

    assert check_learning_step(half_fixed) is False
    assert "moves the wrong way" in capsys.readouterr().out


def test_a_step_that_moves_on_a_right_answer_is_told_so(capsys):
    def always_moves(w, b, x, y, lr):
        return _solution_step(w, b, x, y, lr) if perceptron(x, w, b) != y else (w + lr * x, b + lr)

    assert check_learning_step(always_moves) is False
    assert "nothing should move" in capsys.readouterr().out


@pytest.mark.parametrize(("step", "words"), [
    (_solution_step(np.zeros(2), 0.0, np.ones(2), 1, 0.1), "pass your function itself"),
    (lambda w, b, x, y, lr: 1 / 0, "raised ZeroDivisionError"),
    (lambda w, b, x, y, lr: w, "must return the pair (w, b)"),
    (lambda w, b, x, y, lr: ("w", b), "must be 2 numbers"),
    (lambda w, b, x, y, lr: (w, None), "must be one number"),
])
def test_a_broken_learning_step_gets_a_message_not_a_traceback(step, words, capsys):
    assert check_learning_step(step) is False
    assert words in capsys.readouterr().out
