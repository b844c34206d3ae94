"""Training frames paced by the browser: a hidden ``ipywidgets.Play`` ticks, the kernel draws.

Each tick queues two frames on the kernel's event loop, so the kernel acknowledges the tick at once
and stays free between frames (another cell runs meanwhile). The round trip of a tick (browser ->
kernel -> browser) takes ~50 ms here even when the kernel does nothing (JupyterLab 4, ipykernel 7),
which alone would cap the trainer at ~20 pictures per second; the extra frame, drawn by the kernel
between two ticks, lifts that cap. A tick that arrives while one is still queued is dropped and frames
closer than ``MIN_FRAME_GAP`` are skipped, so nothing piles up; Pause stops both at once. Outside a
running event loop (tests) a tick runs its one frame at once.
"""

from __future__ import annotations

import asyncio
import time

import ipywidgets as widgets
import numpy as np

from helpers.validation import as_bool, as_callable, as_instance, as_positive_int


class FramePlayer:
    """Calls ``frame()`` on the ticks of a hidden ``Play`` widget while ``toggle`` (the Train button) is on.

    Args:
        frame: the function that trains a little and redraws.
        toggle: a ``ToggleButton`` linked to the Play widget's ``playing``.
        interval: milliseconds between ticks.
        on_error: called with the exception if a frame raises (training pauses), e.g. to show it.
    """

    EXTRA_FRAME_DELAY = 0.025  # seconds after a tick's first frame that its second one is drawn
    MIN_FRAME_GAP = 0.015  # frames closer together than this are skipped (caps at ~66 per second)

    def __init__(self, frame, toggle: widgets.ToggleButton, interval: int = 20, on_error=None):
        as_instance(toggle, "toggle", widgets.ToggleButton, "an ipywidgets ToggleButton")
        interval = as_positive_int(interval, "interval")
        self.frame, self.toggle = as_callable(frame, "frame"), toggle
        self.on_error = None if on_error is None else as_callable(on_error, "on_error")
        self.play = widgets.Play(value=0, min=0, max=10**9, interval=interval, show_repeat=False,
                                 layout=widgets.Layout(display="none"))
        widgets.link((toggle, "value"), (self.play, "playing"))
        self.play.observe(self._on_tick, names="value")
        self.log: list[tuple[float, float]] = []  # (start, seconds) of the last <= 200 frames
        self._queued = False

    def _on_tick(self, change) -> None:
        if change["new"] <= change["old"] or not self.toggle.value or self._queued:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.run_frame()
            return
        self._queued = True
        loop.call_soon(self.run_frame)
        loop.call_later(self.EXTRA_FRAME_DELAY, self.run_frame, True)

    def run_frame(self, extra: bool = False) -> None:
        """One frame (``extra``: the second one of a tick, skipped if too close to the last)."""
        if not as_bool(extra, "extra"):
            self._queued = False
        if not self.toggle.value:  # paused while this frame waited
            return
        start = time.perf_counter()
        if extra and self.log and start - self.log[-1][0] < self.MIN_FRAME_GAP:
            return
        try:
            self.frame()
        except Exception as err:  # shown by the panel instead of lost in the kernel's log
            self.toggle.value = False
            if self.on_error is not None:
                self.on_error(err)
            return
        self.log = self.log[-199:] + [(start, time.perf_counter() - start)]

    def rate(self) -> dict[str, float]:
        """``{"updates_per_s", "median_frame_ms"}`` over the last <= 200 frames (pauses left out)."""
        if len(self.log) < 2:
            return {"updates_per_s": 0.0, "median_frame_ms": 0.0}
        gaps = np.diff([s for s, _ in self.log])
        gaps = gaps[gaps < 1.0]
        rate = 1.0 / float(np.median(gaps)) if gaps.size else 0.0
        return {"updates_per_s": rate, "median_frame_ms": 1000 * float(np.median([d for _, d in self.log]))}
