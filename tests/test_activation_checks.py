"""Notebook 04's exercise checks: the worked solutions pass, common mistakes get a specific hint."""

import numpy as np

from helpers.activations import sigmoid
from helpers.checks import check_chain_gradient, check_softplus, check_zero_centred


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


def test_softplus_hint_names_the_next_step_not_the_formula(capsys):
    check_softplus(lambda x: np.log(1 + np.exp(x)), sigmoid)
    out = capsys.readouterr().out
    assert "log1p" not in out and "logaddexp" not in out and "factor e^x out" in out


def test_zero_centred_solution_passes(capsys):
    assert check_zero_centred({"identity", "tanh"}) is True
    assert check_zero_centred(["tanh", "identity"]) is True
    assert check_zero_centred({"identity", "tanh", "selu"}, std=1.0) is True  # the table's N(0, 1) answer


def test_zero_centred_hints(capsys):
    assert check_zero_centred({"identity", "tanh", "selu"}) is False  # read off the N(0, 1) table: wrong for std 2
    out = capsys.readouterr().out
    assert "selu has a mean output away from 0 for std 2" in out and "odd" in out
    assert check_zero_centred({"tanh"}) is False and "1 zero-centred function(s) missing" in capsys.readouterr().out
    assert check_zero_centred({"gelu"}) is False and "unknown" in capsys.readouterr().out
    assert check_zero_centred("tanh") is False and check_zero_centred([1, 2]) is False


def test_chain_gradient_prediction(capsys):
    assert check_chain_gradient(1.2**20) is True and "explode" in capsys.readouterr().out
    assert check_chain_gradient(38.3) is True
    for wrong, words in ((1.0, "multiplies by its weight"), (24.0, "does not add"), (0.0, "never dies"),
                         (5.0, "local derivative")):
        assert check_chain_gradient(wrong) is False and words in capsys.readouterr().out
    assert check_chain_gradient("lots") is False and check_chain_gradient(None) is False
