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


def bench_shopping_playground(n: int = 50) -> float:
    from helpers.graph_playground import shopping_playground

    playground = shopping_playground()
    values = [int(v) for v in np.linspace(0, 500, n) // 10 * 10]

    def move_apple_price(v):
        playground.apple_price.value = v

    return median_ms(move_apple_price, values)


BENCHMARKS["03 shopping graph (apple price slider)"] = (bench_shopping_playground, 30.0)


def bench_activation_explorer(n: int = 60) -> float:
    from helpers.activation_explorer import activation_explorer

    explorer = activation_explorer("swish")
    values = np.round(np.linspace(0.0, 5.0, n), 1).tolist()

    def move_beta(v):
        explorer.param.value = v

    return median_ms(move_beta, values)


BENCHMARKS["04 activation explorer (beta slider)"] = (bench_activation_explorer, 40.0)


# ---- notebook 07 (RNNs) -----------------------------------------------------------------------------------


def bench_rnn_time_stepper(n: int = 60) -> float:
    from helpers.rnn_widgets import TimeStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(4, 40, seed=0)
    panel = TimeStepper(SequenceRegressor(1, 16, seed=0), batch.noisy, batch.clean)

    def move_t(v):
        panel.t.value = v

    return median_ms(move_t, [i % 40 for i in range(1, n + 1)])


def bench_rnn_gradient_flow(n: int = 46) -> float:
    from helpers.rnn_widgets import GradientFlowExplorer

    panel = GradientFlowExplorer()

    def move_scale(v):
        panel.scale.value = v

    return median_ms(move_scale, np.round(np.linspace(0.2, 2.5, n), 2).tolist())


BENCHMARKS["07 RNN time stepper (t slider)"] = (bench_rnn_time_stepper, 40.0)
BENCHMARKS["07 RNN gradient flow (Wh scale slider)"] = (bench_rnn_gradient_flow, 30.0)


def _nb06_control(make, control: str, values, n: int) -> float:
    explorer = make()
    widget = getattr(explorer, control)

    def move(value):
        widget.value = value

    return median_ms(move, (values * n)[:n])


def bench_init_explorer_scheme(n: int = 12) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="std 1", activation="tanh", depth=5), "scheme",
                         ["xavier", "he", "std 0.01", "std 1"], n)


def bench_init_explorer_depth(n: int = 16) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="he", activation="relu", depth=1), "depth",
                         [2, 3, 4, 5, 6, 7, 8, 1], n)


def bench_init_explorer_std(n: int = 20) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="he", activation="tanh", depth=5), "std",
                         np.round(np.geomspace(0.01, 2.0, 10), 3).tolist(), n)


def bench_init_explorer_width(n: int = 12) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="he", activation="relu", depth=5), "width",
                         [50, 100, 150, 200, 100, 60], n)


def bench_init_explorer_batchnorm(n: int = 12) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="std 0.01", activation="tanh", depth=5), "batchnorm",
                         [True, False], n)


def bench_init_explorer_batch_size(n: int = 18) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="he", activation="tanh", depth=5, batchnorm=True),
                         "batch_size", [2, 4, 8, 16, 32, 64, 128, 256, 1000], n)


def bench_init_explorer_mode(n: int = 12) -> float:
    from helpers.init_explorer import init_explorer

    return _nb06_control(lambda: init_explorer(scheme="he", activation="tanh", depth=5, batchnorm=True,
                                               batch_size=32), "mode", ["eval", "train"], n)


def bench_scale_shift_gamma(n: int = 60) -> float:
    from helpers.scale_shift_explorer import scale_shift_explorer

    return _nb06_control(scale_shift_explorer, "gamma", np.round(np.linspace(0.5, 3.0, n), 2).tolist(), n)


def bench_scale_shift_beta(n: int = 60) -> float:
    from helpers.scale_shift_explorer import scale_shift_explorer

    return _nb06_control(scale_shift_explorer, "beta", np.round(np.linspace(-6.0, 6.0, n), 1).tolist(), n)


_NB06_BENCHMARKS = {
    "06 init explorer (scheme dropdown, tanh)": (bench_init_explorer_scheme, 100.0),
    "06 init explorer (depth slider: panels resize)": (bench_init_explorer_depth, 100.0),
    "06 init explorer (sigma_w slider)": (bench_init_explorer_std, 100.0),
    "06 init explorer (width slider)": (bench_init_explorer_width, 100.0),
    "06 init explorer (batch norm on/off)": (bench_init_explorer_batchnorm, 100.0),
    "06 init explorer (batch size slider)": (bench_init_explorer_batch_size, 100.0),
    "06 init explorer (train/eval switch)": (bench_init_explorer_mode, 100.0),
    "06 gamma/beta explorer (gamma slider)": (bench_scale_shift_gamma, 30.0),
    "06 gamma/beta explorer (beta slider)": (bench_scale_shift_beta, 30.0),
}
BENCHMARKS.update(_NB06_BENCHMARKS)


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


def main() -> None:
    for name, (bench, budget_ms) in sorted(BENCHMARKS.items()):
        ms = bench()
        verdict = "ok" if ms <= budget_ms else "OVER BUDGET"
        print(f"{name:45s} median {ms:6.1f} ms  (budget {budget_ms:.0f} ms)  {verdict}")


if __name__ == "__main__":
    main()
