"""Data the course ships or generates."""

import numpy as np
import pytest

from helpers.datasets import GATE_NAMES, load_digits, truth_table

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


def test_digits_ship_with_the_course():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0 and X.dtype == np.float64
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    images, _ = load_digits(flatten=False, scale=False)
    assert images.shape == (1797, 8, 8) and images.max() == 16
