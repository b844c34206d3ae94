"""Notebook 05's exercise checks: the worked solutions pass, typical mistakes get a pointed hint, nothing raises."""

import numpy as np

from helpers.checks import (
    check_gd_step,
    check_hidden_error_signals,
    check_largest_stable_lr,
    check_output_error_signal,
    check_softmax_gradient,
)


def test_solutions_pass(capsys):
    assert check_gd_step(0.5 - 0.1 * (2 * (0.5 * 2 - 4) * 2))
    assert check_output_error_signal((0.8 - 1) * 0.8 * 0.2)
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    assert check_softmax_gradient(p - [1, 0, 0])
    assert check_largest_stable_lr(1 / 3)
    assert capsys.readouterr().out.count("✅") == 4


def test_typical_mistakes_get_hints(capsys):
    assert not check_gd_step(0.5 + 0.1 * -12)  # moved uphill
    assert "uphill" in capsys.readouterr().out
    assert not check_output_error_signal(-0.2)  # forgot the sigmoid's slope
    assert "slope" in capsys.readouterr().out
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    assert not check_softmax_gradient(p)
    assert "one-hot" in capsys.readouterr().out
    assert not check_largest_stable_lr(2.0)
    assert "1 - 6η" in capsys.readouterr().out


def test_wrong_types_never_raise(capsys):
    assert not check_gd_step("1.7")
    assert not check_output_error_signal([1, 2])
    assert not check_softmax_gradient([1, 2])
    assert not check_softmax_gradient("abc")
    assert not check_largest_stable_lr(None)
    assert capsys.readouterr().out.count("❌") == 5


def test_debug_exercise_hidden_error_signals(capsys):
    def solution(W2, e3, x2):
        return (W2 @ e3) * x2 * (1 - x2)

    assert check_hidden_error_signals(solution)
    assert "W2 @ e3" in capsys.readouterr().out
    bugs = {  # the notebook's buggy version, each bug alone, and two more slips
        lambda W2, e3, x2: (W2.T @ e3) * x2: "wrong index",
        lambda W2, e3, x2: (W2.T @ e3) * x2 * (1 - x2): "wrong index",
        lambda W2, e3, x2: (W2 @ e3) * x2: "not its slope",
        lambda W2, e3, x2: W2 @ e3: "sigmoid's slope",
        lambda W2, e3, x2: 2 * (W2 @ e3) * x2 * (1 - x2): "one at a time",
    }
    for buggy, words in bugs.items():
        assert not check_hidden_error_signals(buggy)
        assert words in capsys.readouterr().out


def test_debug_exercise_check_never_raises(capsys):
    assert not check_hidden_error_signals(lambda W2, e3, x2: 1 / 0)
    assert not check_hidden_error_signals(lambda W2, e3, x2: [1.0, 2.0, 3.0])
    assert not check_hidden_error_signals("W2 @ e3")
    assert capsys.readouterr().out.count("❌") == 3
