"""Time each widget's update, headless: set a control, wait for the new picture, take the median.

Run:  .venv/bin/python benchmarks/widget_updates.py

The time covers what the kernel does on a slider move: recompute, redraw the moving artists, encode
the PNG. The browser adds the round trip and the image swap on top (see the browser test): ~30-35 ms here
(benchmarks/README.md, "Where a slider's time goes"), so a move that should feel instant (median <= 60 ms in
the page) has ~25 ms in the kernel; the newer budgets are that.
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


def bench_gate_step(n: int = 100) -> float:
    playground = gate_playground(gate="XOR")  # XOR: the rule never stops, so most steps move the line

    return median_ms(lambda _: playground.step(), range(n))


BENCHMARKS = {"01 gate playground (w1 slider)": (bench_gate_playground, 25.0),
              "01 gate playground (Step button)": (bench_gate_step, 30.0)}


def bench_shopping_playground(n: int = 50) -> float:
    from helpers.graph_playground import shopping_playground

    playground = shopping_playground()
    values = [int(v) for v in np.linspace(0, 500, n) // 10 * 10]

    def move_apple_price(v):
        playground.apple_price.value = v

    return median_ms(move_apple_price, values)


BENCHMARKS["03 shopping graph (apple price slider)"] = (bench_shopping_playground, 30.0)


def bench_shopping_basket_and_dout(control: str, n: int = 50) -> float:
    from helpers.graph_playground import shopping_playground

    playground = shopping_playground(basket=500)
    slider = getattr(playground, control)
    steps = round((slider.max - slider.min) / slider.step)
    values = [slider.min + slider.step * ((7 * k) % (steps + 1)) for k in range(1, n + 1)]  # every move a change
    values = [round(v, 1) if control == "dout" else int(v) for v in values]

    def move(v):
        slider.value = v

    return median_ms(move, values)


def bench_sigmoid_graph(control: str, n: int = 60) -> float:
    from helpers.sigmoid_graph_explorer import sigmoid_graph_explorer

    explorer = sigmoid_graph_explorer()
    slider = getattr(explorer, control)
    values = np.round(np.linspace(slider.min, slider.max, n), 1).tolist()

    def move(v):
        slider.value = v

    return median_ms(move, values)


BENCHMARKS.update({
    "03 shopping graph (basket price slider)": (lambda: bench_shopping_basket_and_dout("basket"), 30.0),
    "03 shopping graph (dout slider)": (lambda: bench_shopping_basket_and_dout("dout"), 30.0),
    "03 sigmoid graph (x slider)": (lambda: bench_sigmoid_graph("x"), 40.0),
    "03 sigmoid graph (dout slider)": (lambda: bench_sigmoid_graph("dout"), 40.0),
})


def bench_activation_explorer(control: str = "beta", name: str = "swish", values=None, **kwargs) -> float:
    """One control of notebook 04's explorer, moved through ``values`` (default: 60 steps over its range)."""
    from helpers.activation_explorer import activation_explorer

    explorer = activation_explorer(name, **kwargs)
    widget = explorer.controls[control]
    if values is None:
        values = np.round(np.linspace(widget.min, widget.max, 60), 2).tolist()

    def move(v):
        widget.value = v

    return median_ms(move, values)


BENCHMARKS["04 activation explorer (beta slider)"] = (bench_activation_explorer, 40.0)
BENCHMARKS.update({
    "04 activation explorer (alpha slider, leaky ReLU)": (
        lambda: bench_activation_explorer("alpha", "leaky_relu"), 40.0),
    "04 activation explorer (lambda slider, SELU)": (lambda: bench_activation_explorer("lam", "selu"), 40.0),
    "04 activation explorer (L slider)": (lambda: bench_activation_explorer(
        "depth", "sigmoid", [1 + i % 40 for i in range(60)], compare="relu"), 40.0),
    "04 activation explorer (w slider)": (lambda: bench_activation_explorer("weight", "relu", compare="sigmoid"), 40.0),
    "04 activation explorer (compare g)": (lambda: bench_activation_explorer(
        "compare", "relu", ["sigmoid", "leaky_relu", "tanh", "none", "elu"] * 6), 40.0),
    "04 activation explorer (fixed grey scale)": (lambda: bench_activation_explorer(
        "fixed_scale", "sigmoid", [True, False] * 20), 40.0),
})


