"""The capture grammar: one typed line → one typed entry (docs/capture-grammar.md).

Pure: standard library only (no pydantic: `minutes add` starts without it), no I/O.
``parse_line`` never raises; text it cannot read as a command is kept as a plain note,
with a warning saying why.

Speed matters (this runs on every Enter and on every keystroke for hints), so every regex
is compiled once and every scan over the line is linear or bounded to its head or tail.
"""

from minutes_tui.capture.clean import clean_text
from minutes_tui.capture.known import CaptureContext
from minutes_tui.capture.parse import parse_line

__all__ = ["CaptureContext", "clean_text", "parse_line"]
