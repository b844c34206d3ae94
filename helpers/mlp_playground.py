"""A live MLP trainer inside Jupyter — the core of the TensorFlow Playground (notebook 02).

Pick a data set, its noise, the network (hidden layers, units, activation) and a learning rate; press
Train and watch the decision region and the loss curve change while the network learns.

How it stays responsive without a thread: an ``ipywidgets.Play`` widget ticks in the browser every
``interval`` ms; each tick queues two frames on the kernel's event loop, and each frame is one call of
:meth:`MLPPlayground.step`: train a small chunk of epochs (:class:`helpers.train.Trainer`), redraw
through :class:`helpers.widgets.LiveFigure`. Between frames the kernel is free, so other cells still
run while it trains. Tests call ``step()`` directly.
"""

from __future__ import annotations

import asyncio
import io
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers.datasets import TOY_DATASETS
from helpers.layers import ACTIVATION_LAYERS, BinaryCrossEntropy, mlp
from helpers.optim import SGD
from helpers.plotting import CLASS_COLORS, PROBABILITY_CMAP, probability_grid
from helpers.train import Trainer
from helpers.widgets import LiveFigure, Panel

LIMITS = (-1.5, 1.5)
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
LOSS_LIMITS = (1e-3, 2.0)


class TrainingFigure(LiveFigure):
    """A :class:`LiveFigure` that sends JPEG frames while training runs and a crisp PNG otherwise.

    A PNG of this figure takes ~13 ms to encode and is ~60 kB; a JPEG takes ~1 ms and is sent faster,
    which is what lets the picture keep up with the ticks. Frames in flight are replaced 20+ times a
    second, so JPEG's slight blur on text does not show; as soon as training pauses, the last frame is
    redrawn as PNG.
    """

    def __init__(self, fig, dynamic_artists):
        self.live = False
        super().__init__(fig, dynamic_artists)

    def png(self) -> bytes:
        """The figure as PNG bytes, or as JPEG bytes while ``live`` (the image's format follows)."""
        if not self.live:
            self.image.format = "png"
            return super().png()
        rgb = Image.frombuffer("RGBA", self.fig.canvas.get_width_height(), self.fig.canvas.buffer_rgba())
        buf = io.BytesIO()
        rgb.convert("RGB").save(buf, format="jpeg", quality=90)
        self.image.format = "jpeg"
        return buf.getvalue()


def build_trainer(dataset: str = "xor", noise: float = 0.1, hidden_layers: int = 1, units: int = 4,
                  activation: str = "tanh", lr: float = 0.3, *, n: int = 200, batch_size: int = 20,
                  seed: int = 0) -> Trainer:
    """The plain training set-up behind the playground: data, an MLP, BCE loss and SGD.

    The network is ``2 -> units -> ... (hidden_layers times) -> 1`` with ``activation`` after every
    hidden layer, trained with :class:`helpers.layers.BinaryCrossEntropy` on mini-batches of
    ``batch_size``. ``seed`` fixes the data, the starting weights and the batch order.
    """
    if dataset not in TOY_DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(TOY_DATASETS)}, got {dataset!r}")
    X, y = TOY_DATASETS[dataset](n, noise, seed=seed)
    model = mlp([2] + [units] * hidden_layers + [1], activation, rng=seed)
    return Trainer(model, BinaryCrossEntropy(), SGD(lr), X, y, batch_size=batch_size, seed=seed)


