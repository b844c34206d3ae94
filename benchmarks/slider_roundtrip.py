"""Where a slider's time goes in the browser: key press -> kernel -> new picture decoded, leg by leg.

Run:  .venv/bin/python benchmarks/slider_roundtrip.py          (needs Chromium and playwright, as the browser test)

It starts a JupyterLab on a scratch notebook of test panels, presses ArrowRight on each slider in headless
Chromium and stamps every leg on the one wall clock that page and kernel share (``performance.timeOrigin +
performance.now()`` in the page, ``time.time()`` in the kernel, same machine):

- key press -> the kernel's callback starts (the page's comm message, the server, the kernel's shell loop);
- the callback itself (the kernel's work: recompute, draw, encode, set the widgets);
- the callback's end -> the new ``src`` of the ``<img>`` in the page (iopub, the server, the widget manager);
- the new ``src`` -> ``img.decode()`` resolved (the browser decodes the PNG).

The panels: a slider that only changes a tiny HTML label (the fixed round trip), the same with a precomputed
PNG of 20 × 20 pixels and of each size the course sends (no work in the kernel: transfer and decode only), sent
as ipywidgets' PNG bytes (the page makes a blob URL of them) and as a ``data:`` URL (what the course sends), the
same PNG sent alongside three HTML updates (messages per move), 15 ms of pure CPU work before or after the PNG is
sent, and the real panels of the course (notebook 01's gate playground, notebook 07's time stepper and its
``sequence n`` slider, notebook 06's init explorer and its σ_w, its γ and β explorer). Beside the callback's wall
time it prints the CPU time of the kernel's main thread and of its whole process: wall well above both means the
kernel waited for a core (the browser and the server want them too); the process's well above its thread's, that
other threads of the kernel worked too (a BLAS library's).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import LAB_SETTINGS, TOKEN, _run_all  # noqa: E402

from conftest import CHROMIUM_FLAGS  # noqa: E402

SETUP = r'''
import json, time
import ipywidgets as w
import numpy as np
from helpers.init_explorer import init_explorer
from helpers.scale_shift_explorer import scale_shift_explorer
from helpers.widgets import gate_playground
from helpers.rnn_widgets import TimeStepper
from helpers.sequence_tasks import SequenceRegressor, noisy_sines

CPU = []
LOG = open("stamps.jsonl", "a")
def stamp(case, t0, cpu0=None):
    """Log a callback's start and end (wall clock) and the CPU ms its thread and its whole process spent."""
    cpu = None if cpu0 is None else [1000 * (time.thread_time() - cpu0[0]), 1000 * (time.process_time() - cpu0[1])]
    LOG.write(json.dumps([case, t0, time.time(), cpu]) + "\n"); LOG.flush()

def first(control, fn):
    """Observe ``control``'s value before the panel's own callbacks do (to stamp the start of a move)."""
    control._trait_notifiers["value"]["change"].insert(0, fn)

def ends(control, case):
    """Stamp both ends of a panel's own callbacks on ``control``."""
    first(control, lambda ch: stamp(case + " start", time.time())
          or CPU.append((time.thread_time(), time.process_time())))
    control.observe(lambda ch: stamp(case, time.time(), CPU[-1]), "value")  # after the panel's callbacks

def timed(case, fn):
    def callback(change):
        t0, cpu0 = time.time(), (time.thread_time(), time.process_time()); fn(change["new"]); stamp(case, t0, cpu0)
    return callback

from helpers.png import data_url

def swap_url(frames, case):
    s = w.IntSlider(0, 0, 1000); img = w.Image(value=data_url(frames[0]), format="url")
    urls = [data_url(f) for f in frames]
    s.observe(timed(case, lambda v: setattr(img, "value", urls[v % len(urls)])), "value")
    return w.VBox([s, img])

def swap(frames, case):
    s = w.IntSlider(0, 0, 1000); img = w.Image(value=frames[0], format="png")
    s.observe(timed(case, lambda v: setattr(img, "value", frames[v % len(frames)])), "value")
    return w.VBox([s, img])

gate = gate_playground()
frames_small = []
for w1 in np.round(np.linspace(-1, 1, 41), 2):  # the gate playground's own pictures, as sent
    gate.w1.value = w1
    frames_small.append(gate.figure.png())
