"""The capture grammar's speed on long and hostile lines: median of N, in microseconds.

.venv/bin/python bench/grammar.py
"""

from __future__ import annotations

import dataclasses
import statistics
import timeit

from minutes_tui.capture import CaptureContext, parse_line

CTX = CaptureContext(
    speakers=frozenset({"UNHCR", "Ms. Jamal", "Jamal"}), organisations=frozenset({"UNHCR", "WFP"})
)
# A French meeting: its due words and dates (capture/dates.py, Babel's month names).
FR = dataclasses.replace(CTX, language="fr")


def lines(size: int) -> dict[str, str]:
    body = ("word " * size)[:size]
    return {
        "plain note": body,
        "UNHCR: + Arabic/emoji": "UNHCR: " + ("عربى 🙂 " * size)[:size],
        "/a [owners] by date": "/a " + body + " [UNHCR; WFP] by 2020-08-31",
        "fr: /a … d'ici le <date>": "/a " + body + " [HCR; PAM] d'ici le 20 mars 2024",
        "fr: /a … avant le <text>": "/a " + body + " avant le comité de pilotage",
        "/p 100+ people": "/p UNHCR: " + "; ".join(["Ms. A Person, Officer"] * (size // 24)),
        "all NUL": "\x00" * size,
        "lone surrogates": "\ud800" * size,
    }


def median_us(line: str, repeat: int, context: CaptureContext = CTX) -> float:
    parse_line(line, context)  # a French meeting loads Babel on its first line, once
    return (
        statistics.median(timeit.repeat(lambda: parse_line(line, context), number=1, repeat=repeat))
        * 1e6
    )


def main() -> None:
    print(f"{'line':<26}{'10,000 chars':>14}{'1 MB':>14}")
    small, big = lines(10_000), lines(1_000_000)
    for name in small:
        ctx = FR if name.startswith("fr:") else CTX
        short, long = median_us(small[name], 21, ctx), median_us(big[name], 5, ctx)
        print(f"{name:<26}{short:>12.0f}µs{long:>12.0f}µs")


if __name__ == "__main__":
    main()