# ---- notebook 07 (RNNs) -----------------------------------------------------------------------------------


def bench_rnn_time_stepper(n: int = 60) -> float:
    from helpers.rnn_widgets import TimeStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(4, 40, seed=0)
    panel = TimeStepper(SequenceRegressor(1, 16, seed=0), batch.noisy, batch.clean)

    def move_t(v):
        panel.t.value = v

    return median_ms(move_t, [i % 40 for i in range(1, n + 1)])


def bench_rnn_time_stepper_sequence(n: int = 24) -> float:
    """A new sequence n: its inputs, targets and heat map are moving artists, so no full redraw."""
    from helpers.rnn_widgets import TimeStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(6, 40, seed=0)
    panel = TimeStepper(SequenceRegressor(1, 16, seed=0), batch.noisy, batch.clean)
    panel.t.value = 20

    def move_n(v):
        panel.seq.value = v

    return median_ms(move_n, [i % 6 for i in range(1, n + 1)])


def bench_rnn_bidirectional_sequence(n: int = 24) -> float:
    from helpers.rnn_explorers import BidirectionalStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(6, 30, noise=0.3, seed=0)
    panel = BidirectionalStepper(SequenceRegressor(1, 16, bidirectional=True, seed=0), batch.noisy, batch.clean)
    panel.k.value = 10

    def move_n(v):
        panel.seq.value = v

    return median_ms(move_n, [i % 6 for i in range(1, n + 1)])


def bench_rnn_gradient_flow(n: int = 46) -> float:
    from helpers.rnn_widgets import GradientFlowExplorer

    panel = GradientFlowExplorer()

    def move_scale(v):
        panel.scale.value = v

    return median_ms(move_scale, np.round(np.linspace(0.2, 2.5, n), 2).tolist())


def bench_rnn_gradient_flow_length(n: int = 24) -> float:
    """The x axis is fixed at 0 .. 119: a new length T only moves the lines and the end-of-sequence marker."""
    from helpers.rnn_widgets import GradientFlowExplorer

    panel = GradientFlowExplorer()

    def move_length(v):
        panel.steps.value = v

    return median_ms(move_length, [5 * (2 + i % 23) for i in range(n)])


def bench_rnn_gradient_flow_hidden(n: int = 40) -> float:
    from helpers.rnn_widgets import GradientFlowExplorer

    panel = GradientFlowExplorer()

    def move_hidden(v):
        panel.hidden.value = v

    return median_ms(move_hidden, [2 + (7 * i) % 63 for i in range(1, n + 1)])


def bench_rnn_shapes_explorer(n: int = 40) -> float:
    from helpers.rnn_explorers import ShapesExplorer

    panel = ShapesExplorer()

    def move_h(v):
        panel.sizes["H"].value = v

    return median_ms(move_h, [1 + i % 8 for i in range(1, n + 1)])


def bench_rnn_bidirectional_stepper(n: int = 60) -> float:
    from helpers.rnn_explorers import BidirectionalStepper
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines

    batch = noisy_sines(6, 30, noise=0.3, seed=0)
    panel = BidirectionalStepper(SequenceRegressor(1, 16, bidirectional=True, seed=0), batch.noisy, batch.clean)

    def move_k(v):
        panel.k.value = v

    return median_ms(move_k, [i % 30 for i in range(1, n + 1)])


