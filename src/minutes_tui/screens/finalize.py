"""ctrl+f in the capture screen: confirm, then finalize in a worker (LibreOffice takes a
few seconds for the PDF; the app stays responsive), then show the read-only record."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minutes_tui.finalize import Finalized
    from minutes_tui.screens.capture import CaptureScreen


def finalize_meeting(screen: CaptureScreen) -> None:
    from minutes_tui.screens.confirm import ConfirmScreen

    def confirmed(yes: bool | None) -> None:
        if not yes:
            screen.status("Still a draft; nothing changed.")
            return
        screen.status("Finalizing: archiving the record as Markdown, Word and PDF…")
        screen.run_worker(lambda: _work(screen), thread=True, exclusive=True, group="finalize")

    screen.app.push_screen(
        ConfirmScreen(
            "Finalize this meeting?",
            "It is locked, and its record is archived (Markdown, Word, PDF) with its "
            "SHA-256 as the next version. Reopening it later asks why.",
        ),
        confirmed,
    )


def _work(screen: CaptureScreen) -> None:
    from minutes_tui.finalize import finalize
    from minutes_tui.record.export import ExportError
    from minutes_tui.store.errors import StoreError

    try:
        done = finalize(screen.store, screen.meeting_id)
    except (StoreError, ExportError, OSError) as exc:
        message = str(exc) if not isinstance(exc, OSError) else f"Not finalized: {exc.strerror}"
        screen.app.call_from_thread(screen.status, message, None, True)
        return
    screen.app.call_from_thread(_done, screen, done)


def _done(screen: CaptureScreen, done: Finalized) -> None:
    notes = "".join(f"\n{n}" for n in done.notes)
    screen.minutes.notify(
        f"Version {done.version} archived in {done.folder}{notes}",
        title="Meeting final",
        timeout=15,
        severity="warning" if done.notes else "information",
    )
    screen.minutes.open_meeting_screen(screen.meeting_id, replace=True)
