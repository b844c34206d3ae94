"""Shared test set-up: draw with Agg (no screen), close figures after each test."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


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
        terminalreporter.section("browser: key press on a slider -> new picture (goal: median <= 120 ms)")
        for line in lines:
            terminalreporter.write_line(line)
