"""Where the numbers of a stacked, bidirectional RNN end up, and in which order they are computed.

- :func:`stacked_rnns` / :func:`stacked_forward`: ``num_layers`` RNNs on top of each other, as PyTorch's
  ``nn.RNN(D, H, num_layers=L, bidirectional=B)`` stacks them: layer 0 reads ``D`` features, every later layer
  reads the ``dirs*H`` features of the layer below. ``out`` is the last layer's; ``h_n`` holds every layer's final
  states, row ``layer * dirs + direction``.
- :func:`rnn_layout`: the shapes of ``out`` and ``h_n`` for given sizes, and which slice of ``out`` equals which
  row of ``h_n`` (found by running the model, not by formula).
- :func:`bidirectional_progress`: when both directions step side by side, what each has read after ``k + 1``
  steps, and which outputs can be computed yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.rnn import RNN
from helpers.validation import as_bool, as_float_array, as_int, as_positive_int


def stacked_rnns(input_size: int, hidden_size: int, bidirectional: bool = False, num_layers: int = 1,
                 seed: int | None = None) -> list[RNN]:
    """``num_layers`` RNNs: the first reads ``input_size`` features, each later one ``dirs * hidden_size``."""
    num_layers = as_positive_int(num_layers, "num_layers")
    bidirectional = as_bool(bidirectional, "bidirectional")
    seed = None if seed is None else as_int(seed, "seed", low=0)
    dirs = 2 if bidirectional else 1
    sizes = [input_size] + [dirs * as_positive_int(hidden_size, "hidden_size")] * (num_layers - 1)
    return [RNN(size, hidden_size, bidirectional, seed=None if seed is None else seed + layer)
            for layer, size in enumerate(sizes)]


def stacked_forward(layers: list[RNN], xs) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Run ``xs`` ``(T, N, D)`` up the stack, from zero initial states.

    Returns:
        ``out (T, N, dirs*H)`` of the last layer, ``h_n (layers*dirs, N, H)`` (row ``layer*dirs + direction``,
        as in PyTorch) and every layer's own output ``[(T, N, dirs*H), ...]``.
    """
    if not isinstance(layers, (list, tuple)) or not layers:
        raise TypeError(f"layers must be a non-empty list of RNN layers (from stacked_rnns), got {layers!r}")
    for i, layer in enumerate(layers):
        if not isinstance(layer, RNN):
            raise TypeError(f"layers[{i}] must be an RNN, got {type(layer).__name__}")
    xs = as_float_array(xs, "xs", ndim=3)
    outs, finals = [], []
    for layer in layers:
        xs, h_n = layer.forward(xs)
        outs.append(xs)
        finals.append(h_n)
    return outs[-1], np.concatenate(finals), outs


@dataclass
class StatePlace:
    """Where row ``index`` of ``h_n`` can be found again."""

    index: int
    layer: int
    direction: str  # "forward" or "reverse"
    found_in: str  # e.g. "out[T-1, :, 0:8]", or "layer 0's output (not in out)"
    matches: bool  # checked numerically: the slice holds exactly this row of h_n


@dataclass
class RNNLayout:
    """Shapes and places for one choice of sizes (see :func:`rnn_layout`)."""

    out_shape: tuple
    h_n_shape: tuple
    layer_input_sizes: list[int]
    places: list[StatePlace]


def rnn_layout(T: int, N: int, D: int, H: int, bidirectional: bool = False, num_layers: int = 1,
               seed: int = 0) -> RNNLayout:
    """Build the stack, run it on random inputs and find each row of ``h_n`` inside the outputs.

    A forward final state is the layer's output at the last step ``t = T-1``, its first ``H`` features; a
    reverse final state is its output at the **first** step ``t = 0``, features ``H .. 2H``. Only the last
    layer's output is ``out``; a lower layer's final states sit in that layer's own output, which ``out``
    does not contain.
    """
    T, N = as_positive_int(T, "T"), as_positive_int(N, "N")
    bidirectional, seed = as_bool(bidirectional, "bidirectional"), as_int(seed, "seed", low=0)
    layers = stacked_rnns(as_positive_int(D, "D"), as_positive_int(H, "H"), bidirectional, num_layers, seed)
    out, h_n, outs = stacked_forward(layers, np.random.default_rng(seed).standard_normal((T, N, D)))
    dirs = 2 if bidirectional else 1
    places = []
    for index in range(h_n.shape[0]):
        layer, d = divmod(index, dirs)
        t, lo = (T - 1, 0) if d == 0 else (0, H)
        where = f"out[{t}, :, {lo}:{lo + H}]"
        last = layer == num_layers - 1
        found_in = where if last else f"layer {layer}'s output at [{t}, :, {lo}:{lo + H}] (not in out)"
        matches = bool(np.allclose(outs[layer][t, :, lo:lo + H], h_n[index]))
        places.append(StatePlace(index, layer, "forward" if d == 0 else "reverse", found_in, matches))
    return RNNLayout(out.shape, h_n.shape, [layer.input_size for layer in layers], places)


@dataclass
class Progress:
    """Both directions after ``k + 1`` steps side by side; the masks are ``(T,)`` booleans over time steps."""

    k: int
    forward_t: int  # the step the forward direction has just computed (it has read x_0 .. x_k)
    reverse_t: int  # the step the reverse direction has just computed (it has read x_{T-1-k} .. x_{T-1})
    forward_done: np.ndarray  # h_t known
    reverse_done: np.ndarray  # h'_t known
    ready: np.ndarray  # y_t = [h_t, h'_t] Wy + by can be computed: both states known


def bidirectional_progress(T: int, k: int) -> Progress:
    """Step ``k`` (``0 .. T-1``) of a bidirectional RNN whose two directions run at the same time.

    The forward direction computes ``h_k``, the reverse one ``h'_{T-1-k}``. An output ``y_t`` needs both
    ``h_t`` and ``h'_t``, so in the middle of the sequence nothing can be output before about ``T/2`` steps,
    and ``y_0`` (like ``y_{T-1}``) only at the very last step.
    """
    T = as_positive_int(T, "T")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < T:
        raise ValueError(f"k must be a whole number in 0 .. {T - 1}, got {k!r}")
    t = np.arange(T)
    forward_done, reverse_done = t <= k, t >= T - 1 - k
    return Progress(int(k), int(k), T - 1 - int(k), forward_done, reverse_done, forward_done & reverse_done)