batch = noisy_sines(4, 40, seed=0)
stepper = TimeStepper(SequenceRegressor(1, 16, seed=0), batch.noisy, batch.clean)
frames_large = []
for t in range(40):
    stepper.t.value = t
    frames_large.append(stepper.figure.png())
stepper.t.value = 0
print("png bytes", len(frames_small[0]), len(frames_large[0]))
'''

CASES = {
    "label only (tiny HTML)": r'''
s = w.IntSlider(0, 0, 1000); out = w.HTML("0")
s.observe(timed("label only (tiny HTML)", lambda v: setattr(out, "value", f"value {v}")), "value")
w.VBox([s, out, w.Image(value=frames_small[0], format="png")])''',
    "precomputed PNG 20x20": r'''
import io
from PIL import Image
def tiny(k):
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), (10 * k, 100, 200)).save(buf, format="png")
    return buf.getvalue()
swap([tiny(k) for k in range(20)], "precomputed PNG 20x20")''',
    "precomputed PNG 420x420": r'''
swap(frames_small, "precomputed PNG 420x420")''',
    "precomputed PNG 840x500": r'''
swap(frames_large, "precomputed PNG 840x500")''',
    "data URL PNG 20x20": r'''
swap_url([tiny(k) for k in range(20)], "data URL PNG 20x20")''',
    "data URL PNG 420x420": r'''
swap_url(frames_small, "data URL PNG 420x420")''',
    "data URL PNG 840x500": r'''
swap_url(frames_large, "data URL PNG 840x500")''',
    "PNG 420x420 + 3 HTML updates": r'''
s4 = w.IntSlider(0, 0, 1000); img4 = w.Image(value=frames_small[0], format="png")
texts = [w.HTML() for _ in range(3)]
def four(v):
    img4.value = frames_small[v % 41]
    for k, t in enumerate(texts): t.value = f"text {k}: {v}"
s4.observe(timed("PNG 420x420 + 3 HTML updates", four), "value")
w.VBox([s4, img4, *texts])''',
    "spin 15 ms, then PNG": r'''
def spin(ms):
    end = time.thread_time() + ms / 1000
    while time.thread_time() < end: pass
def spin_then(v):
    spin(15); imgs[0].value = frames_small[v % 41]
def then_spin(v):
    imgs[1].value = frames_small[v % 41]; spin(15)
imgs = [w.Image(value=frames_small[0], format="png") for _ in range(2)]
s5 = w.IntSlider(0, 0, 1000); s5.observe(timed("spin 15 ms, then PNG", spin_then), "value")
w.VBox([s5, imgs[0]])''',
    "PNG, then spin 15 ms": r'''
s6 = w.IntSlider(0, 0, 1000); s6.observe(timed("PNG, then spin 15 ms", then_spin), "value")
w.VBox([s6, imgs[1]])''',
    "01 gate playground (w1)": r'''
gate.w1.value = -1.0
ends(gate.w1, "01 gate playground (w1)")
gate.panel''',
    "07 time stepper (sequence n)": r'''
ends(stepper.seq, "07 time stepper (sequence n)")
stepper.panel''',
    "06 init explorer (σ_w)": r'''
init = init_explorer(scheme="xavier", activation="relu", depth=8)  # the notebook's; σ_w 0.1 -> 0.7
ends(init.std, "06 init explorer (σ_w)")
init.panel''',
    "06 γ and β explorer (γ)": r'''