def bench_rnn_clipping_explorer(n: int = 42) -> float:
    """Moving c only swaps which precomputed run is drawn (the sweep is trained once, before the panel)."""
    from helpers.rnn_training_explorers import ClippingExplorer

    rng = np.random.default_rng(0)
    runs = {c: {"loss": list(rng.uniform(0.1, 10, 200)), "grad_norm": list(rng.uniform(0.1, 100, 200)),
                "diverged_at": None} for c in (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, None)}
    panel = ClippingExplorer(runs)
    options = [value for _, value in panel.threshold.options]

    def move_c(i):
        panel.threshold.value = options[i % len(options)]

    return median_ms(move_c, range(1, n + 1))


def bench_rnn_temperature(n: int = 40) -> float:
    """One move: the 25 bars and a fresh 150-character sample at the new temperature (untrained model)."""
    from helpers.char_rnn import CharRNN, CharVocab
    from helpers.datasets import load_river_song
    from helpers.rnn_training_explorers import TemperatureExplorer

    vocab = CharVocab(load_river_song())
    panel = TemperatureExplorer(CharRNN(len(vocab), 48, seed=0), vocab)

    def move_tau(v):
        panel.temperature.value = v

    return median_ms(move_tau, np.round(np.linspace(0.1, 2.5, n), 2).tolist())


BENCHMARKS["07 RNN time stepper (t slider)"] = (bench_rnn_time_stepper, 40.0)
BENCHMARKS["07 RNN time stepper (sequence n slider)"] = (bench_rnn_time_stepper_sequence, 25.0)
BENCHMARKS["07 RNN bidirectional stepper (sequence n slider)"] = (bench_rnn_bidirectional_sequence, 25.0)
BENCHMARKS["07 RNN gradient flow (Wh scale slider)"] = (bench_rnn_gradient_flow, 30.0)
BENCHMARKS["07 RNN gradient flow (length T slider)"] = (bench_rnn_gradient_flow_length, 30.0)
BENCHMARKS["07 RNN gradient flow (hidden size H slider)"] = (bench_rnn_gradient_flow_hidden, 30.0)
BENCHMARKS["07 RNN shapes explorer (H slider)"] = (bench_rnn_shapes_explorer, 40.0)
BENCHMARKS["07 RNN bidirectional stepper (k slider)"] = (bench_rnn_bidirectional_stepper, 40.0)
BENCHMARKS["07 RNN clipping explorer (threshold c)"] = (bench_rnn_clipping_explorer, 30.0)
BENCHMARKS["07 RNN temperature explorer (tau slider)"] = (bench_rnn_temperature, 40.0)


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
    "06 init explorer (sigma_w slider)": (bench_init_explorer_std, 60.0),
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


def bench_fitting_width(n: int = 24) -> float:
    """The hidden-units slider on the starting model, as in notebook 05 (every width trained when it is built)."""
    from helpers.fitting_explorer import WIDTHS, FittingExplorer

    explorer = FittingExplorer(hidden=64, epochs=300)

    def move(k):
        explorer.hidden.value = WIDTHS[k % len(WIDTHS)]

    return median_ms(move, range(n))


def bench_descent_batch(n: int = 30) -> float:
    """The batch-size buttons: restart, then one mini-batch step (the grey full-batch path redrawn too)."""
    from helpers.descent_explorer import DescentExplorer

    explorer = DescentExplorer(lr=0.05)

    def switch(value):
        explorer.batch.value = value
        explorer.step_button.click()

    return median_ms(switch, [("one", "mini", "full")[k % 3] for k in range(n)])


def bench_backprop_box(n: int = 40) -> float:
    """Typing a new weight into a box: the whole hand pass and the update recomputed, every number redrawn."""
    from helpers.backprop_stepper import BackpropStepper

    stepper = BackpropStepper()
    stepper.step.value = stepper.step.max  # the update step shows the most numbers

    def move(v):
        stepper.boxes["W1_11"].value = v

    return median_ms(move, np.round(np.linspace(-1, 1, n), 2).tolist())


