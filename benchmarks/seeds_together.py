"""Notebook 08's experiments over several seeds: each seed trained alone, or all of them together.

Run:  .venv/bin/python benchmarks/seeds_together.py [--rounds 5]

For each experiment (a share-string of notebook 08's lab, its epochs and seeds) it times
``[trained(state, epochs, seed=s) for s in seeds]`` (one ``Trainer`` per seed, one after the other) against
``trained_seeds(state, epochs, seeds)`` (``helpers.train_together.fit_together``: one NumPy call per step serves
every seed), interleaved round by round so that noise on the machine hits both alike, and prints the median
seconds of each and the speed-up. Both give the same networks to the last bit (``tests/test_train_together.py``);
this is only about time. BLAS runs single-threaded, as in the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from helpers.playground.lab import trained, trained_seeds  # noqa: E402

EXPERIMENTS = [  # (what notebook 08 trains, epochs, seeds)
    ("data=spiral&x=x1,x2&act=tanh&lr=0.3&batch=25&net=8,8", 100, range(4)),     # section 3, four shapes
    ("data=circle&x=x1,x2&net=8,8,8&act=relu&lr=3", 50, range(3)),                # section 5, dead ReLUs
    ("data=spiral&x=x1,x2&net=8,8&act=tanh&lr=0.03&batch=25&opt=adam", 100, range(2)),  # section 6, optimisers
    ("data=xor&noise=0.3&train=10&x=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&net=8,8,8&act=tanh&lr=0.1&batch=all&reg=L2"
     "&rate=0.03", 300, range(4)),                                                 # section 7, the penalty
]


def _seconds(train, *args) -> float:
    start = time.perf_counter()
    train(*args)
    return time.perf_counter() - start


def _alone(state, epochs, seeds) -> list:
    return [trained(state, epochs, seed=s) for s in seeds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"seconds per experiment ({args.rounds} interleaved rounds; median):")
    print(f"  {'experiment':58s} {'seeds':>5s} {'alone':>7s} {'together':>9s} {'speed-up':>9s}")
    total = {"alone": 0.0, "together": 0.0}
    for state, epochs, seeds in EXPERIMENTS:
        times = {"alone": [], "together": []}
        for _ in range(args.rounds):
            times["alone"].append(_seconds(_alone, state, epochs, seeds))
            times["together"].append(_seconds(trained_seeds, state, epochs, seeds))
        alone, together = (statistics.median(times[k]) for k in ("alone", "together"))
        total["alone"] += alone
        total["together"] += together
        name = f"{state[:44]}... {epochs} ep" if len(state) > 44 else f"{state} {epochs} ep"
        print(f"  {name:58s} {len(seeds):5d} {alone:7.3f} {together:9.3f} {alone / together:8.2f}x")
    print(f"  {'all of them':58s} {'':5s} {total['alone']:7.3f} {total['together']:9.3f} "
          f"{total['alone'] / total['together']:8.2f}x")


if __name__ == "__main__":
    main()