gamma_beta = scale_shift_explorer(gamma=1.5, beta=1.0)  # the notebook's
ends(gamma_beta.gamma, "06 γ and β explorer (γ)")
ends(gamma_beta.beta, "06 γ and β explorer (β)")
gamma_beta.panel''',
}
SHARED = {"06 γ and β explorer (β)": "06 γ and β explorer (γ)"}  # a case timed on another case's panel
SLIDER = {"07 time stepper (sequence n)": "sequence n", "06 γ and β explorer (β)": "shift β"}  # else the first

# In the page: stamp the key press, the new src of an <img> of this output, and its decode, on the wall clock.
ARM_JS = """(output) => {
  window.__t0 = null;
  if (!window.__keyListener) {
    window.__keyListener = true;
    document.addEventListener('keydown', () => { window.__t0 = performance.timeOrigin + performance.now(); }, true);
  }
  window.__result = new Promise(resolve => {
    const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
    const observer = new MutationObserver(records => {
      if (window.__t0 === null) return;
      const seen = records.map(r => r.target.nodeType === 1 ? r.target : r.target.parentElement)
                          .find(el => el && !el.closest('.widget-slider'));
      if (!seen) return;
      observer.disconnect(); clearTimeout(timer);
      const shown = performance.timeOrigin + performance.now();
      const done = () => resolve([window.__t0, shown, performance.timeOrigin + performance.now()]);
      if (seen.tagName === 'IMG') seen.decode().catch(() => null).then(done); else done();
    });
    observer.observe(output, {attributes: true, attributeFilter: ['src'], childList: true, subtree: true,
                              characterData: true});
  });
}"""


def _notebook() -> dict:
    cells = [SETUP, *CASES.values()]
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                      for c in cells],
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


def _start_lab(root: Path, lab_settings: dict = LAB_SETTINGS):
    """A JupyterLab serving ``root`` with ``lab_settings`` (file name -> settings), as the browser test starts it;
    returns the server's process and its address."""
    settings = root / "settings"
    for name, value in lab_settings.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(value))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={root / 'workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=open(root / "lab.log", "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("JupyterLab did not start: " + (root / "lab.log").read_text()[-2000:])


def measure(presses: int = 12) -> dict[str, list[tuple[float, ...]]]:
    """Per case, per key press: (key -> kernel, kernel work, kernel -> new src, decode) in ms."""
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="roundtrip-"))
    (root / "roundtrip.ipynb").write_text(json.dumps(_notebook()))
    server, base = _start_lab(root)
    page_stamps = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/roundtrip.ipynb?reset&token={TOKEN}")
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
            page.wait_for_timeout(3000)
            _run_all(page, len(CASES) + 1)
            outputs = page.locator(".jp-OutputArea-output:has(.widget-slider)")
            page.wait_for_function(f"() => document.querySelectorAll('.widget-slider').length >= {len(CASES)}",
                                   timeout=30_000)
            for case in [*CASES, *SHARED]:
                output = outputs.nth(list(CASES).index(SHARED.get(case, case)))
                slider = output.locator(".widget-slider").filter(has_text=SLIDER[case]) if case in SLIDER \
                    else output.locator(".widget-slider").first
                handle = slider.locator(".noUi-handle").first
                handle.scroll_into_view_if_needed()
                handle.focus()
                page_stamps[case] = []
                key = "ArrowRight"
                for i in range(presses):
                    if "sequence" in case and i % 3 == 0 and i:  # four sequences: go back and forth
                        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
                    output.evaluate(ARM_JS)
                    page.keyboard.press(key)
                    page_stamps[case].append(page.evaluate("() => window.__result"))
                    page.wait_for_timeout(150)  # let the kernel's idle come back, as between a person's presses
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    kernel = [json.loads(line) for line in (root / "stamps.jsonl").read_text().splitlines()]
    shutil.rmtree(root, ignore_errors=True)
    return _legs(page_stamps, kernel)


def _legs(page_stamps, kernel) -> dict:
    """Per case, per press, in ms: key -> kernel, the callback's wall time, its thread's CPU time, its process's CPU
    time, kernel -> new src, decode, total."""
    legs = {}
    for case, presses in page_stamps.items():
        ends = [(t0, t1, cpu) for name, t0, t1, cpu in kernel if name == case]
        starts = [t0 for name, t0, _, _ in kernel if name == case + " start"]
        rows = []
        for n, stamps in enumerate(presses):
            if stamps is None or n >= len(ends):
                continue
            key, shown, decoded = (v / 1000 for v in stamps)
            start = starts[n] if starts else ends[n][0]
            end, cpu = ends[n][1], ends[n][2]
            rows.append((1000 * (start - key), 1000 * (end - start), cpu[0], cpu[1], 1000 * (shown - end),
                         1000 * (decoded - shown), 1000 * (decoded - key)))
        legs[case] = rows
    return legs


def main() -> None:
    legs = measure()
    print(f"{'median ms':32s} {'key->kernel':>11s} {'kernel':>7s} {'(CPU)':>7s} {'(proc)':>7s} {'->src':>7s} "
          f"{'decode':>7s} {'total':>7s}")
    for case, rows in legs.items():
        med = [statistics.median(col) for col in zip(*rows, strict=True)] if rows else []
        print(f"{case:32s} " + " ".join(f"{v:7.1f}" if i else f"{v:11.1f}" for i, v in enumerate(med))
              + f"   ({len(rows)} presses)")


if __name__ == "__main__":
    main()
