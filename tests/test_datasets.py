"""Data the course ships or generates."""

import pytest

from helpers.datasets import GATE_NAMES, truth_table

EXPECTED = {"AND": [0, 0, 0, 1], "NAND": [1, 1, 1, 0], "OR": [0, 1, 1, 1], "NOR": [1, 0, 0, 0], "XOR": [0, 1, 1, 0]}


@pytest.mark.parametrize("gate", GATE_NAMES)
def test_truth_tables(gate):
    X, y = truth_table(gate)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == EXPECTED[gate]


def test_truth_table_name_is_case_insensitive_and_checked():
    assert truth_table("xor")[1].tolist() == [0, 1, 1, 0]
    with pytest.raises(ValueError, match="one of AND, NAND, OR, NOR, XOR"):
        truth_table("XNOR")
