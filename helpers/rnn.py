"""A vanilla recurrent neural network (순환 신경망), uni- or bidirectional, with backprop through time.

Shapes follow PyTorch's ``nn.RNN`` (sequence first, ``batch_first=False``), so a learner can move on to it:

- input ``xs``: ``(T, N, D)``  (time steps, batch, input features)
- output ``out``: ``(T, N, dirs*H)``  (every hidden state; forward and reverse concatenated when bidirectional)
- final hidden state ``h_n``: ``(dirs, N, H)``  (one per direction, kept separate)

One step of one direction (the row-vector convention of the course, ``x @ W``)::

    h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b)

PyTorch stores ``weight_ih_l0`` as ``(H, D)`` (our ``Wx.T``), ``weight_hh_l0`` as ``(H, H)`` (our ``Wh.T``) and
two biases whose sum is our ``b``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.validation import (
    as_bool,
    as_choice,
    as_dout,
    as_finite_float,
    as_float_array,
    as_int,
    as_positive_float,
    as_positive_int,
    as_rng,
    require_forward,
)

NONLINEARITIES = ("tanh", "relu")


def _activate(a: np.ndarray, nonlinearity: str, out: np.ndarray | None = None) -> np.ndarray:
    return np.tanh(a, out=out) if nonlinearity == "tanh" else np.maximum(a, 0.0, out=out)


def _activation_grad(h: np.ndarray, nonlinearity: str) -> np.ndarray:
    """The derivative of the nonlinearity, written with its output ``h`` (what the cache keeps)."""
    if nonlinearity == "tanh":
        grad = np.square(h)
        return np.subtract(1.0, grad, out=grad)  # 1 - h², in one new array
    return (h > 0).astype(h.dtype)


def _check_nonlinearity(nonlinearity) -> str:
    return as_choice(nonlinearity, "nonlinearity", NONLINEARITIES)


def rnn_cell(x, h_prev, Wx, Wh, b, nonlinearity: str = "tanh") -> np.ndarray:
    """One time step: ``h_t = tanh(x_t @ Wx + h_prev @ Wh + b)`` (or ReLU).

    Args:
        x: ``(N, D)`` the inputs at this step;  h_prev: ``(N, H)`` the previous hidden state.
        Wx: ``(D, H)``;  Wh: ``(H, H)``;  b: ``(H,)``.

    Returns:
        ``(N, H)``: the new hidden state (은닉 상태).
    """
    nonlinearity = _check_nonlinearity(nonlinearity)
    x, h_prev = as_float_array(x, "x", ndim=2), as_float_array(h_prev, "h_prev", ndim=2)
    Wx, Wh, b = as_float_array(Wx, "Wx", ndim=2), as_float_array(Wh, "Wh", ndim=2), as_float_array(b, "b", ndim=1)
    H = Wh.shape[0]
    if Wh.shape != (H, H) or Wx.shape != (x.shape[1], H) or b.shape != (H,) or h_prev.shape != (x.shape[0], H):
        raise ValueError(f"shapes do not fit: x {x.shape} (N, D), h_prev {h_prev.shape} (N, H), Wx {Wx.shape} "
                         f"(D, H), Wh {Wh.shape} (H, H), b {b.shape} (H,)")
    return _activate(x @ Wx + h_prev @ Wh + b, nonlinearity)


def _state_or_zeros(value, name: str, shape: tuple[int, int, int], what: str) -> np.ndarray:
    """A per-direction state ``(dirs, N, H)``: zeros when ``value`` is None, else checked with a clear error."""
    if value is None:
        return np.zeros(shape)
    value = as_float_array(value, name, ndim=3)
    if value.shape != shape:
        raise ValueError(f"{name} must have {what} (dirs, N, H) = {shape}, got {value.shape}")
    return value


class RNN:
    """A one-layer Elman RNN; ``bidirectional=True`` adds a second RNN that reads the sequence backwards.

    Args:
        input_size: ``D``, features per time step.  hidden_size: ``H``, size of each direction's state.
        bidirectional: also run a reverse direction with its own ``Wx_rev``, ``Wh_rev``, ``b_rev``.
        nonlinearity: ``'tanh'`` (the default, as in PyTorch) or ``'relu'``.
        seed: seed of the initialisation, uniform on ``[-1/sqrt(H), 1/sqrt(H)]`` as in PyTorch.

    ``params`` holds ``Wx (D, H)``, ``Wh (H, H)``, ``b (H,)`` (and the ``*_rev`` ones); ``backward`` fills
    ``grads`` with arrays of the same names and shapes, and ``dh0`` with the gradient of the initial state.
    """

    def __init__(self, input_size: int, hidden_size: int, bidirectional: bool = False,
                 nonlinearity: str = "tanh", seed: int | None = None):
        self.input_size = as_positive_int(input_size, "input_size")
        self.hidden_size = as_positive_int(hidden_size, "hidden_size")
        self.bidirectional = as_bool(bidirectional, "bidirectional")
        self.nonlinearity = _check_nonlinearity(nonlinearity)
        self.num_directions = 2 if self.bidirectional else 1
        rng = as_rng(seed, "seed")
        bound = 1.0 / np.sqrt(self.hidden_size)
        D, H = self.input_size, self.hidden_size
        self.params = {}
        for suffix in self._suffixes():
            self.params["Wx" + suffix] = rng.uniform(-bound, bound, (D, H))
            self.params["Wh" + suffix] = rng.uniform(-bound, bound, (H, H))
            self.params["b" + suffix] = rng.uniform(-bound, bound, H)
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self.cache = None  # (xs, h0, states per direction), set by forward, read by backward
        self.dh0 = None

    def _suffixes(self):
        return ("", "_rev") if self.bidirectional else ("",)

    def __repr__(self):
        return (f"RNN({self.input_size}, {self.hidden_size}, bidirectional={self.bidirectional}, "
                f"nonlinearity={self.nonlinearity!r})")

    def forward(self, xs, h0=None):
        """Run the whole sequence.

        Args:
            xs: ``(T, N, D)``.  h0: ``(dirs, N, H)`` initial states, zeros when None.

        Returns:
            ``out (T, N, dirs*H)`` every hidden state, and ``h_n (dirs, N, H)`` the last state of each
            direction: the forward one after reading ``x_{T-1}``, the reverse one after reading ``x_0``.
        """
        xs = as_float_array(xs, "xs", ndim=3)
        T, N, D = xs.shape
        if D != self.input_size or T == 0 or N == 0:
            raise ValueError(f"xs must have shape (T, N, D) with T, N >= 1 and D = input_size = {self.input_size}, "
                             f"got {xs.shape}")
        dirs, H = self.num_directions, self.hidden_size
        h0 = _state_or_zeros(h0, "h0", (dirs, N, H), "shape")
        states = []
        for d, suffix in enumerate(self._suffixes()):
            seq = xs if d == 0 else xs[::-1]  # the reverse direction reads x_{T-1} first
            hs = self._run(seq, h0[d], suffix)
            states.append(hs)
        self.cache = (xs, h0, states)
        out = np.concatenate([states[0]] + [hs[::-1] for hs in states[1:]], axis=2)
        h_n = np.stack([hs[-1] for hs in states])
        return out, h_n

    def _run(self, seq, h, suffix):
        Wx, Wh, b = self.params["Wx" + suffix], self.params["Wh" + suffix], self.params["b" + suffix]
        T, N, D = seq.shape
        hs = (seq.reshape(T * N, D) @ Wx).reshape(T, N, self.hidden_size)  # x_t @ Wx for every t at once
        for t in range(T):  # only h_{t-1} @ Wh has to wait for the step before
            a = hs[t]
            a += h @ Wh
            a += b
            h = _activate(a, self.nonlinearity, out=a)  # h_t = tanh(x_t Wx + h_{t-1} Wh + b), in place
        return hs

    def backward(self, dout, dh_n=None):
        """Backprop through time (BPTT).

        Args:
            dout: ``(T, N, dirs*H)`` gradient of the loss with respect to ``out``.
            dh_n: ``(dirs, N, H)`` gradient with respect to ``h_n`` (zeros when None).

        Returns:
            ``dxs (T, N, D)``. Also sets ``grads`` (same keys as ``params``) and ``dh0 (dirs, N, H)``.
        """
        require_forward(self, self.cache)
        xs, h0, states = self.cache
        T, N, _ = xs.shape
        dirs, H = self.num_directions, self.hidden_size
        dout = as_dout(dout, (T, N, dirs * H))
        dh_n = _state_or_zeros(dh_n, "dh_n", (dirs, N, H), "the shape of h_n,")
        dxs = np.zeros_like(xs)
        dh0 = np.empty_like(h0)
        for d, suffix in enumerate(self._suffixes()):
            dhs = dout[:, :, d * H:(d + 1) * H]
            if d == 0:
                dseq, dh0[d] = self._run_backward(xs, h0[d], states[0], dhs, dh_n[d], suffix)
                dxs += dseq
            else:  # in the reverse direction's own (reversed) time order
                dseq, dh0[d] = self._run_backward(xs[::-1], h0[d], states[1], dhs[::-1], dh_n[d], suffix)
                dxs += dseq[::-1]
        self.dh0 = dh0
        return dxs

    def _run_backward(self, seq, h0, hs, dhs, dh_last, suffix):
        Wx, Wh = self.params["Wx" + suffix], self.params["Wh" + suffix]
        T, N, D = seq.shape
        H = self.hidden_size
        das = _activation_grad(hs, self.nonlinearity)  # f'(a_t) for every t, turned into dL/da_t below
        dh_next = dh_last  # gradient flowing in from the future (from h_n at the last step)
        for t in reversed(range(T)):  # only dL/dh_{t-1} = dL/da_t @ Wh.T has to wait for the step after
            da = das[t]
            da *= dhs[t] + dh_next
            dh_next = da @ Wh.T
        # the shared weights' gradients, summed over time, and dL/dx_t: one product each, all steps at once
        flat_da = das.reshape(T * N, H)
        self.grads["Wx" + suffix] = seq.reshape(T * N, D).T @ flat_da
        dWh = h0.T @ das[0]  # h_{-1} = h0 meets dL/da_0; h_{t-1} meets dL/da_t for t >= 1
        dWh += hs[:-1].reshape((T - 1) * N, H).T @ das[1:].reshape((T - 1) * N, H)
        self.grads["Wh" + suffix] = dWh
        self.grads["b" + suffix] = flat_da.sum(axis=0)
        dseq = (flat_da @ Wx.T).reshape(T, N, D)
        return dseq, dh_next


class Readout:
    """The output layer ``y_t = h_t @ Wy + by``, applied at every time step (it reads the hidden state).

    Args:
        in_features: ``F`` (``dirs*H`` of the RNN below it).  out_features: ``O``.  seed: initialisation seed.

    ``forward(hs)`` takes ``(T, N, F)`` (or any ``(..., F)``) and returns ``(T, N, O)``; ``backward(dy)`` returns
    ``dhs`` and fills ``grads['Wy'] (F, O)`` and ``grads['by'] (O,)``.
    """

    def __init__(self, in_features: int, out_features: int, seed: int | None = None):
        self.in_features = as_positive_int(in_features, "in_features")
        self.out_features = as_positive_int(out_features, "out_features")
        bound = 1.0 / np.sqrt(self.in_features)
        rng = as_rng(seed, "seed")
        self.params = {"Wy": rng.uniform(-bound, bound, (self.in_features, self.out_features)),
                       "by": np.zeros(self.out_features)}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self.hs = None

    def forward(self, hs):
        hs = as_float_array(hs, "hs", nonempty=True)
        if hs.ndim < 1 or hs.shape[-1] != self.in_features:
            raise ValueError(f"hs must end with in_features = {self.in_features} features, got shape {hs.shape}")
        self.hs = hs
        return hs @ self.params["Wy"] + self.params["by"]

    def backward(self, dy):
        require_forward(self, self.hs)
        dy = as_dout(dy, self.hs.shape[:-1] + (self.out_features,), "dy")
        flat_h, flat_dy = self.hs.reshape(-1, self.in_features), dy.reshape(-1, self.out_features)
        self.grads["Wy"] = flat_h.T @ flat_dy
        self.grads["by"] = flat_dy.sum(axis=0)
        return dy @ self.params["Wy"].T


def grad_norm(grads) -> float:
    """The global L2 norm of all gradient arrays (a dict of arrays or a list of arrays).

    Gradients that hold NaN or inf have a NaN or inf norm: that is how a blow-up shows.
    """
    arrays = _grad_arrays(grads)
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in arrays)))


def clip_grad_norm(grads, max_norm: float) -> float:
    """Rescale all gradients together so their global norm is at most ``max_norm`` (in place).

    Like ``torch.nn.utils.clip_grad_norm_``: the direction of the update is kept, only its length is capped.

    Args:
        grads: a dict of arrays (e.g. ``rnn.grads``) or a list of arrays.  max_norm: a positive number.

    Returns:
        The norm before clipping (worth logging: it is how you see an explosion coming).
    """
    max_norm = as_positive_float(max_norm, "max_norm")
    arrays = _grad_arrays(grads)
    total = grad_norm(arrays)
    if np.isfinite(total) and total > max_norm:  # a NaN/inf norm is returned as it is: there is nothing to rescale
        for g in arrays:
            g *= max_norm / total
    return total


def _grad_arrays(grads) -> list[np.ndarray]:
    """The float NumPy arrays of a dict or list of gradients (NaN/inf allowed), or a clear error."""
    if not isinstance(grads, (dict, list, tuple)):
        raise TypeError(f"grads must be a dict or list of NumPy arrays, got {type(grads).__name__} {grads!r}")
    arrays = list(grads.values() if isinstance(grads, dict) else grads)
    for i, g in enumerate(arrays):
        if not isinstance(g, np.ndarray):
            raise TypeError(f"grads must hold NumPy arrays (clipping changes them in place), entry {i} is "
                            f"{type(g).__name__} {g!r}")
        as_float_array(g, "grads", allow_nan=True)
    return arrays


@dataclass
class GradientFlow:
    """How a gradient travels back through time: entry ``k`` is ``k`` steps before the last one."""

    wh_scale: float
    nonlinearity: str
    grad_norm: np.ndarray  # (T,) ||dL/dh_{T-1-k}|| when the loss reads only the last hidden state
    state_norm: np.ndarray  # (T,) ||h_{T-1-k}||, averaged over the batch (root-mean-square)


def orthogonal(n: int, seed: int | None = 0) -> np.ndarray:
    """A random ``(n, n)`` orthogonal matrix: it keeps the length of every vector it multiplies."""
    n = as_positive_int(n, "n")
    q, r = np.linalg.qr(as_rng(seed, "seed").standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def gradient_flow(wh_scale: float, nonlinearity: str = "tanh", steps: int = 40, hidden_size: int = 16,
                  batch: int = 8, seed: int = 0) -> GradientFlow:
    """Backprop a unit gradient from the last hidden state ``steps - 1`` steps back, with ``Wh = scale · Q``.

    ``Q`` is orthogonal, so ``scale`` is exactly how much ``Wh`` stretches any vector: in a *linear* RNN the
    gradient ``k`` steps back would have norm ``scale**k``; ``tanh'`` (at most 1) or ReLU's 0/1 mask changes that.
    """
    wh_scale = as_finite_float(wh_scale, "wh_scale")
    steps = as_positive_int(steps, "steps")
    hidden_size, batch = as_positive_int(hidden_size, "hidden_size"), as_positive_int(batch, "batch")
    seed = as_int(seed, "seed", low=0)
    if not 0 <= wh_scale <= 5 or steps > 200:  # keeps s**steps (and a ReLU state) far from float overflow
        raise ValueError(f"gradient_flow takes wh_scale in [0, 5] and steps <= 200, got wh_scale={wh_scale} and "
                         f"steps={steps}")
    rnn = RNN(1, hidden_size, nonlinearity=nonlinearity, seed=seed)
    rnn.params["Wh"] = wh_scale * orthogonal(hidden_size, seed)
    rng = np.random.default_rng(seed + 1)
    out, _ = rnn.forward(rng.standard_normal((steps, batch, 1)))
    g = np.full((batch, hidden_size), 1.0 / np.sqrt(batch * hidden_size))  # ||dL/dh_{T-1}|| = 1
    norms = np.empty(steps)
    for k in range(steps):
        t = steps - 1 - k
        norms[k] = np.linalg.norm(g)
        g = (g * _activation_grad(out[t], nonlinearity)) @ rnn.params["Wh"].T  # dL/dh_{t-1}
    state = np.sqrt(np.mean(np.sum(out[::-1] ** 2, axis=2), axis=1))
    return GradientFlow(wh_scale, nonlinearity, norms, state)
