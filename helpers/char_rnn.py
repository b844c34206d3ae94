"""A character-level RNN language model: read characters one at a time, predict the next one, then write.

- :class:`CharVocab`: the characters of a text, and ``encode`` / ``decode`` between strings and ids.
- :class:`CharRNN`: one-hot input -> :class:`helpers.rnn.RNN` -> :class:`helpers.rnn.Readout` -> softmax, trained
  on cross-entropy; ``sample`` writes new text. It has the ``loss`` / ``sgd_step`` interface that
  :func:`helpers.sequence_tasks.train` drives.
- :func:`text_windows`: random training windows ``(T, N)`` of ids and their next-character targets.
- :func:`softmax_with_temperature`: ``softmax(logits / τ)``, the distribution ``sample`` draws from.
"""

from __future__ import annotations

import numpy as np

from helpers.rnn import RNN, Readout, clip_grad_norm, grad_norm
from helpers.validation import (
    as_finite_float,
    as_float_array,
    as_labels,
    as_positive_float,
    as_positive_int,
    as_rng,
    internal_values,
)


class CharVocab:
    """The sorted set of characters in ``text``; ids are positions in ``chars``."""

    def __init__(self, text: str):
        if not isinstance(text, str) or not text:
            raise TypeError(f"text must be a non-empty string, got {type(text).__name__}")
        self.chars = sorted(set(text))
        self._index = {c: i for i, c in enumerate(self.chars)}

    def __len__(self):
        return len(self.chars)

    def encode(self, text: str, name: str = "text") -> np.ndarray:
        """``str`` -> ``(len,)`` int ids; a character the vocabulary lacks raises ``ValueError`` (naming ``name``)."""
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a string, got {type(text).__name__} {text!r}")
        missing = sorted(set(text) - set(self._index))
        if missing:
            raise ValueError(f"{name} has characters that are not in the vocabulary: {missing!r}")
        return np.array([self._index[c] for c in text], dtype=np.int64)

    def decode(self, ids) -> str:
        """``(len,)`` ids in ``0 .. len(vocab) - 1`` -> the string they spell."""
        return "".join(self.chars[i] for i in as_labels(ids, "ids", n_classes=len(self.chars)))


