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


# --- notebook 05 ---------------------------------------------------------------------------------


def bench_descent_step(n: int = 40) -> float:
    from helpers.descent_explorer import DescentExplorer

    explorer = DescentExplorer(lr=0.2)
    return median_ms(lambda _: explorer.step_button.click(), range(n))


def bench_backprop_stepper(n: int = 50) -> float:
    from helpers.backprop_stepper import BackpropStepper

    stepper = BackpropStepper()
    values = [k % (stepper.step.max + 1) for k in range(1, n + 1)]

    def move(k):
        stepper.step.value = k

    return median_ms(move, values)


def bench_fitting_epoch(n: int = 50) -> float:
    from helpers.fitting_explorer import FittingExplorer

    explorer = FittingExplorer(hidden=8, epochs=300)

    def move(t):
        explorer.epoch.value = t

    return median_ms(move, [1 + (37 * k) % 300 for k in range(n)])


BENCHMARKS.update({
    "05 descent explorer (step button)": (bench_descent_step, 60.0),
    "05 backprop stepper (step slider)": (bench_backprop_stepper, 60.0),
    "05 fitting explorer (epoch slider)": (bench_fitting_epoch, 40.0),
})


def main() -> None:
    for name, (bench, budget_ms) in BENCHMARKS.items():
        ms = bench()
        verdict = "ok" if ms <= budget_ms else "OVER BUDGET"
        print(f"{name:45s} median {ms:6.1f} ms  (budget {budget_ms:.0f} ms)  {verdict}")


if __name__ == "__main__":
    main()
