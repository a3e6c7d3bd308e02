"""Records written before the tool (Word, Markdown, plain text, PDF text) → a meeting
header and capture lines, replayed by the caller through a CaptureSession.

Pure: no files, no database, no UI. `minutes_tui.reading.record_files` reads the files.
"""

from minutes_tui.importer.blocks import Block, read_text
from minutes_tui.importer.recognise import Recognised, recognise

__all__ = ["Block", "Recognised", "read_text", "recognise"]
