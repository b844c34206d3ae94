"""How long the course's notebooks take under the README's test command (nbval, lax, serial).

Run:  .venv/bin/python benchmarks/course_time.py [--top 15] [--repeat 3] [notebooks/02_xor_mlp.ipynb ...]

It runs ``python -m pytest <notebooks> --durations=0`` (the settings of ``pyproject.toml``: ``--nbval-lax``,
the current environment, one kernel per notebook, one notebook after the other) and prints, from pytest's own
timings, each notebook's time (kernel start + every cell), the slowest cells (nbval's "Cell N" counts code
cells from 0), the total wall time of the run and the CPU time it took (pytest and every kernel). Goal:
every notebook together <= 60 s of wall time on a quiet 2-core machine. The machine's other work adds to
every wall-clock figure (the CPU time changes least): compare runs taken close together. On a noisy machine
``--repeat N`` runs the whole set N times and also prints each notebook's fastest time and their sum (what a
quiet machine would take: noise only ever adds time).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+(\S+\.ipynb)::(Cell \d+)\s*$")


def parse_durations(text: str) -> list[tuple[float, str, str, str]]:
    """``(seconds, phase, notebook, cell)`` of every line of pytest's ``--durations`` table in ``text``."""
    rows = []
    for line in text.splitlines():
        match = DURATION.match(line)
        if match:
            rows.append((float(match[1]), match[2], match[3], match[4]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", default=["notebooks"], help="notebooks or folders (default: all)")
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest cells to list")
    parser.add_argument("--repeat", type=int, default=1, help="run the notebooks this many times (fastest of each)")
    args = parser.parse_args()
    fastest: dict[str, float] = {}
    start_up = float("inf")
    for run in range(1, args.repeat + 1):
        if args.repeat > 1:
            print(f"--- run {run} of {args.repeat}")
        per_notebook, wall = time_notebooks(args.notebooks, args.top)
        for notebook, seconds in per_notebook.items():
            fastest[notebook] = min(seconds, fastest.get(notebook, seconds))
        start_up = min(start_up, wall - sum(per_notebook.values()))
    if args.repeat > 1:
        print(f"\n{'fastest of ' + str(args.repeat) + ' runs':45s} seconds")
        for notebook, seconds in sorted(fastest.items()):
            print(f"{notebook:45s} {seconds:6.1f}")
        print(f"{'sum of the fastest':45s} {sum(fastest.values()):6.1f}")
        print(f"{'with the fastest start-up of pytest':45s} {sum(fastest.values()) + start_up:6.1f}   goal <= 60")


def time_notebooks(notebooks: list[str], top: int) -> tuple[dict[str, float], float]:
    """Run ``notebooks`` under pytest once, print the tables; return each notebook's seconds and the wall time."""
    command = [sys.executable, "-m", "pytest", *notebooks, "-q", "--durations=0", "--durations-min=0"]
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = parse_durations(run.stdout)
    if run.returncode != 0 or not rows:
        print(run.stdout[-3000:], run.stderr[-2000:], sep="\n")
        sys.exit(f"the notebooks did not all pass (pytest exit code {run.returncode})")
    per_notebook: dict[str, float] = defaultdict(float)
    for seconds, _, notebook, _ in rows:
        per_notebook[notebook] += seconds
    print(f"{'notebook':45s} seconds")
    for notebook, seconds in sorted(per_notebook.items()):
        print(f"{notebook:45s} {seconds:6.1f}")
    print(f"{'all notebooks (sum of pytest timings)':45s} {sum(per_notebook.values()):6.1f}")
    print(f"{'wall time of the run (with pytest start-up)':45s} {wall:6.1f}   goal <= 60")
    print(f"{'CPU time of pytest and the kernels':45s} {cpu:6.1f}   (what a busy machine changes least)")
    print(f"\nslowest {top} cells:")
    for seconds, phase, notebook, cell in sorted(rows, reverse=True)[:top]:
        print(f"  {seconds:5.2f} s  {phase:8s} {notebook}::{cell}")
    return dict(per_notebook), wall


if __name__ == "__main__":
    main()
