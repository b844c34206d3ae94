"""Notebook 06's self-checks: the worked solutions pass, typical mistakes get a hint, bad input never raises."""

import numpy as np

from helpers.checks import (
    check_batchnorm_backward,
    check_batchnorm_by_hand,
    check_he_std,
    check_steadiest_tanh_scheme,
    check_xavier_limit,
)


def test_he_std(capsys):
    assert check_he_std(32, np.sqrt(2 / 32))  # the notebook's solution
    assert not check_he_std(32, 2 / 32)
    assert "variance" in capsys.readouterr().out
    assert not check_he_std(32, "a quarter")


def test_xavier_limit():
    assert check_xavier_limit(200, 100, np.sqrt(6 / 300))
    assert not check_xavier_limit(200, 100, np.sqrt(2 / 300))
    assert not check_xavier_limit(200, 100, None)


def test_batchnorm_by_hand(capsys):
    x = [1, 5, 1, 5]
    assert check_batchnorm_by_hand(x, 3.0, -1.0, [-4, 2, -4, 2])  # the notebook's solution
    assert not check_batchnorm_by_hand(x, 3.0, -1.0, [-1, 1, -1, 1])
    assert "x̂" in capsys.readouterr().out
    assert not check_batchnorm_by_hand(x, 3.0, -1.0, [1, 2])
    assert not check_batchnorm_by_hand(x, 3.0, -1.0, "four numbers")


def test_steadiest_tanh_scheme(capsys):
    assert check_steadiest_tanh_scheme("he")  # the notebook's solution (measured: He ~0.8, Xavier ~0.4)
    assert not check_steadiest_tanh_scheme("xavier")
    assert not check_steadiest_tanh_scheme("std 1")
    assert "xavier" in capsys.readouterr().out


def _buggy_backward(dout, x_hat, inv_std, gamma):  # the notebook's exercise: the variance path is missing
    dx_hat = dout * gamma
    n = dout.shape[0]
    return inv_std / n * (n * dx_hat - dx_hat.sum(axis=0))


def _fixed_backward(dout, x_hat, inv_std, gamma):  # the notebook's solution
    dx_hat = dout * gamma
    n = dout.shape[0]
    return inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * np.sum(dx_hat * x_hat, axis=0))


def test_batchnorm_backward_debug_exercise(capsys):
    assert check_batchnorm_backward(_fixed_backward)
    assert not check_batchnorm_backward(_buggy_backward)
    assert "sum of dx * x_hat" in capsys.readouterr().out


def test_batchnorm_backward_check_never_raises_at_the_learner(capsys):
    assert not check_batchnorm_backward(lambda *args: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not check_batchnorm_backward(lambda dout, *rest: dout[:2])
    assert "shape" in capsys.readouterr().out