def bench_fitting_model_switch(n: int = 20) -> float:
    """Switching activation and depth between models already trained (the first visit of a model trains it:
    about 0.5-2 s for 300 epochs here, a one-off that the panel then keeps)."""
    from helpers.fitting_explorer import FittingExplorer

    explorer = FittingExplorer(hidden=8, epochs=300)
    models = [("relu", 1), ("sigmoid", 1), ("relu", 2), ("sigmoid", 2)]
    for activation, depth in models:  # train each once
        explorer.set_settings(activation=activation, depth=depth)

    def switch(k):
        activation, depth = models[k % len(models)]
        explorer.set_settings(activation=activation, depth=depth)

    return median_ms(switch, range(n))


BENCHMARKS.update({
    "05 descent explorer (step button)": (bench_descent_step, 60.0),
    "05 descent explorer (batch-size buttons)": (bench_descent_batch, 60.0),
    "05 backprop stepper (step slider)": (bench_backprop_stepper, 60.0),
    "05 backprop stepper (weight box)": (bench_backprop_box, 60.0),
    "05 fitting explorer (epoch slider)": (bench_fitting_epoch, 40.0),
    "05 fitting explorer (activation/depth, trained)": (bench_fitting_model_switch, 40.0),
    "05 fitting explorer (hidden units slider)": (bench_fitting_width, 25.0),
})


def bench_mlp_playground(n: int = 60) -> float:
    """One frame of the live MLP trainer (notebook 02; two per Play tick) on its largest network, 6 hidden
    layers of 8 neurons over all 7 features with every neuron's heatmap: one epoch of mini-batch SGD on 250
    points, 56 heatmaps and the large map (60 × 60 grid), ~450 links, the loss curves, the PNG sent while
    training. Goal: >= 30 pictures per second, i.e. <= 33 ms (benchmarks/playground_frames.py splits it)."""
    from helpers.mlp_playground import mlp_playground

    playground = mlp_playground(dataset="spiral", layers=(8,) * 6,
                                features=("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"))
    playground.train_button.value = True  # ticks only train while "Train" is on, as in the browser

    def tick(_):
        playground.player.play.value += 1

    for _ in range(5):  # warm up (first draws, caches)
        tick(None)
    ms = median_ms(tick, range(n))
    playground.train_button.value = False
    return ms


BENCHMARKS["02 MLP trainer (one frame, 7-8x6-1, every heatmap)"] = (bench_mlp_playground, 33.0)


def bench_hidden_space_epoch(n: int = 60) -> float:
    """The epoch slider of the hidden-space explorer (notebook 02): the run is trained once, a move picks a
    frame and moves the lines, points, paths and both shadings."""
    from helpers.hidden_space_explorer import hidden_space_explorer

    explorer = hidden_space_explorer()

    def move(t):
        explorer.epoch.value = t

    return median_ms(move, [(37 * k) % 301 for k in range(1, n + 1)])


BENCHMARKS["02 hidden-space explorer (epoch slider)"] = (bench_hidden_space_epoch, 40.0)


def bench_mlp_playground_hover(n: int = 40) -> float:
    """The mouse over the live trainer's picture (notebook 02): hovering a new neuron shows it large (a PNG,
    since the trainer is paused)."""
    from helpers.mlp_playground import mlp_playground

    playground = mlp_playground(layers=(8, 8))
    tiles = [(x + 5, y + 5) for (col, _), (x, y) in playground.picture.nodes.items() if col in (1, 2)]

    def hover(k):
        playground.mouse("mousemove", *tiles[k % len(tiles)])

    return median_ms(hover, range(n))


BENCHMARKS["02 MLP trainer (hover a neuron)"] = (bench_mlp_playground_hover, 50.0)


def main() -> None:
    for name, (bench, budget_ms) in sorted(BENCHMARKS.items()):
        ms = bench()
        verdict = "ok" if ms <= budget_ms else "OVER BUDGET"
        print(f"{name:45s} median {ms:6.1f} ms  (budget {budget_ms:.0f} ms)  {verdict}")


if __name__ == "__main__":
    main()
