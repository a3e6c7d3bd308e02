"""Full-text search across every meeting: type, the best matches appear; Enter opens one.

The query runs in a thread worker a moment after the last key (debounced), so typing
never waits for the database. While typing, the last word also counts as a prefix
(`guid` finds "guidance"); a space after it searches the exact word. Enter opens the
highlighted hit's meeting at its agenda item (a final meeting opens as its record);
Escape goes back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from minutes_tui.domain.translate import N_, _, ngettext
from minutes_tui.screens.base import BaseScreen
from minutes_tui.store.errors import StoreError
from minutes_tui.store.search import Hit
from minutes_tui.store.search_text import SearchError, segments
from minutes_tui.widgets.key_footer import KeyFooter
from minutes_tui.widgets.messages import StoreReady

if TYPE_CHECKING:
    from minutes_tui.store.store import Store

HELP = N_(
    'Words · "a phrase" · guid* · cash OR voucher · data NOT guidance · who:UNHCR'
    " — the last word counts as a prefix while you type"
)
MATCH_STYLE = "bold reverse $accent"
# A last word that can take a `*` as typed: a plain word of three characters or more.
PREFIXABLE = re.compile(r"(?:^|\s)([A-Za-z0-9_\u0080-\U0010ffff]{3,})$")


def as_you_type(query: str) -> str:
    """The query with its last word as a prefix, when that is safe to add."""
    found = PREFIXABLE.search(query)
    if found is None or found.group(1) in ("AND", "OR", "NOT", "NEAR") or query.count('"') % 2:
        return query
    return query + "*"


def marked(text: str, style: str = "") -> list[tuple[str, str]]:
    """Marked text as Content parts: the matches in MATCH_STYLE."""
    return [(piece, MATCH_STYLE if match else style) for piece, match in segments(text)]


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def hit_content(hit: Hit, width: int = 100) -> Content:
    """Two lines: where (date, meeting, item) cut to `width`, then what, matches highlighted."""
    date = hit.meeting_date or _("undated")
    names = (hit.meeting_body or hit.meeting_title, hit.meeting_session)
    meeting = clip(" · ".join(p for p in names if p), max(width // 2 - len(date) - 2, 12))
    room = max(width - len(date) - len(meeting) - 7, 0)
    item = clip(hit.item_name, room) if hit.item_name else ""
    where: list[str | tuple[str, str]] = [(date, "bold"), ("  " + meeting, "")]
    if item:
        where.append(("  ›  " + item, "italic $text-muted"))
    what = " ".join(hit.summary().split())
    return Content.assemble(*where, "\n", *marked(what))


class SearchScreen(BaseScreen[None]):
    """Search every meeting. Reads `self.minutes.store`; constructible with no arguments."""

    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-input"
    DEBOUNCE = 0.15  # seconds after the last key
    LIMIT = 50
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="search.back", tooltip=N_("Leave the search")),
        Binding(
            "enter",
            "open",
            N_("Open"),
            id="search.open",
            tooltip=N_("Open the meeting of the highlighted match, at its agenda item"),
            priority=True,  # above the line's own (hidden) Enter, so the footer shows it
        ),
        Binding(
            "down",
            "move(1)",
            N_("Next"),
            id="search.next",
            show=False,
            tooltip=N_("Highlight the next match"),
            priority=True,  # the line keeps the focus: arrows move through the matches
        ),
        Binding(
            "up",
            "move(-1)",
            N_("Previous"),
            id="search.previous",
            show=False,
            tooltip=N_("Highlight the previous match"),
            priority=True,
        ),
        Binding(
            "pagedown",
            "move(10)",
            N_("Page down"),
            id="search.page_down",
            show=False,
            tooltip=N_("Ten matches down"),
        ),
        Binding(
            "pageup",
            "move(-10)",
            N_("Page up"),
            id="search.page_up",
            show=False,
            tooltip=N_("Ten matches up"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self.shown_query = ""  # the query the list shows
        self.answered = ""  # the last query answered, with hits or with an error
        self.debounce: Timer | None = None

    @property
    def store(self) -> Store | None:
        return self.minutes.store

    def compose(self) -> ComposeResult:
        yield Static(_("Search · every meeting"), id="search-title", classes="title-bar")
        yield Input(placeholder=_("Search every meeting"), id="search-input")
        yield Static(_(HELP), id="search-status")
        yield OptionList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        error = self.minutes.store_error
        if error:
            self.say(f"⚠ {error}", error=True)

    @on(StoreReady)
    def on_store_ready(self, event: StoreReady) -> None:
        if event.error:
            self.say(f"⚠ {event.error}", error=True)
        else:
            self.run_query()

    def on_screen_resume(self) -> None:
        if self.shown_query:
            self.run_query()  # the meeting just left may have changed

    # ---- searching ------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.query_one("#search-input", Input).value

    @on(Input.Changed, "#search-input")
    def on_changed(self, _event: Input.Changed) -> None:
        if self.debounce is not None:
            self.debounce.stop()
        if not self.text.strip():
            self.debounce = None
            self.show_hits("", [])
            return
        self.debounce = self.set_timer(self.DEBOUNCE, self.run_query)

    def run_query(self) -> None:
        self.debounce = None
        if self.text.strip():
            self.find(self.text)

    @work(thread=True, exclusive=True, group="search")
    def find(self, query: str) -> None:
        store = self.store
        if store is None:
            self.minutes.call_from_thread(self.say, "Opening the database…")
            return  # StoreReady runs the query again
        worker = get_current_worker()
        typed = as_you_type(query)
        try:
            try:
                hits = store.search(typed, self.LIMIT)
            except SearchError:
                if typed == query:
                    raise
                hits = store.search(query, self.LIMIT)
        except StoreError as exc:  # a query FTS5 cannot read, a locked or damaged database
            if not worker.is_cancelled:
                self.minutes.call_from_thread(self.show_error, query, str(exc))
            return
        if not worker.is_cancelled:
            self.minutes.call_from_thread(self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        if query != self.text:
            return  # a newer query is on its way
        self.hits, self.shown_query = hits, query
        self.answered = query
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        width = results.scrollable_content_region.width or self.size.width
        for hit in hits:  # a rule under each match
            results.add_options([Option(hit_content(hit, width - 1)), None])
        if hits:
            results.highlighted = 0
            results.scroll_home(animate=False)
        if not query.strip():
            self.say(_(HELP))
        elif not hits:
            self.say(_("No match for {query}.").format(query=query.strip()))
        elif len(hits) >= self.LIMIT:
            self.say(
                _("The best {count} matches · type more to narrow · Enter opens").format(
                    count=len(hits)
                )
            )
        else:
            self.say(
                ngettext(
                    "{count} match, best first · Enter opens",
                    "{count} matches, best first · Enter opens",
                    len(hits),
                ).format(count=len(hits))
            )

    def show_error(self, query: str, message: str) -> None:
        if query == self.text:
            self.answered = query
            self.say(message, error=True)  # the last good list stays

    def say(self, message: str, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(Content(message))
        status.set_class(error, "error")

    # ---- moving and opening ---------------------------------------------------------

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = min(max(current + step, 0), len(self.hits) - 1)

    def selected(self) -> Hit | None:
        index = self.query_one("#search-results", OptionList).highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    @on(Input.Submitted, "#search-input")
    def on_submitted(self, _event: Input.Submitted) -> None:
        self.action_open()

    @on(OptionList.OptionSelected, "#search-results")
    def on_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#search-results", OptionList).highlighted = event.option_index
        self.action_open()

    def action_open(self) -> None:
        hit, store = self.selected(), self.store
        if hit is None or store is None:
            return
        try:
            final = store.meeting(hit.meeting_id).status == "final"
        except StoreError as exc:
            self.say(str(exc), error=True)
            return
        if final:
            self.minutes.open_meeting_screen(hit.meeting_id)
        else:
            self.minutes.open_capture(hit.meeting_id, hit.item_id)

    def action_back(self) -> None:
        self.dismiss(None)
