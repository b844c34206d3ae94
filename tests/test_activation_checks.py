"""Notebook 04's exercise checks: the worked solutions pass, common mistakes get a specific hint."""

import numpy as np

from helpers.activations import sigmoid
from helpers.checks import check_softplus, check_zero_centred


def solution_softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def test_softplus_solution_passes(capsys):
    assert check_softplus(solution_softplus, sigmoid) is True
    assert capsys.readouterr().out.startswith("✅")


def test_naive_softplus_is_right_but_unstable(capsys):
    assert check_softplus(lambda x: np.log(1 + np.exp(x)), sigmoid) is False
    assert "overflows" in capsys.readouterr().out


def test_wrong_softplus_derivative_gets_a_hint(capsys):
    assert check_softplus(solution_softplus, lambda x: sigmoid(x) * (1 - sigmoid(x))) is False
    assert "derivative is not" in capsys.readouterr().out


def test_softplus_bad_answers_never_raise(capsys):
    assert check_softplus("softplus", sigmoid) is False
    assert check_softplus(lambda x: [float(v) for v in x][0], sigmoid) is False
    assert check_softplus(lambda x: 1 / 0, sigmoid) is False
    assert "failed" in capsys.readouterr().out


def test_zero_centred_solution_passes(capsys):
    assert check_zero_centred({"identity", "tanh", "selu"}) is True
    assert check_zero_centred(["tanh", "selu", "identity"]) is True


def test_zero_centred_hints(capsys):
    assert check_zero_centred({"identity", "tanh", "elu"}) is False
    out = capsys.readouterr().out
    assert "elu has a positive mean" in out and "1 zero-centred function(s) missing" in out
    assert check_zero_centred({"gelu"}) is False and "unknown" in capsys.readouterr().out
    assert check_zero_centred("tanh") is False and check_zero_centred([1, 2]) is False
