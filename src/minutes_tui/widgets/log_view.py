"""The capture log's lines as the rapporteur sees them, and the elapsed clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from minutes_tui.vocabulary import status_marker

if TYPE_CHECKING:
    from minutes_tui.store.log import LogLine


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def log_text(line: LogLine) -> Content:
    """One log line as the rapporteur sees it (Content, so theme variables work)."""
    parts: list[str | tuple[str, str]] = [(f"{line.time}  ", "dim")]
    if line.confidential:
        parts.append(("! ", "bold $error"))  # confidential: left out of circulated records
    owners = [(f" [{'; '.join(line.owners)}]", "italic")] if line.owners else []
    if line.kind == "action":
        parts += [(f"▶ {line.number}. ", "bold $accent"), line.text, *owners]
        if line.due:
            parts.append((f"  due {line.due}", "dim"))
        parts.append((f"  #{line.action_id}", "dim"))
    elif line.kind == "subitem":
        parts += [(f"   – ({line.number}) ", "dim"), line.text, *owners]
    elif line.kind == "review":
        parts += [(f"↻ #{line.action_id} {status_marker(line.status)} ", "bold"), line.text]
    elif line.kind == "group":
        parts.append((f"▌ {line.text}", "bold $secondary"))
    else:
        if line.kind == "decision":
            parts.append(("◆ Decision: ", "bold $warning"))
        elif line.kind == "key_message":
            parts.append(("★ Key message: ", "bold $success"))
        if line.list_style:
            parts.append((f"   {'•' if line.list_style == 'bullet' else '·'} ", "bold"))
        if line.label:
            parts.append((f"{line.label}: ", "bold"))
        if line.speaker:
            parts.append((f"{line.speaker}  ", "bold"))
        parts.append(line.text)
    return Content.assemble(*parts)
