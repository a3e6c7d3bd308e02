"""ctrl+f in the capture screen: confirm, then finalize in a worker (LibreOffice takes a
few seconds for the PDF; the app stays responsive), then show the read-only record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minutes_tui.domain.translate import _

if TYPE_CHECKING:
    from minutes_tui.finalize import Finalized
    from minutes_tui.screens.capture import CaptureScreen


def finalize_meeting(screen: CaptureScreen) -> None:
    from minutes_tui.screens.confirm import ConfirmScreen

    def confirmed(yes: bool | None) -> None:
        if not yes:
            screen.status(_("Still a draft; nothing changed."))
            return
        screen.status(_("Finalizing: archiving the record as Markdown, Word and PDF…"))
        screen.run_worker(lambda: _work(screen), thread=True, exclusive=True, group="finalize")

    screen.app.push_screen(
        ConfirmScreen(
            _("Finalize this meeting?"),
            _(
                "It is locked, and its record is archived (Markdown, Word, PDF) with its "
                "SHA-256 as the next version. Reopening it later asks why."
            ),
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
        message = (
            str(exc)
            if not isinstance(exc, OSError)
            else _("Not finalized: {error}").format(error=exc.strerror)
        )
        screen.app.call_from_thread(screen.status, message, None, True)
        return
    screen.app.call_from_thread(_done, screen, done)


def _done(screen: CaptureScreen, done: Finalized) -> None:
    notes = "".join(f"\n{n}" for n in done.notes)
    screen.minutes.notify(
        _("Version {version} archived in {folder}").format(version=done.version, folder=done.folder)
        + notes,
        title=_("Meeting final"),
        timeout=15,
        severity="warning" if done.notes else "information",
    )
    screen.minutes.open_meeting_screen(screen.meeting_id, replace=True)
