"""Small data sets: truth tables (notebook 01) and, as the course grows, toy data and loaders for data/.

Nothing here downloads anything: generated data is computed, file data ships in ``data/``.
"""

from __future__ import annotations

import numpy as np

#: The four input pairs of a two-input gate, in truth-table order: shape (4, 2).
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

#: Each gate's definition, independent of any perceptron: name -> function of two boolean arrays.
_LOGIC = {
    "AND": lambda a, b: a & b,
    "NAND": lambda a, b: ~(a & b),
    "OR": lambda a, b: a | b,
    "NOR": lambda a, b: ~(a | b),
    "XOR": lambda a, b: a ^ b,
}

#: The gates a truth table can be asked for.
GATE_NAMES = tuple(_LOGIC)


def truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """The truth table of a two-input logic gate.

    Args:
        gate: one of ``"AND"``, ``"NAND"``, ``"OR"``, ``"NOR"``, ``"XOR"`` (case-insensitive).

    Returns:
        ``(X, y)``: inputs of shape ``(4, 2)`` and the 0/1 outputs of shape ``(4,)``, both int.
    """
    if not isinstance(gate, str) or gate.upper() not in _LOGIC:
        raise ValueError(f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}")
    a, b = GATE_INPUTS[:, 0].astype(bool), GATE_INPUTS[:, 1].astype(bool)
    return GATE_INPUTS.copy(), _LOGIC[gate.upper()](a, b).astype(int)


def load_river_song() -> str:
    """The short text of notebook 07's character-level RNN (``data/rnn_river_song.txt``, 11 lines, 492 chars).

    Written for this course and dedicated to the public domain (CC0); see ``data/README.md``.
    """
    from pathlib import Path

    return (Path(__file__).resolve().parent.parent / "data" / "rnn_river_song.txt").read_text(encoding="utf-8")