class MLPPlayground(Panel):
    """The live trainer: controls on the left, decision region and loss curve on the right.

    Display it by leaving it as the last expression of a cell. Every control is an attribute
    (``dataset``, ``noise``, ``hidden_layers``, ``units``, ``activation``, ``lr``, ``train_button``,
    ``step_button``, ``reset_button``, ``play``), so code and tests can drive it like a learner.

    Args:
        epochs_per_tick: epochs trained per tick of the Play widget (and per press of Step).
        interval: milliseconds between ticks while training.
        resolution: the decision region is computed on a ``resolution × resolution`` grid.
    """

    EXTRA_FRAME_DELAY = 0.025  # seconds after a tick's first frame that its second one is drawn
    MIN_FRAME_GAP = 0.015  # frames closer together than this are skipped (caps at ~66 frames per second)

    def __init__(self, dataset: str = "xor", noise: float = 0.1, hidden_layers: int = 1, units: int = 4,
                 activation: str = "tanh", lr: float = 0.3, *, seed: int = 0, epochs_per_tick: int = 5,
                 interval: int = 20, resolution: int = 50):
        wide = widgets.Layout(width="280px")
        style = {"description_width": "90px"}
        self.dataset = widgets.Dropdown(options=list(TOY_DATASETS), value=dataset, description="data",
                                        layout=wide, style=style)
        self.noise = widgets.FloatSlider(value=noise, min=0.0, max=0.5, step=0.05, description="noise",
                                         layout=wide, style=style, continuous_update=False)
        self.hidden_layers = widgets.IntSlider(value=hidden_layers, min=1, max=3, description="hidden layers",
                                               layout=wide, style=style, continuous_update=False)
        self.units = widgets.IntSlider(value=units, min=1, max=8, description="units/layer", layout=wide,
                                       style=style, continuous_update=False)
        self.activation = widgets.Dropdown(options=list(ACTIVATION_LAYERS), value=activation,
                                           description="activation", layout=wide, style=style)
        self.lr = widgets.SelectionSlider(options=LEARNING_RATES, value=lr, description="learning rate",
                                          layout=wide, style=style, continuous_update=False)
        self.play = widgets.Play(value=0, min=0, max=10**9, interval=interval, show_repeat=False,
                                 layout=widgets.Layout(display="none"))
        self.train_button = widgets.ToggleButton(value=False, description="Train", icon="play",
                                                 button_style="success", layout=widgets.Layout(width="90px"))
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip=f"train {epochs_per_tick} epochs",
                                          layout=widgets.Layout(width="90px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="new starting weights",
                                           layout=widgets.Layout(width="90px"))
        self.status = widgets.HTML()
        self.epochs_per_tick = epochs_per_tick
        self.seed = seed
        self.frame_log: list[tuple[float, float]] = []  # (start, seconds) of recent frames: see update_rate()
        self._tick_queued = False

        self.trainer = self._new_trainer()
        self._grid = probability_grid(LIMITS, resolution)
        self._build_figure(resolution)

        widgets.link((self.train_button, "value"), (self.play, "playing"))
        self.train_button.observe(self._on_train_toggle, names="value")
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset(new_seed=True))
        for control in (self.dataset, self.noise, self.hidden_layers, self.units, self.activation):
            control.observe(lambda _: self.reset(), names="value")
        self.lr.observe(self._on_lr, names="value")

        buttons = widgets.HBox([self.train_button, self.step_button, self.reset_button])
        controls = widgets.VBox([self.dataset, self.noise, self.hidden_layers, self.units, self.activation,
                                 self.lr, buttons, self.status, self.play],
                                layout=widgets.Layout(padding="6px 10px 0 0", flex="0 0 auto"))
        # controls keep their width; on a narrow page the figure moves below them instead of squeezing them
        self.panel = widgets.HBox([controls, self.figure.image], layout=widgets.Layout(flex_flow="row wrap"))
        self.update(full=True)

    # --- the state -------------------------------------------------------------------------------

    def _new_trainer(self) -> Trainer:
        return build_trainer(self.dataset.value, self.noise.value, self.hidden_layers.value, self.units.value,
                             self.activation.value, self.lr.value, seed=self.seed)

    def step(self, epochs: int | None = None) -> None:
        """Train a chunk of epochs (``epochs_per_tick`` by default) and redraw."""
        with np.errstate(all="ignore"):  # a too-large learning rate shows up as a non-finite loss, below
            self.trainer.fit(epochs or self.epochs_per_tick)
        if not np.isfinite(self.trainer.history["loss"][-1]):
            self.train_button.value = False
        self.update()

    def reset(self, new_seed: bool = False) -> None:
        """Start again from fresh weights (a new seed when ``new_seed``), with the controls' settings."""
        if new_seed:
            self.seed += 1
        self.trainer = self._new_trainer()
        self.update(full=True)

    @property
    def diverged(self) -> bool:
        """True once the loss is no longer a finite number (the learning rate was too large)."""
        return bool(self.trainer.history["loss"]) and not np.isfinite(self.trainer.history["loss"][-1])

    def probabilities(self) -> np.ndarray:
        """The network's probability of class 1 on the grid, shape (resolution, resolution)."""
        with np.errstate(all="ignore"):
            scores = self.trainer.model.forward(self._grid)
        n = int(np.sqrt(len(self._grid)))
        return np.nan_to_num(BinaryCrossEntropy.probability(scores), nan=0.5).reshape(n, n)

    # --- the picture -----------------------------------------------------------------------------

    def _build_figure(self, resolution: int) -> None:
        fig = Figure(figsize=(7.4, 3.6), dpi=100, layout="constrained")
        ax_region, ax_loss = fig.subplots(1, 2, width_ratios=[1, 1.05])
        lo, hi = LIMITS
        self.region = ax_region.imshow(np.full((resolution, resolution), 0.5), extent=(lo, hi, lo, hi),
                                       origin="lower", cmap=PROBABILITY_CMAP, vmin=0, vmax=1,
                                       interpolation="nearest")  # the grid's own cells: cheap to draw
        self.points = ax_region.scatter([], [], s=16, edgecolors="black", linewidths=0.5, zorder=3)
        ax_region.set(xlim=LIMITS, ylim=LIMITS, aspect="equal", xticks=[-1, 0, 1], yticks=[-1, 0, 1])
        ax_region.grid(False)
        ax_region.set_title("p(class 1): blue 0, white 0.5, orange 1", fontsize=10)
        (self.loss_line,) = ax_loss.plot([], [], color="black", lw=1.5)
        ax_loss.set(yscale="log", ylim=LOSS_LIMITS, xlim=(0, 100), xlabel="epoch", ylabel="training loss (BCE)")
        ax_loss.set_title("training loss per epoch", fontsize=10)
        self.ax_loss = ax_loss
        # only what moves is redrawn per tick; the numbers go to the status text (text is slow to draw)
        self.figure = TrainingFigure(fig, [self.region, self.points, self.loss_line])

    def update(self, full: bool = False) -> None:
        """Refresh the region, points, loss curve and status from the trainer (``full`` after a reset)."""
        t = self.trainer
        if full:
            self.points.set_offsets(t.X)
            self.points.set_facecolor([CLASS_COLORS[int(c)] for c in t.y])
            full = tuple(self.ax_loss.get_xlim()) != (0, 100)  # the background changes only with the loss axis
            self.ax_loss.set_xlim(0, 100)
        self.region.set_data(self.probabilities())
        losses = np.clip(np.nan_to_num(t.history["loss"], nan=LOSS_LIMITS[1], posinf=LOSS_LIMITS[1]), *LOSS_LIMITS)
        epochs = np.arange(1, len(losses) + 1)
        self.loss_line.set_data(epochs, losses)
        if t.epoch > self.ax_loss.get_xlim()[1]:  # grow the axis by doubling: a full redraw only now and then
            self.ax_loss.set_xlim(0, 2 ** int(np.ceil(np.log2(t.epoch))))
            full = True
        accuracy = t.history["accuracy"][-1] if t.epoch else t.accuracy()
        loss_text = "—" if not t.epoch else f"{t.history['loss'][-1]:.3g}"
        self.figure.redraw(full=full)
        sizes = "-".join(str(s) for s in [2] + [self.units.value] * self.hidden_layers.value + [1])
        n_params = sum(p.size for p in t.model.params.values())
        warning = ("<br><b style='color:#cf222e'>diverged: lower the learning rate, then Reset</b>"
                   if self.diverged else "")
        self.status.value = (f"network {sizes} ({n_params} parameters), {self.activation.value}, "
                             f"seed {self.seed}<br><b>epoch {t.epoch}</b>, loss {loss_text}, "
                             f"{self.dataset.value} accuracy {accuracy:.0%}{warning}")

    # --- callbacks -------------------------------------------------------------------------------

    def _on_tick(self, change) -> None:
        """A Play tick: queue a frame (train a chunk, redraw) now and a second one half a tick later.

        In a live kernel the frames are queued on the kernel's event loop, so the kernel acknowledges the
        tick at once and the browser can send the next tick while this one trains. The round trip of a
        tick (browser -> kernel -> browser) takes ~50 ms here even when the kernel does nothing (measured
        with JupyterLab 4 and ipykernel 7), which would cap the trainer at ~20 frames per second; the
        extra frame, drawn by the kernel between two ticks, lifts that cap. A tick that arrives while
        one is still queued is dropped and frames closer than ``MIN_FRAME_GAP`` are skipped, so nothing
        piles up; Pause stops both at once. Outside a kernel (tests) one frame runs at once.
        """
        if change["new"] <= change["old"] or not self.train_button.value or self._tick_queued:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._run_frame()
            return
        self._tick_queued = True
        loop.call_soon(self._run_frame)
        loop.call_later(self.EXTRA_FRAME_DELAY, self._run_frame, True)

    def _run_frame(self, extra: bool = False) -> None:
        if not extra:
            self._tick_queued = False
        if not self.train_button.value:  # paused while this frame waited
            return
        start = time.perf_counter()
        if extra and self.frame_log and start - self.frame_log[-1][0] < self.MIN_FRAME_GAP:
            return
        try:
            self.step()
        except Exception as err:  # shown to the learner instead of lost in the kernel's log
            self.train_button.value = False
            self.status.value += f"<br><b style='color:#cf222e'>error: {err}</b>"
            return
        self.frame_log = self.frame_log[-199:] + [(start, time.perf_counter() - start)]

    def update_rate(self) -> dict[str, float]:
        """How training frames went lately: ``{"updates_per_s", "median_frame_ms"}`` (from the last ≤ 200)."""
        if len(self.frame_log) < 2:
            return {"updates_per_s": 0.0, "median_frame_ms": 0.0}
        starts = np.array([s for s, _ in self.frame_log])
        gaps = np.diff(starts)
        gaps = gaps[gaps < 1.0]  # leave out pauses between training runs
        rate = 1.0 / float(np.median(gaps)) if gaps.size else 0.0
        return {"updates_per_s": rate, "median_frame_ms": 1000 * float(np.median([d for _, d in self.frame_log]))}

    def _on_train_toggle(self, change) -> None:
        self.figure.live = change["new"]
        if not change["new"]:
            self.figure.redraw()  # the paused picture as a crisp PNG
        self.train_button.description = "Pause" if change["new"] else "Train"
        self.train_button.icon = "pause" if change["new"] else "play"
        self.train_button.button_style = "warning" if change["new"] else "success"

    def _on_lr(self, change) -> None:
        self.trainer.optimizer.lr = change["new"]  # takes effect at the next step, no reset



def mlp_playground(dataset: str = "xor", noise: float = 0.1, hidden_layers: int = 1, units: int = 4,
                   activation: str = "tanh", lr: float = 0.3, **kwargs) -> MLPPlayground:
    """The live MLP trainer of notebook 02 (see :class:`MLPPlayground`)."""
    return MLPPlayground(dataset, noise, hidden_layers, units, activation, lr, **kwargs)
