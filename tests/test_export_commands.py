"""Export as a user reaches it: `minutes export` on the command line and ctrl+e in the app."""

from __future__ import annotations

import builtins
import errno
import io
import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from tests.helpers import FIXTURES, run_cli, settle


def imported(home: Home) -> str:
    done = run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_cli_export_default_path_and_mode(home: Home) -> None:
    mid = imported(home)
    done = run_cli("export", mid, home=home)
    assert done.returncode == 0, done.stderr
    out = Path(done.stdout.strip())
    assert out.parent == home.exports_dir and out.name.startswith("2020-07-09-")
    assert out.suffix == ".md"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "RESTRICTED" in text and "Follow-Up Actions" in text
    word = run_cli("export", mid, "--format", "docx", "--style", "actions", home=home)
    assert word.returncode == 0, word.stderr
    path = Path(word.stdout.strip())
    assert path.suffix == ".docx" and path.name.endswith("-actions.docx")
    import docx

    document = docx.Document(str(path))
    assert any(
        "Accelerate the finalization" in c.text
        for t in document.tables
        for r in t.rows
        for c in r.cells
    ) or any("Accelerate the finalization" in p.text for p in document.paragraphs)


def test_cli_export_redacted_has_no_names(home: Home, tmp_path: Path) -> None:
    mid = imported(home)
    out = tmp_path / "redacted.md"
    done = run_cli("export", mid, "--redact", "--out", str(out), home=home)
    assert done.returncode == 1  # "Roadmap" and "Al-Shabaab": nobody recorded them
    assert "unknown name: Al-Shabaab" in done.stderr and not out.exists()
    done = run_cli("export", mid, "--redact", "--keep", "--out", str(out), home=home)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    for name in ("Guarrieri", "Lisle", "Shelbaya", "Campo", "Schopp", "Hinrichs"):
        assert name not in text


def refuse_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `folder` read-only (mode 0500) for everyone, root too (who ignores mode bits).

    For other users chmod is the real refusal. As root the kernel's answer is simulated
    wherever Python creates, renames or removes a name in the folder: EACCES. As with the
    real mode, a file already there can still be overwritten in place; an export that
    wrote some way not simulated here would succeed, and the test would fail.
    """
    folder.chmod(0o500)
    if os.geteuid() != 0:
        return

    def refuse(path: object, creating: bool = True) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            name = os.fsdecode(path)
            if Path(name).parent == folder and creating:
                raise PermissionError(errno.EACCES, "Permission denied", name)

    real_os_open, real_replace, real_rename, real_unlink, real_open = (
        os.open,
        os.replace,
        os.rename,
        os.unlink,
        io.open,
    )

    def new_name(path: object) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and not os.path.lexists(path)

    def os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(path, bool(flags & os.O_CREAT) and new_name(path))
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(file, "x" in mode or (any(m in mode for m in "wa") and new_name(file)))
        return real_open(file, mode, *args, **kwargs)

    def renaming(real):  # type: ignore[no-untyped-def]
        def rename(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            refuse(src)
            refuse(dst)
            return real(src, dst, *args, **kwargs)

        return rename

    def unlink(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(path)
        return real_unlink(path, *args, **kwargs)

    for module, name, fake in [
        (os, "open", os_open),
        (os, "replace", renaming(real_replace)),
        (os, "rename", renaming(real_rename)),
        (os, "unlink", unlink),
        (os, "remove", unlink),
        (io, "open", open_),
        (builtins, "open", open_),
    ]:
        monkeypatch.setattr(module, name, fake)


def test_cli_export_unwritable_path_changes_nothing(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid = imported(home)
    locked = tmp_path / "locked"
    locked.mkdir()
    existing = locked / "record.md"
    existing.write_text("the earlier export", encoding="utf-8")
    with monkeypatch.context() as patched:
        refuse_writes_in(locked, patched)
        try:
            done = run_cli("export", mid, "--out", str(existing), home=home)
        finally:
            locked.chmod(0o700)
    assert done.returncode == 1
    assert (
        done.stderr == f"minutes: error: Cannot write to the folder {locked}: permission denied.\n"
    )
    assert done.stdout == ""
    assert existing.read_text(encoding="utf-8") == "the earlier export"
    assert sorted(p.name for p in locked.iterdir()) == ["record.md"]  # no temporary file left
    missing = run_cli("export", mid, "--out", str(tmp_path / "no" / "such" / "x.md"), home=home)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    folder = run_cli("export", mid, "--out", str(tmp_path), home=home)  # the default name inside
    assert folder.returncode == 0 and Path(folder.stdout.strip()).parent == tmp_path


async def test_ctrl_e_exports_from_the_capture_screen(home: Home, tmp_path: Path) -> None:
    imported(home)
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    out = tmp_path / "from-the-app.docx"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#export-format", Select).value == "docx"
        dialog.query_one("#export-redact", Checkbox).value = True
        path = dialog.query_one("#export-path", Input)
        assert path.value.endswith(".docx") and str(home.exports_dir) in path.value
        path.value = str(out)
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "UnknownNamesScreen"  # "Roadmap", "Al-Shabaab"
        await pilot.press("k")  # no names: keep them
        await settle(pilot)
        assert type(app.screen).__name__ == "CaptureScreen"
        assert "Exported to" in str(app.screen.query_one("#capture-status").render())
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "DIGITIZATION AND DATA RESPONSIBILITY" in text.upper()
    assert "Guarrieri" not in text


async def test_export_dialog_reports_an_unwritable_path(home: Home, tmp_path: Path) -> None:
    imported(home)
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "missing-folder" / "x.docx")
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportScreen"
        assert "⚠" in str(app.screen.query_one("#export-result").render())
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "CaptureScreen"
    assert not (tmp_path / "missing-folder").exists()


def test_cli_export_twice_keeps_the_first_file_and_its_hand_edits(home: Home) -> None:
    mid = imported(home)
    first = run_cli("export", mid, "--format", "docx", home=home)
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.strip())
    path.write_bytes(b"edited in Word")
    second = run_cli("export", mid, "--format", "docx", home=home)
    assert second.returncode == 0, second.stderr
    kept_beside = Path(second.stdout.strip())
    assert kept_beside == path.with_name(f"{path.stem}-2.docx")
    assert path.read_bytes() == b"edited in Word"
    assert f"{path} exists and was kept; wrote {kept_beside.name}" in second.stderr
    assert kept_beside.read_bytes().startswith(b"PK")  # a Word file, written whole
    forced = run_cli("export", mid, "--format", "docx", "--overwrite", home=home)
    assert forced.returncode == 0, forced.stderr
    assert Path(forced.stdout.strip()) == path and path.read_bytes().startswith(b"PK")
    assert not path.with_name(f"{path.stem}-3.docx").exists()


async def _export_again(app: MinutesApp, pilot, out: Path, keys: list[str]) -> str:  # type: ignore[no-untyped-def]
    """ctrl+e, the path set to `out`, ctrl+s, then `keys` in the question; the status."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(app.focused, Select)  # a reflex Enter opens a list, writes nothing
    app.screen.query_one("#export-path", Input).value = str(out)
    await pilot.press("enter", "escape")  # Enter by reflex: the format list, closed again
    assert type(app.screen).__name__ == "ExportScreen" and out.read_bytes() == b"edited in Word"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert type(app.screen).__name__ == "OverwriteScreen"
    await pilot.press(*keys)
    await settle(pilot)
    status = app.screen.query_one("#capture-status" if keys != ["escape"] else "#export-result")
    return str(status.render())


