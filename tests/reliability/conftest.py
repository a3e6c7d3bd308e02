"""Print the figures the README's "Reliability" section quotes (never asserted here)."""

from __future__ import annotations

import sys


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    figures = {}
    for name in ("kill_rounds", "concurrency", "fuzz", "environment"):
        module = sys.modules.get(f"tests.reliability.test_{name}")
        if module is not None:
            figures.update({f"{name}.{k}": v for k, v in module.STATS.items()})
    if figures:
        terminalreporter.write_line(
            "reliability: " + ", ".join(f"{k}={v}" for k, v in figures.items())
        )
