"""Pictures of notebook 07: an RNN rolled up and unrolled in time (uni- or bidirectional).

Every function takes ``ax=None`` (a new figure) and returns what it drew.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers.validation import as_bool, as_positive_int, require_methods

BLUE, ORANGE, GREEN, GREY, PURPLE = "#0072B2", "#E69F00", "#009E73", "#999999", "#CC79A7"


def _box(ax, x, y, text, color, w=0.62, h=0.42):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04", fc=color, ec="black",
                                lw=1, alpha=0.9))
    return ax.text(x, y, text, ha="center", va="center", fontsize=11, color="white" if color != "white" else "black")


def _arrow(ax, start, end, label=None, color="black", rad=0.0, label_offset=(0.0, 0.0)):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color, lw=1.3,
                                 connectionstyle=f"arc3,rad={rad}", shrinkA=2, shrinkB=2))
    if label:
        mx, my = (start[0] + end[0]) / 2 + label_offset[0], (start[1] + end[1]) / 2 + label_offset[1]
        ax.text(mx, my, label, fontsize=9, color=color, ha="center", va="center",
                bbox={"fc": "white", "ec": "none", "pad": 0.5})


def plot_unrolled_rnn(steps: int = 4, bidirectional: bool = False, ax=None) -> dict:
    """Draw the RNN rolled up (one cell with a loop, left) and unrolled over ``steps`` time steps (right).

    Every copy of the cell carries the same ``Wx``, ``Wh`` (and ``Wy``): one set of weights, reused at each step.
    With ``bidirectional=True`` (unrolled form only) there are two RNNs: the forward states (orange, as in the
    lecture note) run left to right, a second row of reverse states (green) runs right to left with its own
    ``*_rev`` weights, and each output reads both rows.

    Returns:
        ``{"ax": ax, "states": [text of each h box]}``.
    """
    steps, bidirectional = as_positive_int(steps, "steps"), as_bool(bidirectional, "bidirectional")
    if ax is None:
        _, ax = plt.subplots(figsize=(2.2 + 1.6 * steps, 3.6 if bidirectional else 3.0))
    require_methods(ax, "ax", ("add_patch", "text"), "a matplotlib Axes")
    rows = {"x": 0.0, "h": 1.2, "g": 2.2, "y": 3.2 if bidirectional else 2.4}
    if not bidirectional:  # the rolled-up cell, with its loop
        _box(ax, 0, rows["x"], "x_t", GREY)
        _box(ax, 0, rows["h"], "h_t", BLUE)
        _box(ax, 0, rows["y"], "y_t", GREEN)
        _arrow(ax, (0, rows["x"] + 0.22), (0, rows["h"] - 0.22), "Wx")
        _arrow(ax, (0, rows["h"] + 0.22), (0, rows["y"] - 0.22), "Wy")
        ax.add_patch(FancyArrowPatch((0.31, rows["h"] + 0.1), (0.31, rows["h"] - 0.1), arrowstyle="-|>",
                                     connectionstyle="arc3,rad=-2.2", mutation_scale=12, color=BLUE, lw=1.3))
        ax.text(0.62, rows["h"] + 0.32, "Wh", color=BLUE, fontsize=9)
        ax.text(1.05, rows["h"], "=", fontsize=18, ha="center", va="center")
    states = []
    x0 = 0.0 if bidirectional else 1.8
    # the lecture note's colours: forward states orange, backward (reverse-direction) states green
    h_color, y_color = (ORANGE, PURPLE) if bidirectional else (BLUE, GREEN)
    for t in range(steps):
        x = x0 + 1.5 * t
        _box(ax, x, rows["x"], f"x_{t}", GREY)
        states.append(_box(ax, x, rows["h"], f"h_{t}", h_color))
        _box(ax, x, rows["y"], f"y_{t}", y_color)
        _arrow(ax, (x, rows["x"] + 0.22), (x, rows["h"] - 0.22), "Wx")
        if t > 0:
            _arrow(ax, (x - 1.5 + 0.33, rows["h"]), (x - 0.33, rows["h"]), "Wh", h_color, label_offset=(0, 0.18))
        if bidirectional:
            states.append(_box(ax, x, rows["g"], f"h'_{t}", GREEN))
            _arrow(ax, (x + 0.31, rows["x"] + 0.1), (x + 0.31, rows["g"] - 0.1), "Wx_rev" if t == steps - 1 else None,
                   GREEN, rad=0.35, label_offset=(0.62, -0.55))
            _arrow(ax, (x - 0.31, rows["h"] + 0.1), (x - 0.31, rows["y"] - 0.1), None, ORANGE, rad=-0.35)
            _arrow(ax, (x, rows["g"] + 0.22), (x, rows["y"] - 0.22), "Wy")
            if t > 0:
                _arrow(ax, (x - 0.33, rows["g"]), (x - 1.5 + 0.33, rows["g"]), "Wh_rev", GREEN,
                       label_offset=(0, 0.18))
        else:
            _arrow(ax, (x, rows["h"] + 0.22), (x, rows["y"] - 0.22), "Wy")
    ax.text(x0 - 0.75, rows["h"] - 0.42, "h_(-1) = 0 →", fontsize=8, color=h_color, ha="center")
    if bidirectional:
        ax.text(x0 + 1.5 * (steps - 1) + 0.75, rows["g"] - 0.42, "← 0", fontsize=8, color=GREEN, ha="center")
    left = x0 - 1.2 if bidirectional else -0.6
    right = x0 + 1.5 * (steps - 1) + (1.2 if bidirectional else 0.8)
    ax.set(xlim=(left, right), ylim=(-0.45, rows["y"] + 0.45), aspect="equal")
    ax.axis("off")
    if bidirectional:
        ax.set_title("Two RNNs, one per direction: forward h_t (orange) reads left to right,\n"
                     "reverse h'_t (green) right to left; y_t = [h_t, h'_t] Wy reads both", fontsize=10)
    else:
        ax.set_title("One RNN cell, unrolled in time", fontsize=11)
    return {"ax": ax, "states": states}
