"""A slider move in the kernel, part by part: the panel's own work, drawing, PNG encoding, and the comm messages
it sends (how many, how many bytes).

Run:  .venv/bin/python benchmarks/slider_parts.py

CPU time of this process (``time.process_time``), median over the moves: wall time swings with the other work on
a shared machine. What the browser adds on top (the round trip, the image decode) is in
``benchmarks/slider_roundtrip.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the tests and their kernels run

import statistics  # noqa: E402
import time  # noqa: E402

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402


def _panels():
    """name -> (panel, control, values to move it through)."""
    from helpers.activation_explorer import activation_explorer
    from helpers.fitting_explorer import WIDTHS, FittingExplorer
    from helpers.graph_playground import shopping_playground
    from helpers.init_explorer import init_explorer
    from helpers.rnn_widgets import TimeStepper
    from helpers.scale_shift_explorer import scale_shift_explorer
    from helpers.sequence_tasks import SequenceRegressor, noisy_sines
    from helpers.sigmoid_graph_explorer import sigmoid_graph_explorer
    from helpers.widgets import gate_playground

    gate = gate_playground()
    batch = noisy_sines(6, 40, seed=0)
    stepper = TimeStepper(SequenceRegressor(1, 16, seed=0), batch.noisy, batch.clean)
    stepper.t.value = 20
    init = init_explorer(scheme="xavier", activation="relu", depth=8)
    fitting = FittingExplorer(hidden=64, epochs=300)
    shopping = shopping_playground(basket=500)
    sigmoid = sigmoid_graph_explorer()
    activation = activation_explorer("sigmoid")
    gamma_beta = scale_shift_explorer(gamma=1.5, beta=1.0)
    depths = [7, 6, 5, 4, 3, 2, 1, 8] * 2  # from the notebook's 8: each L's first show, then again
    return {
        "01 gate playground (w1)": (gate, gate.w1, np.round(np.linspace(-1, 1, 41), 2).tolist()),
        "07 time stepper (t)": (stepper, stepper.t, [i % 40 for i in range(1, 41)]),
        "07 time stepper (sequence n)": (stepper, stepper.seq, [i % 6 for i in range(1, 25)]),
        "06 init explorer (sigma_w, notebook's)": (init, init.std, [0.25, 0.3, 0.35, 0.3] * 6),
        "05 fitting explorer (hidden units)": (fitting, fitting.hidden, [WIDTHS[i % 7] for i in range(1, 29)]),
        "06 init explorer (L, notebook's)": (init, init.depth, depths),
        "06 scale-shift explorer (gamma)": (gamma_beta, gamma_beta.gamma, _steps(1.0, 0.05, 20)),
        "03 shopping playground (apple price)": (shopping, shopping.apple_price, _steps(0, 10, 30, digits=0)),
        "03 shopping playground (dout)": (shopping, shopping.dout, _steps(-2.0, 0.1, 40)),
        "03 sigmoid graph explorer (x)": (sigmoid, sigmoid.x, _steps(-6.0, 0.1, 120)),
        "04 activation explorer (input shift)": (activation, activation.shift, _steps(-3.0, 0.1, 60)),
        "04 activation explorer (input scale)": (activation, activation.scale, _steps(0.5, 0.1, 40)),
        "04 activation explorer (L)": (activation, activation.depth_slider, _steps(1, 1, 30, digits=0)),
        "04 activation explorer (w)": (activation, activation.weight, _steps(0.5, 0.05, 30)),
    }


def _steps(low, step, n: int, digits: int = 2, moves: int = 40) -> list:
    """``moves`` slider values walking up from ``low`` in ``n`` steps of ``step``, then again from ``low``."""
    values = [round(low + step * (i % n), digits) for i in range(1, moves + 1)]
    return [int(v) for v in values] if digits == 0 else values


def parts(panel, control, values) -> dict[str, float]:
    """Median CPU ms per move: of the whole move (and its slowest), until the new picture is set (and the slowest),
    of drawing and of encoding; messages and kB sent per move. (No event loop runs here: notebook 06's drawing
    ahead, which waits for an idle kernel, is not timed.)"""
    figure = panel.figure
    spent = {"draw": 0.0, "encode": 0.0, "picture": None}
    sent = {"messages": 0, "bytes": 0}

    def timed(part, fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - start
        return wrapper

    figure._redraw, figure._redraw_boxes = timed("draw", figure._redraw), timed("draw", figure._redraw_boxes)
    figure.png = timed("encode", figure.png)

    def picture_set(_change):
        if spent["picture"] is None:
            spent["picture"] = time.process_time()

    figure.image.observe(picture_set, "value")
    send = ipywidgets.Widget._send

    def counting_send(self, msg, buffers=None):
        sent["messages"] += 1
        sent["bytes"] += sum(len(bytes(b)) for b in buffers or ()) + len(repr(msg))
        return send(self, msg, buffers)

    ipywidgets.Widget._send = counting_send
    rows = []
    try:
        for value in values:
            spent.update(draw=0.0, encode=0.0, picture=None)
            sent.update(messages=0, bytes=0)
            start = time.process_time()
            control.value = value
            total = time.process_time() - start
            picture = total if spent["picture"] is None else spent["picture"] - start
            rows.append((total, picture, spent["draw"], spent["encode"], sent["messages"], sent["bytes"]))
    finally:
        ipywidgets.Widget._send = send
        figure.image.unobserve(picture_set, "value")
    total, picture, draw, encode, messages, size = (statistics.median(c) for c in zip(*rows, strict=True))
    ms = {"move": total, "max": max(row[0] for row in rows), "picture": picture,
          "picture max": max(row[1] for row in rows), "draw": draw, "encode": encode,
          "rest": statistics.median(row[0] - row[2] - row[3] for row in rows)}
    return {**{k: 1000 * v for k, v in ms.items()}, "messages": messages, "kB": size / 1000}


def main() -> None:
    columns = ("move", "max", "picture", "picture max", "draw", "encode", "rest")
    print(f"{'median per move, CPU ms':40s} " + " ".join(f"{c:>7s}" for c in columns) + f" {'msgs':>5s} {'kB':>6s}")
    for name, (panel, control, values) in _panels().items():
        p = parts(panel, control, values)
        print(f"{name:40s} " + " ".join(f"{p[c]:7.1f}" for c in columns) + f" {p['messages']:5.0f} {p['kB']:6.1f}")


if __name__ == "__main__":
    main()
