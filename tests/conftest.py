"""Shared test set-up: draw with Agg (no screen), close figures after each test, a headless Chromium.

BLAS runs single-threaded: see the conftest.py at the repository's root (loaded first)."""

import os
import shutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property-based tests: the same examples on every run (derandomised, no example database), a bounded count.
settings.register_profile("ci", derandomize=True, database=None, max_examples=30, deadline=None)
settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


_TIMINGS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def browser_timings(request):
    """A list the browser tests add their latency lines to; printed in the run's summary."""
    return request.config.stash.setdefault(_TIMINGS, [])


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(_TIMINGS, [])
    if lines:
        terminalreporter.section("browser: key press on a slider -> new picture (goal: median <= 60 ms, p90 <= 100 ms)")
        for line in lines:
            terminalreporter.write_line(line)


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download), for one test module.

    Module-scoped on purpose: Playwright's sync API keeps an asyncio loop running while it is open,
    which would leak into later tests that run their own loop.

    Needs ``apt-get install chromium`` and the ``playwright`` package (in requirements.txt). Without
    them the tests that use this fixture are skipped with the reason, except in CI (``CI`` set), where
    a missing browser is a failure.
    """
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = [what for what, ok in (("Chromium (apt-get install chromium)", executable),
                                     ("the playwright package (pip install playwright)", sync_playwright)) if not ok]
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + " — CI must run them")
        pytest.skip(reason)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
