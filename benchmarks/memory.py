"""What one student costs a class server: each notebook's kernel memory after Run All, the Jupyter server's own
memory, and the CPU the live trainer takes while it plays.

Run:  .venv/bin/python benchmarks/memory.py [--play-seconds 10] [notebooks/02_xor_mlp.ipynb ...]

- **Kernel peak memory**: each notebook runs top to bottom in a fresh ``python3`` kernel (nbclient, as
  ``jupyter nbconvert --execute`` does); then the kernel reports its peak resident memory (``ru_maxrss``, the
  RSS high-water mark of the process) and its CPU time. An idle kernel that has imported NumPy, Matplotlib and
  ipywidgets is measured the same way, for comparison.
- **Jupyter server**: ``jupyter lab`` started headless, its resident memory (``VmRSS``) once it answers.
- **Live trainer**: in a kernel, notebook 02's first playground (XOR, 4 tanh units) and notebook 02's deepest one
  (spiral, six layers of 8) play for ``--play-seconds``: the Play widget's ticks come every 20 ms, as the browser
  sends them, and each queues its frames on the kernel's event loop as a real tick does (two per tick, at most one
  every 15 ms). Printed: frames per second and the kernel's CPU time over the wall time (100 % = one core busy).
  There is no browser, so the cost of receiving a tick and of the browser decoding the PNG is not in it; the
  kernel still encodes and sends every frame.

BLAS runs single-threaded (``OPENBLAS_NUM_THREADS=1``), as it should on a shared server.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORT = """
import json, resource
_u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"peak_mb": _u.ru_maxrss / 1024, "cpu_s": _u.ru_utime + _u.ru_stime}))
"""
IDLE = "import numpy, matplotlib.pyplot, ipywidgets\n%matplotlib inline"
PLAY = """
import asyncio, json, resource, time
from helpers.mlp_playground import mlp_playground
panel = mlp_playground({args})
def _cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime
panel.train_button.value = True
t0, c0, n0 = time.perf_counter(), _cpu(), panel.trainer.epoch
while time.perf_counter() - t0 < {seconds}:
    panel.player.play.value += 1  # a tick, as the browser sends it every 20 ms
    await asyncio.sleep(0.020)
wall, cpu = time.perf_counter() - t0, _cpu() - c0
panel.train_button.value = False
frames = panel.trainer.epoch - n0  # one epoch per frame (the default epochs_per_frame)
print(json.dumps({{"frames_per_s": frames / wall, "cpu_percent": 100 * cpu / wall}}))
"""
PLAYGROUNDS = {
    "02 first playground (XOR, 4 tanh units)": 'dataset="xor", noise=0.1, layers=(4,), activation="tanh", lr=0.03',
    "02 deep spiral (6 x 8 tanh, 4 features)": 'state="data=spiral&noise=0&x=x1,x2,sinx1,sinx2&net=8,8,8,8,8,8'
                                               '&act=tanh&lr=0.03&batch=10&seed=0&dseed=0"',
}


def run_cells(sources: list[str], path: Path = ROOT / "notebooks") -> dict:
    """Run ``sources`` as the code cells of a fresh notebook in a new kernel; the JSON the last cell printed."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(path)}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


def notebook_memory(path: Path) -> dict:
    """Peak RSS (MB) and CPU seconds of a kernel that ran every code cell of the notebook at ``path``."""
    nb = nbformat.read(path, as_version=4)
    return run_cells([c.source for c in nb.cells if c.cell_type == "code"] + [REPORT], path.parent)


def server_memory() -> float:
    """Resident MB of a headless ``jupyter lab`` once it answers (no notebook open)."""
    port = "18931"
    proc = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
                             "--ServerApp.token=T", "--ip=127.0.0.1", "--allow-root"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            if proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {proc.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=T", timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(2)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to measure (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--play-seconds", type=float, default=10.0, help="how long each trainer plays")
    args = parser.parse_args()
    paths = [Path(p).resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'kernel after Run All':48s} {'peak RSS MB':>11s} {'CPU s':>7s}")
    idle = run_cells([IDLE, REPORT])
    print(f"{'(idle: NumPy, Matplotlib, ipywidgets imported)':48s} {idle['peak_mb']:11.0f} {idle['cpu_s']:7.1f}")
    for path in paths:
        m = notebook_memory(path)
        print(f"{path.name:48s} {m['peak_mb']:11.0f} {m['cpu_s']:7.1f}")
    print(f"\n{'jupyter lab server, no notebook open':48s} {server_memory():11.0f} MB")
    print(f"\n{'live trainer playing':48s} {'frames/s':>9s} {'CPU % of a core':>16s}")
    for name, call in PLAYGROUNDS.items():
        r = run_cells([PLAY.format(args=call, seconds=args.play_seconds)])
        print(f"{name:48s} {r['frames_per_s']:9.0f} {r['cpu_percent']:15.0f}%")


if __name__ == "__main__":
    main()
