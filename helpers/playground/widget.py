"""The live trainer panel: controls on the left, the composed picture on the right, mouse on the picture.

How it stays responsive without a thread: an ``ipywidgets.Play`` widget ticks in the browser every
``interval`` ms; each tick queues two frames on the kernel's event loop (:mod:`helpers.playground.frames`),
and each frame is one call of :meth:`MLPPlayground.step`: train ``epochs_per_frame`` epochs, compose the
picture (:mod:`helpers.playground.picture`), send it. Between frames the kernel is free, so other cells
still run while it trains. Tests call ``step()`` and :meth:`MLPPlayground.mouse` directly.
"""

from __future__ import annotations

import ipyevents
import ipywidgets as widgets
import numpy as np

from helpers.panel import Panel
from helpers.playground import controls as ctl
from helpers.playground.data import DOMAIN, points_from_arrays, starting_points, with_point, without_point
from helpers.playground.display import LEGEND, PictureImage, confusion_html, status_html
from helpers.playground.export import to_pytorch
from helpers.playground.frames import FramePlayer
from helpers.playground.palette import label_colours
from helpers.playground.picture import NetworkPicture, grid_points
from helpers.playground.session import Session
from helpers.playground.state import CUSTOM, FEATURES, PlaygroundState
from helpers.validation import as_bool, as_choice, as_int, as_positive_int

_REBUILD = ("dataset", "noise", "train_percent", "batch_size", "hidden_layers", "activation", "optimizer", "init",
            *FEATURES, *(f"neurons_{k}" for k in range(1, 7)))


