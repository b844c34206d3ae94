"""What the page itself does for a slider move: Chromium's own trace of key presses on one slider of a notebook.

Run:  .venv/bin/python benchmarks/page_work.py [--notebook 03_computation_graphs.ipynb] [--widget 1] [--slider 1]
                                               [--presses 12] [--modes none,contentVisibility]
      (needs Chromium and playwright, as the browser test)

For each JupyterLab windowing mode it starts a JupyterLab on a scratch copy of notebooks/, opens the notebook, runs
every cell, presses the arrow key on the slider (``--widget``-th panel with a picture, its ``--slider``-th slider,
counting from 1 as in ``artifacts/browser_latency.md``) under Chromium's trace (``browser.start_tracing``) and
prints, per key press (median), how long the renderer's main thread was busy and with what: paint (recording what
changed), style and layout, hit tests (where the mouse is, after a layout), JavaScript (JupyterLab and the widget
manager), and the test's own key-press-to-decoded time. The trace slows the page a little: compare the modes with
each other, not with the browser test's table. "contentVisibility" is JupyterLab 4.6's default (the browser test
leaves it so); "none" draws every cell of the notebook, on screen or not, on every change.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from slider_roundtrip import _start_lab  # noqa: E402
from test_browser import ARM_JS, LAB_SETTINGS, WAIT_MS, _open_and_run_all  # noqa: E402

from conftest import CHROMIUM_FLAGS  # noqa: E402

TRACKER = "@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8", "toplevel"]
# what each kind of work is called in the trace (the outermost of these events counts, not what it contains)
KINDS = {
    "paint": ("LocalFrameView::RunPaintLifecyclePhase",),
    "style and layout": ("LocalFrameView::RunStyleAndLayoutLifecyclePhases", "Document::UpdateStyleAndLayout"),
    "hit tests": ("LayoutView::HitTest",),
    "JavaScript": ("v8.callFunction", "FunctionCall", "TimerFire"),
    "busy in all": ("ThreadControllerImpl::RunTask",),
}
WINDOW_US = 150_000  # a press's work: until the next press, at most 150 ms


def trace_presses(notebook: str, widget: int, slider: int, presses: int, mode: str) -> tuple[list, list[float]]:
    """Run ``notebook`` in a JupyterLab with windowing ``mode``, trace ``presses`` key presses on the slider;
    return the trace's events and the key-press-to-decoded milliseconds of each press."""
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="page-work-"))
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("ko"))
    settings = {**LAB_SETTINGS, TRACKER: {"windowingMode": mode}}
    server, base = _start_lab(root, settings)
    nb = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            _open_and_run_all(page, base, notebook, nb)
            output = page.locator(".jp-OutputArea-output:has(.widget-slider):has(.widget-image)").nth(widget - 1)
            handle = output.locator(".widget-slider .noUi-handle").nth(slider - 1)
            handle.scroll_into_view_if_needed()
            handle.focus()
            page.wait_for_timeout(1000)
            browser.start_tracing(page=page, categories=CATEGORIES)
            times = []
            for i in range(presses):  # six to the right, six back, ...
                output.evaluate(ARM_JS % WAIT_MS)
                page.keyboard.press("ArrowRight" if (i // 6) % 2 == 0 else "ArrowLeft")
                times.append(page.evaluate("() => window.__courseNewPicture"))
            trace = json.loads(browser.stop_tracing())
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(root, ignore_errors=True)
    return trace["traceEvents"] if isinstance(trace, dict) else trace, [t for t in times if t is not None]


def main_thread_work(events) -> dict[str, list[float]]:
    """Per kind of work (``KINDS``), the ms the renderer's main thread spent on it after each key press."""
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
               if e.get("ph") == "M" and e.get("name") == "thread_name"}
    counts = collections.Counter((e["pid"], e["tid"]) for e in events)
    main = max((t for t, name in threads.items() if name == "CrRendererMain"), key=counts.__getitem__)
    ours = sorted((e for e in events if (e["pid"], e["tid"]) == main and e.get("ph") == "X"), key=lambda e: e["ts"])
    keys = [e["ts"] for e in ours if e["name"] == "EventDispatch"
            and e.get("args", {}).get("data", {}).get("type") == "keydown"]
    work = {kind: [] for kind in KINDS}
    for k, start in enumerate(keys):
        end = min(keys[k + 1] if k + 1 < len(keys) else start + WINDOW_US, start + WINDOW_US)
        window = [e for e in ours if start <= e["ts"] < end]
        for kind, names in KINDS.items():
            total, covered_until = 0, -1
            for e in window:  # the outermost event of the kind: what it contains is not counted again
                if e["name"] in names and e["ts"] >= covered_until:
                    total += e.get("dur", 0)
                    covered_until = e["ts"] + e.get("dur", 0)
            work[kind].append(total / 1000)
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebook", default="03_computation_graphs.ipynb")
    parser.add_argument("--widget", type=int, default=1, help="the panel, counting from 1")
    parser.add_argument("--slider", type=int, default=1, help="its slider, counting from 1")
    parser.add_argument("--presses", type=int, default=12)
    parser.add_argument("--modes", default="none,contentVisibility", help="JupyterLab windowing modes, comma-separated")
    args = parser.parse_args()
    modes = args.modes.split(",")
    columns = {}
    for mode in modes:
        events, times = trace_presses(args.notebook, args.widget, args.slider, args.presses, mode)
        work = main_thread_work(events)
        columns[mode] = {kind: statistics.median(v) for kind, v in work.items() if v}
        columns[mode]["key press -> decoded"] = statistics.median(times) if times else float("nan")
    print(f"{args.notebook}, panel {args.widget}, slider {args.slider}: main thread per key press, median ms "
          f"({args.presses} presses under Chromium's trace)")
    print(f"{'':24s}" + "".join(f"{mode:>20s}" for mode in modes))
    for kind in [*KINDS, "key press -> decoded"]:
        print(f"{kind:24s}" + "".join(f"{columns[mode].get(kind, float('nan')):20.1f}" for mode in modes))


if __name__ == "__main__":
    main()
