"""Exercise self-checks: right answers pass, wrong ones get a hint, bad input never raises."""

import pytest

from helpers.checks import check_gate_weights, check_nor_weights, check_predictions


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
