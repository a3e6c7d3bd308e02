"""Keep the cyclic garbage collector's pauses off the keyboard.

A full (generation 2) collection walks every object the app holds — Textual's widgets,
their render caches, SQLAlchemy's mappers — and takes 30-80 ms on this code: on an
Enter now and then, the line lands a few frames late (bench/run.py, "Enter -> visible").
What exists once the app has opened its store, and again once a capture screen is up,
lives as long as the app; `settle` moves it out of the collector's sight (gc.freeze), and
makes collections rarer, so that a young cycle is still collected within seconds while
a full walk over what remains comes only every ~10 million allocations.
"""

from __future__ import annotations

import gc

# Python's default is (700, 10, 10). Generation 0 at 5,000 objects still takes well
# under a millisecond; generation 2 every 100 generation-1 collections.
THRESHOLDS = (5_000, 20, 100)


def settle() -> None:
    """Everything alive now is long-lived: freeze it, and collect less often."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