def text_windows(ids, steps: int, batch: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """``batch`` random windows of ``steps`` characters: inputs ``(T, N)`` and targets shifted by one ``(T, N)``."""
    ids = as_labels(ids, "ids")
    steps, batch = as_positive_int(steps, "steps"), as_positive_int(batch, "batch")
    rng = as_rng(rng, "rng")
    if len(ids) < steps + 1:
        raise ValueError(f"the text has {len(ids)} characters: too short for windows of {steps} + 1")
    starts = rng.integers(0, len(ids) - steps, batch)
    windows = np.stack([ids[s:s + steps + 1] for s in starts], axis=1)  # (T+1, N)
    return windows[:-1], windows[1:]


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def softmax_with_temperature(logits, temperature: float) -> np.ndarray:
    """``softmax(logits / temperature)`` over the last axis, ``(..., V)`` -> ``(..., V)``.

    ``temperature`` 1 is the model's own distribution; towards 0 it puts all the mass on the likeliest
    character, and large values flatten it towards uniform.
    """
    logits = as_float_array(logits, "logits")
    if logits.ndim == 0 or logits.shape[-1] == 0:
        raise ValueError(f"logits must hold one score per character along its last axis, got shape {logits.shape}")
    return _softmax(logits / _check_temperature(temperature))


def _check_temperature(temperature) -> float:
    temperature = as_finite_float(temperature, "temperature")
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    return temperature


class CharRNN:
    """Next-character model: ``p(c_{t+1} | c_0..c_t) = softmax(h_t @ Wy + by)``.

    Args:
        vocab_size: ``V``, the number of distinct characters.  hidden_size: ``H``.  seed: initialisation seed.
    """

    def __init__(self, vocab_size: int, hidden_size: int = 48, seed: int | None = None):
        self.vocab_size = as_positive_int(vocab_size, "vocab_size")
        self.rnn = RNN(self.vocab_size, hidden_size, seed=seed)
        self.out = Readout(hidden_size, self.vocab_size, seed=None if seed is None else seed + 1)
        self._eye = np.eye(self.vocab_size)

    @property
    def params(self) -> dict:
        return {**{f"rnn.{k}": v for k, v in self.rnn.params.items()},
                **{f"out.{k}": v for k, v in self.out.params.items()}}

    @property
    def grads(self) -> dict:
        return {**{f"rnn.{k}": v for k, v in self.rnn.grads.items()},
                **{f"out.{k}": v for k, v in self.out.grads.items()}}

    def _ids(self, ids, name):
        ids = np.asarray(ids)
        if ids.ndim != 2 or not np.issubdtype(ids.dtype, np.integer):
            raise TypeError(f"{name} must be a (T, N) array of integer character ids, got {ids.dtype} {ids.shape}")
        if ids.size and (ids.min() < 0 or ids.max() >= self.vocab_size):
            raise ValueError(f"{name} must hold ids in 0 .. {self.vocab_size - 1}")
        return ids

    def probabilities(self, ids) -> np.ndarray:
        """``(T, N)`` ids -> ``(T, N, V)``: the predicted distribution of the next character at every step."""
        hs, _ = self.rnn.forward(self._eye[self._ids(ids, "ids")])
        with internal_values():  # the hidden states are the model's own (NaN once training diverged)
            return _softmax(self.out.forward(hs))

    def loss(self, ids, targets) -> float:
        """Mean cross-entropy (in nats) of the next-character predictions; fills ``grads`` by BPTT."""
        targets = self._ids(targets, "targets")
        p = self.probabilities(ids)
        if targets.shape != p.shape[:2]:
            raise ValueError(f"targets must have the shape of ids {p.shape[:2]}, got {targets.shape}")
        T, N = targets.shape
        rows, cols = np.arange(T)[:, None], np.arange(N)[None, :]
        loss = -np.mean(np.log(p[rows, cols, targets]))
        dlogits = p.copy()
        dlogits[rows, cols, targets] -= 1.0  # softmax + cross-entropy: p - one_hot
        with internal_values():
            self.rnn.backward(self.out.backward(dlogits / (T * N)))
        return float(loss)

    def sgd_step(self, lr: float, max_norm: float | None = None) -> float:
        """``p -= lr * dp`` after clipping the global gradient norm to ``max_norm``; returns the norm before."""
        lr, grads = as_positive_float(lr, "lr"), self.grads
        norm = clip_grad_norm(grads, max_norm) if max_norm is not None else grad_norm(grads)
        for name, p in self.params.items():
            p -= lr * grads[name]
        return norm

    def sample(self, vocab: CharVocab, prefix: str, length: int, temperature: float = 0.7,
               seed: int | None = None) -> str:
        """Read ``prefix``, then draw ``length`` characters one at a time, each fed back in as the next input.

        ``temperature`` < 1 sharpens the distribution (safer, more repetitive), > 1 flattens it (wilder).
        """
        length = as_positive_int(length, "length")
        _check_temperature(temperature)
        rng = as_rng(seed, "seed")
        logits, h = self.next_logits(vocab, prefix)
        drawn = []
        for _ in range(length):
            c = rng.choice(self.vocab_size, p=softmax_with_temperature(logits, temperature))
            drawn.append(c)
            hs, h = self.rnn.forward(self._eye[[c]][:, None, :], h)
            logits = self.out.forward(hs[-1, 0])
        return prefix + vocab.decode(drawn)

    def next_logits(self, vocab: CharVocab, prefix: str) -> tuple[np.ndarray, np.ndarray]:
        """Read ``prefix``; return the scores of the next character ``(V,)`` and the state ``h_n (1, 1, H)``."""
        if not isinstance(vocab, CharVocab) or len(vocab) != self.vocab_size:
            raise TypeError(f"vocab must be the CharVocab of {self.vocab_size} characters the model was built for, "
                            f"got {type(vocab).__name__}")
        if isinstance(prefix, str) and not prefix:
            raise ValueError("prefix must hold at least one character to start from, got ''")
        hs, h = self.rnn.forward(self._eye[vocab.encode(prefix, "prefix")][:, None, :])
        return self.out.forward(hs[-1, 0]), h
