"""Notebook 02's self-checks: the worked solutions pass, wrong answers get a hint, bad input no traceback."""

from helpers.checks import check_smallest_circle_units, check_xor_network
from helpers.gates import GATE_WEIGHTS


def test_xor_network_solution_passes(capsys):
    (n1, n2), nb = GATE_WEIGHTS["NAND"]
    (o1, o2), ob = GATE_WEIGHTS["OR"]
    (a1, a2), ab = GATE_WEIGHTS["AND"]
    assert check_xor_network([[n1, o1], [n2, o2]], [nb, ob], [a1, a2], ab)
    assert "✅" in capsys.readouterr().out


def test_xor_network_wrong_answers_get_a_hint(capsys):
    assert not check_xor_network([[1, 1], [1, 1]], [0, 0], [1, 1], 0)
    assert "NAND and OR" in capsys.readouterr().out
    assert not check_xor_network([1, 1], [0, 0], [1, 1], 0)
    assert "shapes must be" in capsys.readouterr().out
    assert not check_xor_network("weights", [0, 0], [1, 1], 0)
    assert "arrays of numbers" in capsys.readouterr().out


def test_smallest_circle_units(capsys):
    assert check_smallest_circle_units(3)
    assert not check_smallest_circle_units(2) and "unbounded" in capsys.readouterr().out
    assert not check_smallest_circle_units(8) and "fewer" in capsys.readouterr().out
    assert not check_smallest_circle_units("3") and "whole number" in capsys.readouterr().out
