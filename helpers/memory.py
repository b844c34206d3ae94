"""``reuse_freed_memory``: let NumPy's large temporary arrays reuse memory instead of asking the system each time.

A slider move of notebook 06's init explorer makes and drops ~40 arrays of 0.8 MB (1,000 samples × 100 units,
float64). With glibc's default settings many of them come from fresh pages, and the system's first touch of
each 4 kB page (a page fault) cost about half of the move's NumPy time on the course's 2-core machine
(``compute`` 19 → 8 ms, page faults per move ~5,100 → ~150; ``benchmarks/README.md``, "Where a slider's time
goes"). Two of glibc's ``mallopt`` settings fix it: arrays below 32 MB come from the heap (not from a memory map
of their own, given back when freed), and the heap keeps up to 64 MB free for the next arrays. The kernel's
peak memory does not change; what it holds between moves may be up to 64 MB more.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_M_TOP_PAD, _M_MMAP_THRESHOLD = -2, -3  # glibc's malloc.h
MMAP_THRESHOLD = 32 << 20  # bytes: smaller blocks come from the heap
TOP_PAD = 64 << 20  # bytes the heap keeps free for reuse

_applied = None


def reuse_freed_memory() -> bool:
    """Set glibc's malloc to reuse freed memory (see the module's docstring), once per process.

    Returns True where it applied (Linux with glibc), False elsewhere (macOS, Windows, musl: nothing changed,
    the course only runs a little slower there).
    """
    global _applied
    if _applied is None:
        _applied = False
        name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
        if name:
            try:
                mallopt = ctypes.CDLL(name).mallopt
            except (OSError, AttributeError):  # not glibc
                mallopt = None
            if mallopt is not None:
                _applied = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TOP_PAD, TOP_PAD))
    return _applied
