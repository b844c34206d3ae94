"""Time each widget's update, headless: set a control, wait for the new picture, take the median.

Run:  .venv/bin/python benchmarks/widget_updates.py

The time covers what the kernel does on a slider move: recompute, redraw the moving artists, encode
the PNG. The browser adds the round trip and the image swap on top (see the browser test).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from helpers.widgets import gate_playground


def median_ms(set_value, values) -> float:
    """Median wall time, in milliseconds, of ``set_value(v)`` over ``values``."""
    times = []
    for value in values:
        start = time.perf_counter()
        set_value(value)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def bench_gate_playground(n: int = 100) -> float:
    playground = gate_playground()
    values = np.round(np.linspace(-1, 1, n), 2).tolist()

    def move_w1(v):
        playground.w1.value = v

    return median_ms(move_w1, values)


BENCHMARKS = {"01 gate playground (w1 slider)": (bench_gate_playground, 30.0)}


def main() -> None:
    for name, (bench, budget_ms) in BENCHMARKS.items():
        ms = bench()
        verdict = "ok" if ms <= budget_ms else "OVER BUDGET"
        print(f"{name:45s} median {ms:6.1f} ms  (budget {budget_ms:.0f} ms)  {verdict}")


if __name__ == "__main__":
    main()


def bench_mlp_playground(n: int = 60) -> float:
    """One frame of the live MLP trainer (notebook 02; two per Play tick): 5 epochs of mini-batch SGD on
    200 points, the decision region (50 × 50 grid), the loss curve and the JPEG sent while training.
    Goal: >= 20 updates per second, i.e. <= 50 ms. (In the browser the tick round trip adds to this.)"""
    from helpers.mlp_playground import mlp_playground

    playground = mlp_playground("spiral", 0.1, hidden_layers=3, units=8)  # the largest network it offers
    playground.train_button.value = True  # ticks only train while "Train" is on, as in the browser

    def tick(_):
        playground.play.value += 1

    for _ in range(5):  # warm up (first draws, caches)
        tick(None)
    ms = median_ms(tick, range(n))
    playground.train_button.value = False
    return ms


BENCHMARKS["02 MLP trainer (one frame, 2-8-8-8-1)"] = (bench_mlp_playground, 50.0)

if __name__ == "__main__":  # the main() call above ran before this entry existed: run it here too
    _bench, _budget = BENCHMARKS["02 MLP trainer (one frame, 2-8-8-8-1)"]
    _ms = _bench()
    print(f"{'02 MLP trainer (one frame, 2-8-8-8-1)':45s} median {_ms:6.1f} ms  (budget {_budget:.0f} ms)  "
          f"{'ok' if _ms <= _budget else 'OVER BUDGET'}  = {1000 / _ms:.0f} updates/s")