class MLPPlayground(Panel):
    """The TensorFlow Playground's trainer in a notebook. Build it with :func:`mlp_playground`.

    Every control is an attribute of ``controls`` (and ``settings`` / ``set_settings`` as in every
    panel); ``train_button``, ``step_button``, ``reset_button`` (new starting weights) and
    ``regenerate_button`` (new data) are attributes; ``state`` is the share-string; ``session`` holds
    the data, the network and its :class:`helpers.train.Trainer` (also ``trainer``).

    The learner's own data: :meth:`set_data`, :meth:`add_point`, :meth:`remove_point`, or a click on the
    large map (shift-click removes). Each change makes the data set ``"custom"`` (starting from the points
    shown, if it was another set) and restarts training from the same seed, so two runs on the same points
    are the same run. :meth:`to_pytorch` exports the whole run as a PyTorch script.
    """

    def __init__(self, state: PlaygroundState, *, hide=(), epochs_per_frame: int = 1, interval: int = 20):
        unknown = set(hide) - set(ctl.GROUPS)
        if unknown or isinstance(hide, str):
            raise ValueError(f"hide must be a tuple of {', '.join(ctl.GROUPS)}; got {hide!r}")
        self.hidden, self.seed, self.data_seed = tuple(hide), state.seed, state.data_seed
        self.points = state.points
        self.epochs_per_frame = as_positive_int(epochs_per_frame, "epochs_per_frame")
        interval = as_int(interval, "interval", low=1, high=10_000)
        self.selected = self.hovered = self.link = None
        self.title = ""
        self.figure = PictureImage(920, 440)
        self.train_button = widgets.ToggleButton(description="Train", icon="play", button_style="success",
                                                 layout=widgets.Layout(width="86px"))
        self.step_button = widgets.Button(description="Step", icon="step-forward", tooltip="train one epoch",
                                          layout=widgets.Layout(width="76px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="new starting weights",
                                           layout=widgets.Layout(width="82px"))
        self.regenerate_button = widgets.Button(description="New data", tooltip="regenerate the data",
                                                layout=widgets.Layout(width="96px"))
        self.weight = widgets.FloatText(description="w", disabled=True, layout=widgets.Layout(width="150px"),
                                        style={"description_width": "20px"})
        self.info, self.status = widgets.HTML("<small>click a link to set its weight</small>"), widgets.HTML()
        self.confusion = widgets.HTML()
        self.player = FramePlayer(self.step, self.train_button, interval, on_error=self._show_error)
        c = ctl.build_controls(state)
        self._register_controls(c)
        for control in (control for name in self.hidden for control in ctl.GROUPS[name]):
            c[control].layout.display = "none"
        ctl.show_layer_sliders(c, self.hidden)
        for name in _REBUILD:
            self._observe(c[name], lambda _: self.refresh())
        for name in ("lr", "regularization", "reg_rate"):
            self._observe(c[name], lambda _: self._on_rates())
        for name in ("show_test", "discretize"):
            self._observe(c[name], lambda _: self.update())
        self._observe(c["stop_epoch"], lambda change: self._on_stop_epoch(change["new"]))
        self.train_button.observe(self._on_train_toggle, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset(new_weights=True))
        self.regenerate_button.on_click(lambda _: self.reset(new_data=True))
        self.weight.observe(self._on_weight, names="value")
        self.events = ipyevents.Event(source=self.figure.image, watched_events=["click", "mousemove", "mouseleave"],
                                      throttle_or_debounce="throttle", wait=40)
        self.events.on_dom_event(lambda e: self.mouse(e["type"], e.get("relativeX", -1), e.get("relativeY", -1),
                                                      shift=bool(e.get("shiftKey"))))
        buttons = widgets.HBox([self.train_button, self.step_button, self.reset_button])
        controls = ctl.layout(c, [buttons, widgets.HBox([self.regenerate_button, self.defaults_button()]),
                                  widgets.HBox([self.weight, self.info]), self.status, self.player.play])
        legend = widgets.HTML(LEGEND, layout=widgets.Layout(width="900px"))
        self.panel = widgets.VBox([controls, self.figure.image, self.confusion, legend])
        self.panel.add_class("mlp-playground")  # for the browser test and for styling
        self.figure.image.add_class("mlp-playground-picture")
        self._grid = grid_points(DOMAIN)
        self._build(state)

    def close(self) -> None:
        """Close every widget of the panel, and its mouse listener."""
        self.events.close()
        super().close()

    # --- the state -------------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """The whole playground as a short string: ``mlp_playground(state=...)`` rebuilds it."""
        return self.current_state().to_string()

    def current_state(self) -> PlaygroundState:
        """The :class:`PlaygroundState` the controls, seeds and points describe now."""
        return ctl.state_from_controls(self.controls, self.seed, self.data_seed, self.points)

    def set_state(self, state: str | PlaygroundState) -> None:
        """Rebuild from a share-string or state: every control, both seeds, the points, fresh training."""
        state = PlaygroundState.from_string(state) if isinstance(state, str) else state
        if not isinstance(state, PlaygroundState):
            raise TypeError(f"state must be a share-string or a PlaygroundState, got {type(state).__name__}")
        self.seed, self.data_seed = state.seed, state.data_seed
        self.points = state.points or self.points
        self.set_settings(**ctl.settings_of(state))

    # --- the learner's own data ------------------------------------------------------------------

    def set_data(self, X, y) -> None:
        """Train on your own points: ``X`` (N, 2) in Playground units inside the plane [-6, 6]², ``y`` (N,) whole
        class numbers 0 .. K-1 with 2 <= K <= 4, 1 <= N <= 500. The data set becomes ``"custom"`` (coordinates
        rounded to 0.1), split into train and test by the training-data % as usual (all of them train, and
        test, if fewer than 10). Raises ``TypeError``/``ValueError`` for a bad ``X`` or ``y``."""
        self._use_points(points_from_arrays(X, y))

    def add_point(self, x1: float, x2: float, label: int) -> None:
        """Add a point of class ``label`` (0-3) at ``(x1, x2)``; training restarts from the same seed."""
        self._use_points(with_point(starting_points(self.session.state), x1, x2, label))

    def remove_point(self, x1: float, x2: float) -> bool:
        """Remove the point nearest to ``(x1, x2)`` if one lies within 0.5 units (never the last one); returns
        whether one was removed (then training restarts from the same seed)."""
        before = starting_points(self.session.state)
        after = without_point(before, x1, x2)
        if len(after) < len(before):
            self._use_points(after)
        return len(after) < len(before)

    def _use_points(self, points: tuple) -> None:
        self.points = points
        self.set_settings(dataset=CUSTOM)  # rebuilds, also when the data set was custom already

    def to_pytorch(self) -> str:
        """An equivalent PyTorch script of this run (see :func:`helpers.playground.export.to_pytorch`)."""
        return to_pytorch(self.session)

    @property
    def trainer(self):
        """The :class:`helpers.train.Trainer` of the current run."""
        return self.session.trainer

    def _build(self, state: PlaygroundState) -> None:
        self.session = Session(state)
        n_outputs = state.n_classes if self.session.multiclass else 1
        self.picture = NetworkPicture([FEATURES[f] for f in state.features], state.layers, DOMAIN, n_outputs)
        self.selected = self.hovered = self.link = None
        self.weight.disabled = True
        self.update()

    def refresh(self) -> None:
        """Start again from the controls (after a change of data or network, or :meth:`set_settings`)."""
        ctl.show_layer_sliders(self.controls, self.hidden)
        features = [name for name in FEATURES if self.controls[name].value]
        if not features:  # the network needs an input: x1 comes back on (its callback rebuilds)
            self.controls["x1"].value = True
            return
        if self.controls["dataset"].value == CUSTOM and not self.points:  # start from the points shown
            self.points = starting_points(self.session.state)
        self._build(self.current_state())

    def reset(self, new_weights: bool = False, new_data: bool = False) -> None:
        """Start training again: new starting weights (``new_weights``) and/or new data (``new_data``)."""
        new_weights, new_data = as_bool(new_weights, "new_weights"), as_bool(new_data, "new_data")
        self.seed += int(new_weights)
        self.data_seed += int(new_data)
        self._build(self.current_state())

    def step(self, epochs: int | None = None) -> None:
        """Train ``epochs`` epochs (``epochs_per_frame`` by default; Step trains one) and redraw; training
        pauses at the stop epoch (if set) or when the loss diverges."""
        with np.errstate(all="ignore"):  # a too-large learning rate shows up as a non-finite loss, below
            self.session.train(self.epochs_per_frame if epochs is None else as_positive_int(epochs, "epochs"))
        if self.session.diverged or self.session.stopped:
            self.train_button.value = False
        self.update()

    def _show_error(self, err: Exception) -> None:
        self.status.value += f"<br><b style='color:#cf222e'>error: {err}</b>"

    def update_rate(self) -> dict[str, float]:
        """How training frames went lately: ``{"updates_per_s", "median_frame_ms"}``."""
        return self.player.rate()

    # --- the picture -----------------------------------------------------------------------------

    def big_node(self) -> tuple[int, int]:
        """The node shown large: the hovered one, else the clicked one, else the output."""
        return self.hovered or self.selected or (len(self.picture.sizes) - 1, 0)

    def update(self) -> None:
        """Compose and send a new picture and status from the session as it is now."""
        s, t = self.session, self.trainer
        outputs = s.node_outputs(self._grid)
        show_test = self.controls["show_test"].value
        X, y = (s.X_test, s.y_test) if show_test else (s.X_train, s.y_train)
        history = (t.history["loss"], t.history["test_loss"]) if t.epoch else tuple([v] for v in s.losses())
        col, i = node = self.big_node()
        if col == 0:
            title = "input " + FEATURES[s.state.features[i]]
        else:
            title = "output" if col == len(self.picture.sizes) - 1 else f"layer {col}, neuron {i + 1}"
        self.title = title + (" (test points)" if show_test else "")
        affines = s.affines
        points = (X, label_colours(y, s.state.n_classes), np.full(len(X), show_test))
        frame = self.picture.render(outputs, [a.params["W"] for a in affines], [a.params["b"] for a in affines],
                                    big=node, points=points,
                                    history=history, title=self.title,
                                    marked=[n for n in (self.selected, self.hovered) if n], link=self.link,
                                    discretize=self.controls["discretize"].value)
        self.figure.show(frame)
        self.status.value = status_html(s, self.seed)
        self.confusion.value = confusion_html(s.confusion("test")) if s.multiclass else ""

    # --- the mouse -------------------------------------------------------------------------------

    def mouse(self, kind: str, x: float, y: float, shift: bool = False) -> None:
        """A mouse event at pixel ``(x, y)`` of the picture: ``"mousemove"``, ``"click"`` or ``"mouseleave"``.

        A click on the large map adds a point of the ``draw_class`` class there (``shift``: removes the
        nearest point); not on a regression set, whose targets are numbers, not classes, nor when the
        "draw" group is hidden.
        """
        as_choice(kind, "kind", ("mousemove", "click", "mouseleave"))
        node = self.picture.node_at(x, y) if kind != "mouseleave" else None
        spot = self.picture.plane_at(x, y) if kind == "click" and "draw" not in self.hidden else None
        if spot is not None and not self.session.state.regression:
            if shift:
                self.remove_point(*spot)
            else:
                self.add_point(*spot, self.controls["draw_class"].value)
            return
        if kind == "click":
            link = self.picture.link_at(x, y)
            if node is not None:
                self.selected = None if node == self.selected else node
            elif link is not None:
                self.link = link
                col, i, j = link
                self.weight.disabled = False
                self.weight.value = round(float(self.session.affines[col].params["W"][i, j]), 4)
                self.info.value = f"<small>link {self._link_name(link)}</small>"
        elif node == self.hovered:
            return
        self.hovered = node if kind != "click" else self.hovered
        if not self.train_button.value:  # while training, the next frame shows it
            self.update()

    def _link_name(self, link) -> str:
        col, i, j = link
        source = FEATURES[self.session.state.features[i]] if col == 0 else f"L{col} n{i + 1}"
        if col < len(self.picture.sizes) - 2:
            target = f"L{col + 1} n{j + 1}"
        else:
            target = f"output (class {ctl.CLASS_NAMES[j]})" if self.session.multiclass else "output"
        return f"{source} → {target}"

    def _on_weight(self, change) -> None:
        if self.link is None or self.weight.disabled:
            return
        col, i, j = self.link
        if self.session.affines[col].params["W"][i, j] != change["new"]:
            self.session.set_weight(col, i, j, change["new"])
            self.update()

    # --- callbacks -------------------------------------------------------------------------------

    def _on_rates(self) -> None:
        c = self.controls
        self.session.set_lr(c["lr"].value)
        self.session.set_regularization(ctl.regularization_of(c), c["reg_rate"].value)

    def _on_stop_epoch(self, epoch: int) -> None:
        self.session.set_stop_epoch(epoch)
        self.update()

    def _on_train_toggle(self, change) -> None:
        self.train_button.description = "Pause" if change["new"] else "Train"
        self.train_button.icon = "pause" if change["new"] else "play"
        self.train_button.button_style = "warning" if change["new"] else "success"
        if not change["new"]:
            self.update()  # the paused picture as a crisp PNG


def mlp_playground(state: str | PlaygroundState | None = None, *, hide=(), epochs_per_frame: int = 1,
                   interval: int = 20, **settings) -> MLPPlayground:
    """The live trainer of notebook 02 (see :class:`MLPPlayground`).

    Args:
        state: a share-string (``playground.state``) or a :class:`PlaygroundState`; None: the defaults.
        hide: control groups to hide, any of ``helpers.playground.controls.GROUPS``.
        epochs_per_frame: epochs trained per picture while training.
        interval: milliseconds between the browser's ticks.
        **settings: :class:`PlaygroundState` fields that override ``state``, e.g. ``dataset="spiral"``.
    """
    if isinstance(state, str):
        state = PlaygroundState.from_string(state)
    state = (state or PlaygroundState()).replace(**settings) if settings else (state or PlaygroundState())
    return MLPPlayground(state, hide=hide, epochs_per_frame=epochs_per_frame, interval=interval)
