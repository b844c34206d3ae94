"""Every notebook in a real JupyterLab, in headless Chromium: runs clean, widgets render, sliders redraw.

Marked ``browser``: they need Chromium (see the ``chromium`` fixture in conftest.py).

Per notebook it saves a screenshot under ``artifacts/screenshots/`` and, for notebooks with widgets,
the key-press-to-new-picture latency of the first slider (goal: median <= 120 ms) in
``artifacts/browser_timings.txt``; the run's summary prints them too.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "artifacts"
TOKEN = "course-browser-test"
# JupyterLab settings for a quiet, fully rendered page: no news pop-up, every cell in the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium):
    """A JupyterLab on 127.0.0.1 serving a scratch copy of notebooks/ (so nothing in the repo is saved over)."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    settings = root / "settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    port = _free_port()
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={root / 'workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(root / "lab.log", "w")  # noqa: SIM115 — closed below
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start: " + (root / "lab.log").read_text()[-2000:]) from None
                time.sleep(0.5)
        yield base, chromium
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _run_all(page, n_code_cells: int, timeout_s: float = 180) -> None:
    """Clear the committed outputs, restart the kernel, run every cell, and wait until each code cell
    shows its new execution count."""
    for attempt in range(3):  # the first page of a fresh JupyterLab can miss the first menu click
        page.click("li.lm-MenuBar-item:has-text('Edit')")
        page.click("li.lm-Menu-item:has-text('Clear Outputs of All Cells')")
        try:
            page.wait_for_function("() => !document.querySelector('.jp-CodeCell .jp-OutputArea-output')",
                                   timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.click("li.lm-MenuBar-item:has-text('Kernel')")
    page.click("li.lm-Menu-item:has-text('Restart Kernel and Run All Cells')")
    page.click(".jp-Dialog button.jp-mod-accept")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
        done = [p for p in prompts if p.strip().startswith("[") and p.strip()[1:-2].strip().isdigit()]
        if len(prompts) == n_code_cells and len(done) == n_code_cells:
            return
        time.sleep(0.5)
    raise AssertionError(f"not every cell ran within {timeout_s:.0f} s: prompts {prompts}")


def _picture_changes(page, image, key: str, timeout_s: float = 3.0) -> float | None:
    """Press ``key`` and return the milliseconds until ``image`` shows a new picture (None if it did not)."""
    before = image.get_attribute("src")
    start = time.perf_counter()
    page.keyboard.press(key)
    while time.perf_counter() - start < timeout_s:
        if image.get_attribute("src") != before:
            return 1000 * (time.perf_counter() - start)
        time.sleep(0.002)
    return None


def _slider_latency_ms(page, presses: int = 12) -> list[float]:
    """In the first widget with sliders and a picture, find the first slider that redraws the picture
    (some sliders only set up the next run), then time ``presses`` moves of it: key press to new picture."""
    widget = page.locator(".jp-OutputArea-output:has(.widget-slider):has(.widget-image)").first
    image = widget.locator(".widget-image").first
    handles = widget.locator(".widget-slider .noUi-handle:visible")  # a panel may hide the sliders it does not use
    for i in range(handles.count()):
        handle = handles.nth(i)
        handle.scroll_into_view_if_needed()
        handle.focus()
        key = "ArrowRight"
        first = _picture_changes(page, image, key)
        if first is None:
            key = "ArrowLeft"  # the slider may sit at the end of its range
            first = _picture_changes(page, image, key)
        if first is None:
            continue
        times = [first]
        while len(times) < presses:
            ms = _picture_changes(page, image, key)
            if ms is None:  # reached the end of the range: come back
                key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
                ms = _picture_changes(page, image, key)
                if ms is None:
                    break
            times.append(ms)
        return times
    return []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(lab, path, browser_timings):
    base, browser = lab
    nb = json.loads(path.read_text(encoding="utf-8"))
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    n_widget_views = sum("application/vnd.jupyter.widget-view+json" in out.get("data", {})
                         for c in code_cells for out in c["outputs"])
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        _run_all(page, len(code_cells))

        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.all_text_contents()[:3]

        if n_widget_views:
            count_views = "() => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length"
            cells = page.locator(".jp-Notebook .jp-Cell")
            deadline = time.monotonic() + 45
            while page.evaluate(count_views) < n_widget_views and time.monotonic() < deadline:
                for i in range(cells.count()):  # a widget view attaches once its cell has been on screen
                    cells.nth(i).scroll_into_view_if_needed()
                time.sleep(0.25)
            rendered = page.evaluate(count_views)
            assert rendered == n_widget_views, f"{rendered} of {n_widget_views} widgets rendered"
            texts = " ".join(page.locator(".jp-OutputArea-output").all_text_contents())
            assert "Error displaying widget" not in texts and "Loading widget" not in texts
        if page.locator(".jp-OutputArea-output:has(.widget-slider):has(.widget-image)").count():
            times = _slider_latency_ms(page)
            assert times, "no slider of the first widget changed its picture"
            median = statistics.median(times)
            line = f"{path.name}: slider -> new picture median {median:.0f} ms over {len(times)} moves"
            browser_timings.append(line)
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "browser_timings.txt").write_text("\n".join(browser_timings) + "\n")
        (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "screenshots" / f"{path.stem}.png"), full_page=False)
    finally:
        page.close()
