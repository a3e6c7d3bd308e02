"""Action statuses and table cells as Rich Text (never read as markup)."""

from __future__ import annotations

from rich.text import Text

from minutes_tui.domain.display import clip

STATUS_STYLES = {"in_progress": "bold", "completed": "green", "dropped": "dim"}


def cell(text: str, width: int, style: str = "") -> Text:
    """One line, cut to the column with an ellipsis."""
    return Text(clip(text, width), style=style, no_wrap=True)