async def test_export_dialog_asks_before_replacing_a_file(home: Home, tmp_path: Path) -> None:
    imported(home)
    out = tmp_path / "record.docx"
    out.write_bytes(b"edited in Word")
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Nothing written" in await _export_again(app, pilot, out, ["escape"])
        await pilot.press("escape")
        await settle(pilot)
        assert "record-2.docx" in await _export_again(app, pilot, out, ["enter"])  # keep both
        assert out.read_bytes() == b"edited in Word"
        assert (tmp_path / "record-2.docx").read_bytes().startswith(b"PK")
        assert "record.docx" in await _export_again(app, pilot, out, ["o"])
        assert out.read_bytes().startswith(b"PK")
        assert not (tmp_path / "record-3.docx").exists()


def test_finalize_never_writes_over_an_earlier_file(home: Home) -> None:
    mid = imported(home)
    stray = home.root / "archive" / mid / "v1"  # a version folder the database never knew
    stray.mkdir(parents=True)
    (stray / "notes.docx").write_bytes(b"edited in Word")
    done = run_cli("finalize", mid, "--no-pdf", home=home)
    assert done.returncode == 0, done.stderr
    kept = [p for p in stray.parent.iterdir() if p.name.startswith("v1.incomplete-")]
    assert len(kept) == 1 and (kept[0] / "notes.docx").read_bytes() == b"edited in Word"
    assert not (stray / "notes.docx").exists() and any(stray.glob("*.md"))
    assert run_cli("reopen", mid, "--reason", "a correction", home=home).returncode == 0
    first = {p.name: p.read_bytes() for p in stray.iterdir()}
    assert run_cli("finalize", mid, "--no-pdf", home=home).returncode == 0
    assert {p.name: p.read_bytes() for p in stray.iterdir()} == first  # v1 untouched
    assert any((stray.parent / "v2").glob("*.docx"))
