"""Frame time of the live trainer (notebook 02) on a 6 × 8 network, part by part, and the same picture
drawn with matplotlib artists for comparison (why the picture is composed with NumPy and Pillow).

Run:  .venv/bin/python benchmarks/playground_frames.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from helpers.playground.data import DOMAIN
from helpers.playground.display import encode
from helpers.playground.palette import label_colours
from helpers.playground.picture import NetworkPicture, grid_points
from helpers.playground.session import Session
from helpers.playground.state import FEATURES, PlaygroundState

STATE = PlaygroundState(dataset="spiral", features=tuple(FEATURES), layers=(8,) * 6)
MULTICLASS = STATE.replace(dataset="blobs4")  # the same network with a 4-class softmax output


def _median_ms(fn, n: int) -> float:
    """Median CPU milliseconds of ``fn()`` in this process (wall time swings with other load on the machine)."""
    fn()  # warm up
    times = []
    for _ in range(n):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return 1000 * statistics.median(times)


def composed_parts(state: PlaygroundState = STATE, n: int = 40) -> dict[str, float]:
    """Median ms of each part of one frame as the trainer draws it, and of the status line."""
    session = Session(state)
    n_outputs = state.n_classes if session.multiclass else 1
    picture = NetworkPicture([FEATURES[f] for f in state.features], state.layers, DOMAIN, n_outputs)
    grid = grid_points(DOMAIN)
    points = (session.X_train, label_colours(session.y_train, state.n_classes), np.zeros(len(session.y_train), bool))
    session.trainer.fit(1)

    def render():
        w = [a.params["W"] for a in session.affines]
        b = [a.params["b"] for a in session.affines]
        h = session.trainer.history
        return picture.render(session.node_outputs(grid), w, b, big=(7, 0), points=points,
                              history=(h["loss"], h["test_loss"]), title="output")

    frame = render()
    return {"train one epoch": _median_ms(lambda: session.trainer.fit(1), n),
            "every node on the grid": _median_ms(lambda: session.node_outputs(grid), n),
            "compose the picture": _median_ms(render, n),
            "encode the PNG": _median_ms(lambda: encode(frame), n),
            "status: both accuracies": _median_ms(session.accuracy, n)}


def matplotlib_artists(n: int = 10) -> float:
    """Median ms to redraw the same 56 small heatmaps, the large map and the links as matplotlib artists
    (blitted, as ``helpers.widgets.LiveFigure`` does) and encode the PNG."""
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    from helpers.widgets import LiveFigure

    session = Session(STATE)
    outputs = session.node_outputs(grid_points(DOMAIN))
    fig = Figure(figsize=(9.2, 4.4), dpi=100)
    ax = fig.add_axes((0, 0, 0.62, 1), xlim=(0, 9), ylim=(0, 9))
    ax.set_axis_off()
    artists, segments = [], []
    for col, values in enumerate(outputs):
        for i in range(values.shape[1]):
            artists.append(ax.imshow(values[:, i].reshape(60, 60)[::2, ::2], extent=(col, col + 0.5, i, i + 0.5),
                                     cmap="RdYlBu", vmin=-1, vmax=1))
            segments += [[(col + 0.5, i + 0.25), (col + 1, j + 0.25)] for j in range(8)]
    links = ax.add_collection(LineCollection(segments, linewidths=1))
    big = fig.add_axes((0.66, 0.2, 0.32, 0.7)).imshow(outputs[-1].reshape(60, 60), cmap="RdYlBu", vmin=-1, vmax=1)
    live = LiveFigure(fig, [*artists, links, big])
    rng = np.random.default_rng(0)

    def redraw():
        for artist in artists:
            artist.set_data(rng.uniform(-1, 1, (30, 30)))
        links.set_linewidths(rng.uniform(1, 6, len(segments)))
        live.redraw()

    return _median_ms(redraw, n)


def main() -> None:
    for state in (STATE, MULTICLASS):
        n_out = state.n_classes if state.n_classes > 2 else 1
        print(f"{state.dataset}, {len(state.features)}-{'-'.join(map(str, state.layers))}-{n_out}:")
        parts = composed_parts(state)
        for name, ms in parts.items():
            print(f"  {name:28s} {ms:6.1f} ms")
        frame = sum(parts.values())
        print(f"  {'one training frame':28s} {frame:6.1f} ms  -> at most {1000 / frame:.0f} pictures/s from the kernel")
    print(f"{'same picture, mpl artists':28s} {matplotlib_artists():6.1f} ms")


if __name__ == "__main__":
    main()
