"""Notebook 06's self-checks: the worked solutions pass, typical mistakes get a hint, bad input never raises."""

import numpy as np

from helpers.checks import check_batchnorm_by_hand, check_he_std, check_steadiest_tanh_scheme, check_xavier_limit


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
