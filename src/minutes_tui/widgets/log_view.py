"""The capture log: the current item's lines as the rapporteur sees them, and the elapsed
clock.

The log is virtual (Textual's Line API, like its `Log` widget and Toolong): a meeting of
20,000 entries keeps 20,000 plain `LogLine`s and one height a row, and renders only the
rows in view, through a bounded cache. Enter appends one row without laying out the others.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from minutes_tui.domain.display import local
from minutes_tui.domain.translate import _
from minutes_tui.domain.vocabulary import status_marker

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual import events
    from textual.css.styles import RulesMap

    from minutes_tui.store.log import LogLine

Part = str | tuple[str, str]


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def log_parts(line: LogLine, time: str) -> list[Part]:
    """The pieces of one log line, each plain or (text, style)."""
    parts: list[Part] = [(f"{time}  ", "dim")]
    if line.confidential:
        parts.append(("! ", "bold $error"))  # confidential: left out of circulated records
    owners = [(f" [{'; '.join(line.owners)}]", "italic")] if line.owners else []
    if line.kind == "action":
        parts += [(f"▶ {line.number}. ", "bold $accent"), line.text, *owners]
        if line.due:
            parts.append(("  " + _("due {date}").format(date=line.due), "dim"))
        parts.append((f"  #{line.action_id}", "dim"))
    elif line.kind == "subitem":
        parts += [(f"   – ({line.number}) ", "dim"), line.text, *owners]
    elif line.kind == "review":
        parts += [(f"↻ #{line.action_id} {status_marker(line.status)} ", "bold"), line.text]
    elif line.kind == "group":
        parts.append((f"▌ {line.text}", "bold $secondary"))
    else:
        if line.kind == "decision":
            parts.append(("◆ " + _("Decision:") + " ", "bold $warning"))
        elif line.kind == "key_message":
            parts.append(("★ " + _("Key message:") + " ", "bold $success"))
        if line.list_style:
            parts.append((f"   {'•' if line.list_style == 'bullet' else '·'} ", "bold"))
        if line.label:
            parts.append((f"{line.label}: ", "bold"))
        if line.speaker:
            parts.append((f"{line.speaker}  ", "bold"))
        parts.append(line.text)
    return parts


def clock(line: LogLine) -> str:
    """When the line was typed, as the log shows it: HH:MM, local time."""
    return local(line.created_at).strftime("%H:%M")


def log_text(line: LogLine) -> Content:
    """One log line as the rapporteur sees it (Content, so theme variables work)."""
    return Content.assemble(*log_parts(line, clock(line)))


def plain_width(line: LogLine) -> int:
    """The cells the line takes unwrapped (a time is always HH:MM), without styling it."""
    text = "".join(p if isinstance(p, str) else p[0] for p in log_parts(line, "00:00"))
    return -1 if "\n" in text else cell_len(text)


class CaptureLog(ScrollView, can_focus=False):
    """The rows of one agenda item; `highlighted` marks the last or the recalled one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "capture-log--row",
        "capture-log--row-highlighted",
        "capture-log--row-hover",
    }
    # The look of an unfocused OptionList (what the log was), so the screen reads the same.
    DEFAULT_CSS = """
    CaptureLog {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .capture-log--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .capture-log--row-hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[LogLine] = []
        self._cells: list[int] = []  # each row's unwrapped width, -1 when it must be wrapped
        self._heights: list[int] = []  # rows laid out at self._width
        self._starts: list[int] = []  # the first screen line of each laid-out row
        self._width = 0
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._cache: LRUCache[tuple[int, int, str], list[Strip]] = LRUCache(512)

    # ---- the rows ---------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[LogLine]) -> None:
        """Show these rows instead (a new item, or the item read again)."""
        self._rows = list(rows)
        self._cells, self._heights, self._starts = [], [], []
        self._highlighted = self._hover = None
        self._cache.clear()
        self._lay_out()
        self.refresh()

    def append(self, line: LogLine) -> None:
        """One more row at the end: only it is measured, the rows before keep their layout."""
        self._rows.append(line)
        self._lay_out()

    def _lay_out(self) -> None:
        """Measure the rows not yet measured at the current width (all of them on resize).
        A row that fits the width is one line, known from its length alone; only longer
        rows are wrapped."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if width != self._width:
            self._width, self._heights, self._starts = width, [], []
            self._cache.clear()
        rows, cells, heights, starts = self._rows, self._cells, self._heights, self._starts
        rules = cast("RulesMap", self.styles)
        cells += map(plain_width, rows[len(cells) :])  # once a row, whatever the width
        total = starts[-1] + heights[-1] if heights else 0
        for row in range(len(heights), len(rows)):
            fits = 0 <= cells[row] <= width
            height = 1 if fits else log_text(rows[row]).get_height(rules, width)
            heights.append(height)
            starts.append(total)
            total += height
        size = Size(width, total)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def _on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        self.scroll_to_highlight()

    # ---- the highlight ----------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = min(max(index, 0), len(self._rows) - 1) if self._rows else None
        old, self._highlighted = self._highlighted, index
        for row in (old, index):
            self._refresh_row(row)
        self.scroll_to_highlight()

    def _refresh_row(self, row: int | None) -> None:
        if row is not None and row < len(self._heights):
            self.refresh_lines(self._starts[row], self._heights[row])

    def scroll_to_highlight(self) -> None:
        row = self._highlighted
        if row is None or row >= len(self._heights):
            return
        self.scroll_to_region(
            Region(0, self._starts[row], self._width, self._heights[row]),
            force=True,
            animate=False,
        )

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        if row != self._hover:
            old, self._hover = self._hover, row
            self._refresh_row(old)
            self._refresh_row(row)

    def _on_leave(self, event: events.Leave) -> None:
        old, self._hover = self._hover, None
        self._refresh_row(old)

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is not None:
            self.highlighted = row

    # ---- rendering (the Line API) -------------------------------------------------------

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        starts = self._starts
        if not starts or line >= starts[-1] + self._heights[-1]:
            return Strip.blank(self._width, self.get_visual_style("capture-log--row").rich_style)
        row = bisect_right(starts, line) - 1
        return self._row_strips(row)[line - starts[row]]

    def _row_strips(self, row: int) -> list[Strip]:
        state = "highlighted" if row == self._highlighted else "hover" if row == self._hover else ""
        key = (row, self._width, state)
        strips = self._cache.get(key)
        if strips is None:
            classes = ["capture-log--row"] + ([f"capture-log--row-{state}"] if state else [])
            style = self.get_visual_style(*classes)
            content = log_text(self._rows[row])
            strips = [
                strip.extend_cell_length(self._width, style.rich_style).apply_meta({"row": row})
                for strip in Visual.to_strips(self, content, self._width, None, style)
            ]
            self._cache[key] = strips
        return strips
