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


def bench_init_explorer_scheme(n: int = 12) -> float:
    from helpers.init_explorer import init_explorer

    explorer = init_explorer(scheme="std 1", activation="tanh", depth=5)
    values = ["xavier", "he", "std 0.01", "std 1"] * (n // 4)

    def choose(scheme):
        explorer.scheme.value = scheme

    return median_ms(choose, values)


def bench_init_explorer_depth(n: int = 40) -> float:
    from helpers.init_explorer import init_explorer

    explorer = init_explorer(scheme="he", activation="relu", depth=1)
    values = [1 + i % 8 for i in range(1, n + 1)]

    def move_depth(depth):
        explorer.depth.value = depth

    return median_ms(move_depth, values)


def bench_scale_shift_gamma(n: int = 60) -> float:
    from helpers.scale_shift_explorer import scale_shift_explorer

    explorer = scale_shift_explorer()
    values = np.round(np.linspace(0.5, 3.0, n), 2).tolist()

    def move_gamma(v):
        explorer.gamma.value = v

    return median_ms(move_gamma, values)


_NB06_BENCHMARKS = {
    "06 init explorer (scheme dropdown, tanh)": (bench_init_explorer_scheme, 100.0),
    "06 init explorer (depth slider)": (bench_init_explorer_depth, 50.0),
    "06 gamma/beta explorer (gamma slider)": (bench_scale_shift_gamma, 30.0),
}
BENCHMARKS.update(_NB06_BENCHMARKS)


if __name__ == "__main__":  # main() above ran the entries defined before it; these were appended after it
    for _name in _NB06_BENCHMARKS:
        _bench, _budget = BENCHMARKS[_name]
        _ms = _bench()
        _verdict = "ok" if _ms <= _budget else "OVER BUDGET"
        print(f"{_name:45s} median {_ms:6.1f} ms  (budget {_budget:.0f} ms)  {_verdict}")
