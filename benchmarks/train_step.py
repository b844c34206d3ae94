"""One training step of a 64-100-100-10 ReLU MLP (softmax cross-entropy, batch 100, float64), three ways.

Run:  .venv/bin/python benchmarks/train_step.py [--rounds 30] [--steps 50]

- ``helpers``: the course's layers (``helpers.layers.mlp`` + ``SoftmaxWithLoss`` + ``helpers.optim.SGD``),
  stepping exactly as ``helpers.train.Trainer.run_epoch`` does: the data and labels checked as they come in,
  the model's own values (scores, gradients) then inside ``internal_values()`` (types and shapes still
  checked, NaN let through to show as a diverged loss), and ``backward(..., dx=False)`` (no gradient for the
  data, which PyTorch does not compute either);
- ``textbook``: a plain NumPy implementation written here, one class per layer and no input checks, as in
  deep-learning-from-scratch's ``common/layers.py``: the baseline;
- ``pytorch``: ``torch.nn`` on the CPU in float64, when PyTorch is installed (it is not a requirement).

The contenders run interleaved, round by round, so that noise on the machine hits them all alike; each
round times ``--steps`` steps. It prints the median steps/s of each and the ratios to the textbook one
(goal: helpers >= 1.2x textbook, >= 1.0x PyTorch). BLAS runs single-threaded, as in the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from helpers.layers import SoftmaxWithLoss, mlp  # noqa: E402
from helpers.optim import SGD  # noqa: E402
from helpers.validation import internal_values  # noqa: E402

SIZES, BATCH, LR = [64, 100, 100, 10], 100, 0.1


# --- the textbook baseline ---------------------------------------------------------------------------

class TextbookAffine:
    def __init__(self, W, b):
        self.W, self.b, self.x, self.dW, self.db = W, b, None, None, None

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class TextbookRelu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


class TextbookSoftmaxWithLoss:
    def __init__(self):
        self.p, self.t = None, None

    def forward(self, x, t):
        x = x - x.max(axis=1, keepdims=True)
        self.p = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
        self.t = t
        return -np.mean(np.log(self.p[np.arange(len(t)), t] + 1e-7))

    def backward(self):
        dx = self.p.copy()
        dx[np.arange(len(self.t)), self.t] -= 1
        return dx / len(self.t)


def textbook_step(layers, loss, X, y):
    out = X
    for layer in layers:
        out = layer.forward(out)
    loss.forward(out, y)
    dout = loss.backward()
    for layer in reversed(layers):
        dout = layer.backward(dout)
    for layer in layers:
        if isinstance(layer, TextbookAffine):
            layer.W -= LR * layer.dW
            layer.b -= LR * layer.db


# --- the contenders ----------------------------------------------------------------------------------

def contenders(X, y):
    """name -> a function that takes one training step."""
    model, loss, opt = mlp(SIZES, "relu", rng=0), SoftmaxWithLoss(), SGD(LR)

    def helpers_step():  # helpers.train.Trainer.run_epoch's step, without its bookkeeping (history, accuracy)
        scores = model.forward(X)
        with internal_values():
            loss.forward(scores, y)
            model.backward(loss.backward(), dx=False)
            opt.update(model.params, model.grads)

    rng = np.random.default_rng(0)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:], strict=True)):
        layers.append(TextbookAffine(rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)), np.zeros(n_out)))
        if i < len(SIZES) - 2:
            layers.append(TextbookRelu())
    book_loss = TextbookSoftmaxWithLoss()
    steps = {"helpers": helpers_step, "textbook": lambda: textbook_step(layers, book_loss, X, y)}
    try:
        import torch
    except ImportError:
        return steps
    torch.set_num_threads(1)
    net = torch.nn.Sequential(*[m for i, (a, b) in enumerate(zip(SIZES[:-1], SIZES[1:], strict=True))
                                for m in ([torch.nn.Linear(a, b)] + ([torch.nn.ReLU()] if i < len(SIZES) - 2 else []))])
    net = net.double()
    tX, ty = torch.from_numpy(X), torch.from_numpy(y)
    torch_opt, torch_loss = torch.optim.SGD(net.parameters(), lr=LR), torch.nn.CrossEntropyLoss()

    def torch_step():
        torch_opt.zero_grad()
        torch_loss(net(tX), ty).backward()
        torch_opt.step()

    steps["pytorch"] = torch_step
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(BATCH, SIZES[0])), rng.integers(0, SIZES[-1], size=BATCH)
    steps = contenders(X, y)
    rates = {name: [] for name in steps}
    for step in steps.values():  # warm up
        for _ in range(5):
            step()
    for _ in range(args.rounds):
        for name, step in steps.items():
            start = time.perf_counter()
            for _ in range(args.steps):
                step()
            rates[name].append(args.steps / (time.perf_counter() - start))
    median = {name: statistics.median(r) for name, r in rates.items()}
    print(f"one training step, {'-'.join(map(str, SIZES))} ReLU MLP, batch {BATCH}, float64 "
          f"({args.rounds} interleaved rounds of {args.steps} steps; median):")
    for name, rate in median.items():
        print(f"  {name:9s} {rate:8.0f} steps/s  {1000 / rate:6.3f} ms/step  "
              f"{rate / median['textbook']:.2f}x textbook")
    if "pytorch" in median:
        print(f"  helpers / pytorch: {median['helpers'] / median['pytorch']:.2f}x")
    else:
        print("  (PyTorch is not installed: pip install torch to compare)")


if __name__ == "__main__":
    main()
