"""`minutes incorporate`: a draft cleared in Word (or LibreOffice) with tracked changes and
comments is listed by --dry-run, taken in by --accept-all as one undo step, and a file
that is not ours, or is another meeting's, or is built to exhaust memory changes nothing."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests import cleared
from tests.helpers import FIXTURES, run_cli

SENTENCE = "The group agreed to review the draft by June."
NEW = "The group agreed to review by early June."
LIBREOFFICE_FIXTURE = FIXTURES / "cleared-by-libreoffice.docx"


def _meeting(home: Path, title: str = "Operational Policy and Advocacy Group") -> str:
    made = run_cli("new", title, "--body", "IASC OPAG", "--date", "2024-05-10", home=home)
    assert made.returncode == 0, made.stderr
    meeting = made.stdout.strip()
    added = run_cli(
        "add",
        meeting,
        "/i 1 Data responsibility",
        "OCHA: outlined the concept of data responsibility",
        SENTENCE,
        "/a Finalize the guidance [RG1] by 2024-06-01",
        home=home,
    )
    assert added.returncode == 0, added.stderr
    return meeting


def _export(home: Path, meeting: str, *extra: str) -> Path:
    out = home / f"export-{meeting}{'-'.join(extra)}.docx"
    done = run_cli("export", meeting, "--format", "docx", "--out", out, *extra, home=home)
    assert done.returncode == 0, done.stderr
    return out


def _shown(home: Path, meeting: str) -> dict:  # type: ignore[type-arg]
    done = run_cli("show", meeting, "--json", home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _texts(home: Path, meeting: str) -> list[str]:
    shown = _shown(home, meeting)
    return [e["text"] for item in shown["items"] for e in item["entries"]]


def _returned(home: Path, meeting: str) -> Path:
    path = home / "cleared.docx"
    path.write_bytes(cleared.cleared_in_word(_export(home, meeting).read_bytes(), SENTENCE))
    return path


def _incorporated_and_undone(home: Path, meeting: str, returned: Path) -> None:
    """The issue's done-when, for one returned file."""
    before = _shown(home, meeting)
    listed = run_cli("incorporate", meeting, returned, "--dry-run", home=home)
    assert listed.returncode == 0, listed.stderr
    assert f"{SENTENCE!r} → {NEW!r} (Co-Chair)" in listed.stdout
    assert "comment on entry" in listed.stdout and "(Co-Chair): 'Please name the owner.'" in (
        listed.stdout
    )
    assert "nothing was changed" in listed.stderr
    assert _shown(home, meeting) == before  # --dry-run changes nothing

    taken = run_cli("incorporate", meeting, returned, "--accept-all", home=home)
    assert taken.returncode == 0, taken.stderr
    assert NEW in _texts(home, meeting) and SENTENCE not in _texts(home, meeting)
    (comment,) = _shown(home, meeting)["review_comments"]
    assert comment["author"] == "Co-Chair" and comment["text"] == "Please name the owner."
    assert comment["row"].startswith("entry:")
    assert "Co-Chair: Please name the owner." in run_cli("show", meeting, home=home).stdout

    undone = run_cli("undo", meeting, home=home)
    assert undone.returncode == 0 and "incorporation of" in undone.stdout
    after = _shown(home, meeting)
    assert SENTENCE in _texts(home, meeting) and after["review_comments"] == []


def test_a_draft_cleared_in_word_is_listed_taken_in_and_taken_back(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    _incorporated_and_undone(tmp_path, meeting, _returned(tmp_path, meeting))


def test_a_draft_cleared_in_libreoffice_is_taken_in_and_back(tmp_path: Path) -> None:
    """A file LibreOffice 7 wrote (tests/cleared.py, `cleared_in_libreoffice`, made it from
    this very meeting's export): its own w:ins/w:del/comments serialisation."""
    meeting = _meeting(tmp_path)
    assert meeting == "1"  # the fixture's bookmarks name this meeting's first rows
    _incorporated_and_undone(tmp_path, meeting, LIBREOFFICE_FIXTURE)


@pytest.mark.slow
@pytest.mark.skipif(cleared.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_draft_cleared_in_libreoffice_now(tmp_path: Path) -> None:
    """The same, through a live LibreOffice round trip (two soffice runs, ~20 s)."""
    meeting = _meeting(tmp_path)
    returned = cleared.cleared_in_libreoffice(_export(tmp_path, meeting), SENTENCE, tmp_path)
    _incorporated_and_undone(tmp_path, meeting, returned)


def _bookmarks(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml").decode()
    return re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', document)


def test_the_word_export_marks_each_entry_and_a_redacted_one_nothing(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    run_cli("add", meeting, "!UNHCR: a confidential point", home=tmp_path)
    shown = _shown(tmp_path, meeting)
    entries = [e for item in shown["items"] for e in item["entries"]]
    names = _bookmarks(_export(tmp_path, meeting))
    rows = {tuple(n.split("_")[1:3]) for n in names if not n.startswith("m_x_")}
    secret = next(e["id"] for e in entries if e["confidential"])
    assert rows == {("entry", str(e["id"])) for e in entries if not e["confidential"]} | {
        ("action", str(a["id"])) for a in shown["actions"]
    }
    assert ("entry", str(secret)) not in rows  # a confidential entry's id never goes out
    assert _bookmarks(_export(tmp_path, meeting, "--redact")) == []


def test_text_changed_without_tracking_or_added_is_shown_and_kept(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    cleared.replace_run(contents, SENTENCE, cleared.run("The group agreed to look again."))
    added = "<w:p>" + cleared.run("A paragraph the reviewer typed.") + "</w:p>"
    contents[cleared.DOCUMENT] = contents[cleared.DOCUMENT].replace(
        b"<w:sectPr", added.encode() + b"<w:sectPr", 1
    )
    returned = tmp_path / "untracked.docx"
    returned.write_bytes(cleared.package(contents))
    listed = run_cli("incorporate", meeting, returned, "--dry-run", home=tmp_path)
    assert "changed without tracking" in listed.stdout and "look again" in listed.stdout
    assert "added paragraph after" in listed.stdout and "the reviewer typed" in listed.stdout
    run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert SENTENCE in _texts(tmp_path, meeting)  # not applied: kept as comments
    kept = [c["text"] for c in _shown(tmp_path, meeting)["review_comments"]]
    assert any("look again" in t for t in kept) and any("the reviewer typed" in t for t in kept)


def test_a_change_to_the_speaker_is_shown_not_applied(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    old = "OCHA outlined the concept of data responsibility"
    xml = cleared.deleted("OCHA") + cleared.inserted("WFP") + cleared.run(old[4:])
    cleared.replace_run(contents, old, xml)
    returned = tmp_path / "speaker.docx"
    returned.write_bytes(cleared.package(contents))
    run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert "outlined the concept of data responsibility" in _texts(tmp_path, meeting)
    (kept,) = _shown(tmp_path, meeting)["review_comments"]
    assert "WFP outlined" in kept["text"]


def test_a_comment_is_listed_until_resolved(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    run_cli("incorporate", meeting, _returned(tmp_path, meeting), "--accept-all", home=tmp_path)
    (comment,) = _shown(tmp_path, meeting)["review_comments"]
    shown = run_cli("show", meeting, home=tmp_path).stdout
    assert "\n\nOpen comments (1)\n" in shown, shown  # a blank line sets them apart
    done = run_cli("incorporate", meeting, "--resolve", str(comment["id"]), home=tmp_path)
    assert done.returncode == 0 and "Resolved comment" in done.stdout
    assert _shown(tmp_path, meeting)["review_comments"] == []
    assert "Open comments" not in run_cli("show", meeting, home=tmp_path).stdout
    again = run_cli("incorporate", meeting, "--resolve", "999", home=tmp_path)
    assert again.returncode == 1 and "has no comment 999" in again.stderr


def test_without_a_flag_it_asks_for_one(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    done = run_cli("incorporate", meeting, _returned(tmp_path, meeting), home=tmp_path)
    assert done.returncode == 2 and "--dry-run" in done.stderr and "--accept-all" in done.stderr
    # The app takes a draft in one proposal at a time from the meetings list's `c`
    # (docs/app.md), and both the sentence and the help say so.
    assert "meetings list, key c)" in done.stderr
    helped = run_cli("incorporate", "-h", home=tmp_path)
    assert "meetings list's `c` takes them" in " ".join(helped.stdout.split())


def test_a_final_meeting_refuses(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    returned = _returned(tmp_path, meeting)
    assert run_cli("finalize", meeting, "--no-pdf", home=tmp_path).returncode == 0
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 1 and "is final" in done.stderr
    assert done.stderr.count("\n") == 1 and SENTENCE in _texts(tmp_path, meeting)


# ---- files that are not what they say ----------------------------------------------


def _unchanged(home: Path, meeting: str, returned: Path, words: str) -> None:
    before = _shown(home, meeting)
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=home)
    assert done.returncode == 1 and words in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert _shown(home, meeting) == before


def test_a_document_that_is_not_ours_changes_nothing(tmp_path: Path) -> None:
    import docx

    meeting = _meeting(tmp_path)
    document = docx.Document()
    document.add_paragraph(SENTENCE)
    stream = io.BytesIO()
    document.save(stream)
    other = tmp_path / "someone-elses.docx"
    other.write_bytes(stream.getvalue())
    _unchanged(tmp_path, meeting, other, "carries none of the marks")


def test_another_meetings_marks_never_edit_it(tmp_path: Path) -> None:
    first = _meeting(tmp_path)
    second = _meeting(tmp_path, "Another meeting")
    returned = _returned(tmp_path, first)  # the first meeting's draft, against the second
    _unchanged(tmp_path, second, returned, "the record of another meeting")
    assert SENTENCE in _texts(tmp_path, first)  # and the first is not touched either


def test_a_draft_with_a_row_of_another_meeting_ignores_that_row(tmp_path: Path) -> None:
    first = _meeting(tmp_path)
    second = _meeting(tmp_path, "Another meeting")
    contents = cleared.parts(_export(tmp_path, second).read_bytes())
    # A paragraph of the second meeting's draft, bookmarked as a row of the first.
    first_row = next(e["id"] for i in _shown(tmp_path, first)["items"] for e in i["entries"])
    document = contents[cleared.DOCUMENT].decode()
    names = re.findall(r'w:name="(m_entry_(\d+)_0_[0-9a-f]{8})"', document)
    name, _ = names[-1]
    forged = re.sub(r"m_entry_\d+_", f"m_entry_{first_row}_", name)
    contents[cleared.DOCUMENT] = document.replace(name, forged).encode()
    xml = cleared.run("The group agreed to review ") + cleared.inserted("never ")
    cleared.replace_run(contents, SENTENCE, xml + cleared.run("the draft by June."))
    returned = tmp_path / "forged.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", second, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 paragraph marked with rows that are not this meeting's" in done.stderr
    assert SENTENCE in _texts(tmp_path, first) and SENTENCE in _texts(tmp_path, second)


def test_a_zip_bomb_is_refused_by_the_safe_reader(tmp_path: Path) -> None:
    from tests.hostile_files import zip_bomb

    meeting = _meeting(tmp_path)
    bomb = tmp_path / "bomb.docx"
    zip_bomb(bomb, 40 * 1024 * 1024)
    _unchanged(tmp_path, meeting, bomb, "zip bomb")


def test_the_fixture_is_what_libreoffice_wrote() -> None:
    """The committed file holds LibreOffice's own markup, not ours (so the test above reads
    a third party's tracked changes). Made by tests/cleared.py, `cleared_in_libreoffice`,
    from `_meeting`'s export in a new home."""
    with zipfile.ZipFile(LIBREOFFICE_FIXTURE) as z:
        app = z.read("docProps/app.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "LibreOffice" in app
    assert "<w:del " in document and "<w:ins " in document and "commentReference" in document


def test_a_minutes_bullet_and_an_action_take_their_changes(tmp_path: Path) -> None:
    """In the minutes style an attributed point is a DISCUSSION bullet; an action's
    paragraph also holds its owners and due date: each change reaches its row's text."""
    made = run_cli("new", "IM Network", "--style", "minutes", "--date", "2024-05-10", home=tmp_path)
    meeting = made.stdout.strip()
    point = "WFP: shared the pipeline figures"
    run_cli("add", meeting, "/i 1 Updates", point, "/a Share the figures [WFP]", home=tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    cleared.replace_run(
        contents,
        "WFP shared the pipeline figures",
        cleared.run("WFP shared the ")
        + cleared.inserted("revised ")
        + cleared.run("pipeline figures"),
    )
    cleared.replace_run(
        contents,
        "Share the figures",
        cleared.run("Share the ") + cleared.deleted("figures") + cleared.inserted("dashboard"),
    )
    returned = tmp_path / "minutes.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = _shown(tmp_path, meeting)
    assert "shared the revised pipeline figures" in _texts(tmp_path, meeting)
    (action,) = shown["actions"]
    assert action["text"] == "Share the dashboard" and action["owners"] == ["WFP"]


def test_a_moved_paragraph_still_maps_to_its_entry(tmp_path: Path) -> None:
    """The reviewer moved the paragraph to the end of the record (its bookmark moves with
    it), then changed it: the change reaches the same entry."""
    meeting = _meeting(tmp_path)
    contents = cleared.parts(
        cleared.cleared_in_word(_export(tmp_path, meeting).read_bytes(), SENTENCE)
    )
    document = contents[cleared.DOCUMENT].decode()
    moved = re.search(
        r"<w:p>(?:(?!<w:p>).)*?m_entry_\d+_0_[0-9a-f]{8}(?:(?!<w:p>).)*?early .*?</w:p>", document
    )
    assert moved is not None
    document = document.replace(moved.group(0), "", 1)
    contents[cleared.DOCUMENT] = document.replace(
        "<w:sectPr", moved.group(0) + "<w:sectPr", 1
    ).encode()
    returned = tmp_path / "moved.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert NEW in _texts(tmp_path, meeting)
    (comment,) = _shown(tmp_path, meeting)["review_comments"]
    assert comment["author"] == "Co-Chair"


# ---- drafts that try to do more than clear the record --------------------------------


def _forged_paragraph(name_row: str, text: str, insertion: str) -> str:
    """A paragraph bookmarked as `name_row` ("entry_5"), hashing as `text` exported, with a
    tracked insertion: what a reviewer who knows the ids could add to a draft."""
    from minutes_tui.record.docx_marks import text_hash

    name = f"m_{name_row}_0_{text_hash(text)}"
    return (
        f'<w:p><w:bookmarkStart w:id="7701" w:name="{name}"/>{cleared.run(text)}'
        f'{cleared.inserted(insertion)}<w:bookmarkEnd w:id="7701"/></w:p>'
    )


def test_a_mark_forged_for_a_confidential_row_never_edits_it(tmp_path: Path) -> None:
    """Confidential rows are never in a circulated export: a paragraph naming one (an
    entry or an action) is ignored and counted, like another meeting's."""
    meeting = _meeting(tmp_path)
    run_cli("add", meeting, "!a confidential point", "!/a a secret action", home=tmp_path)
    shown = _shown(tmp_path, meeting)
    secret = next(e for i in shown["items"] for e in i["entries"] if e["confidential"])
    action = next(a for a in shown["actions"] if a["confidential"])
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    forged = _forged_paragraph(f"entry_{secret['id']}", secret["text"], " FORGED")
    forged += _forged_paragraph(f"action_{action['id']}", action["text"], " FORGED")
    contents[cleared.DOCUMENT] = contents[cleared.DOCUMENT].replace(
        b"<w:sectPr", forged.encode() + b"<w:sectPr", 1
    )
    returned = tmp_path / "forged.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert "2 paragraphs marked with rows that are not this meeting's" in done.stderr
    assert "confidential" in done.stderr
    after = _shown(tmp_path, meeting)
    texts = [e["text"] for i in after["items"] for e in i["entries"]]
    assert secret["text"] in texts and not any("FORGED" in t for t in texts)
    assert action["text"] in [a["text"] for a in after["actions"]]
    assert not any("FORGED" in a["text"] for a in after["actions"])


def _with_insertion(home: Path, meeting: str, insertion: str) -> Path:
    """The draft with `insertion` tracked at the end of SENTENCE, by Co-Chair."""
    contents = cleared.parts(_export(home, meeting).read_bytes())
    cleared.replace_run(contents, SENTENCE, cleared.run(SENTENCE) + cleared.inserted(insertion))
    returned = home / "inserted.docx"
    returned.write_bytes(cleared.package(contents))
    return returned


def test_the_same_draft_taken_in_twice_changes_the_text_once(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path)
    returned = _with_insertion(tmp_path, meeting, " Agreed.")
    first = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"{SENTENCE} Agreed." in _texts(tmp_path, meeting)
    again = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "changed since this draft was exported" in again.stdout
    assert f"{SENTENCE} Agreed." in _texts(tmp_path, meeting)
    assert not any("Agreed. Agreed." in t for t in _texts(tmp_path, meeting))
    (kept,) = _shown(tmp_path, meeting)["review_comments"]  # kept, not lost
    assert "not applied" in kept["text"]


def test_an_insertion_reads_back_as_typed_and_changes_no_owner(tmp_path: Path) -> None:
    """Entry text is Markdown (`*b*` is exported in italics): what the reviewer typed in
    Word reads back in the next record as typed, not as emphasis or a link; owners and a
    due date typed into an action's paragraph stay words of its text."""
    meeting = _meeting(tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    markup = cleared.inserted(" *x* &lt;b&gt;")
    cleared.replace_run(contents, SENTENCE, cleared.run(SENTENCE) + markup)
    cleared.replace_run(
        contents,
        "Finalize the guidance",
        cleared.run("Finalize the guidance") + cleared.inserted(" [UNHCR] by 2027-01-01"),
    )
    returned = tmp_path / "marked-up.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    (action,) = _shown(tmp_path, meeting)["actions"]
    assert action["owners"] == ["RG1"] and action["due_date"] == "2024-06-01"
    import docx

    after = tmp_path / "after.docx"
    assert (
        run_cli("export", meeting, "--format", "docx", "--out", after, home=tmp_path).returncode
        == 0
    )
    paragraphs = [p.text for p in docx.Document(str(after)).paragraphs]
    assert any(p.endswith(f"{SENTENCE} *x* <b>") for p in paragraphs), paragraphs[5:]
    assert any("Finalize the guidance [UNHCR] by 2027-01-01" in p for p in paragraphs)


def test_an_entry_with_a_link_still_takes_an_insertion(tmp_path: Path) -> None:
    """A Markdown link is exported as its label: the row still reads as exported, so the
    change is applied, not held back as made to text changed since."""
    meeting = _meeting(tmp_path)
    run_cli("add", meeting, "See [the guidance](https://example.org/g) here", home=tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    cleared.replace_run(contents, " here", cleared.run(" here") + cleared.inserted(" today"))
    returned = tmp_path / "link.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "See [the guidance](https://example.org/g) here today" in _texts(tmp_path, meeting)


def test_controls_and_breaks_in_an_insertion_or_comment_are_cleaned(tmp_path: Path) -> None:
    """A break becomes a space; C1 controls, bidi overrides and U+2028 are not stored, so
    the Markdown record cannot gain a list item or reversed text from a reviewer."""
    meeting = _meeting(tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    hostile = cleared.inserted(" a\u009b31mb\u202ec\u2028d") + (
        '<w:ins w:id="905" w:author="Co-Chair"><w:r><w:br/></w:r>'
        "<w:r><w:t>1. fake action</w:t></w:r></w:ins>"
    )
    cleared.replace_run(contents, SENTENCE, cleared.run(SENTENCE) + hostile)
    cleared.replace_run(
        contents, "Finalize the guidance", cleared.commented("Finalize the guidance")
    )
    cleared.with_comments(contents, [("Co\u202eChair", "one\u2028two\u009b")])
    returned = tmp_path / "hostile.docx"
    returned.write_bytes(cleared.package(contents))
    done = run_cli("incorporate", meeting, returned, "--accept-all", home=tmp_path)
    assert done.returncode == 0, done.stderr
    text = next(t for t in _texts(tmp_path, meeting) if t.startswith(SENTENCE))
    assert text == f"{SENTENCE} abc d 1. fake action"  # a CSI goes whole, "31m" with it
    (comment,) = _shown(tmp_path, meeting)["review_comments"]
    assert comment["text"] == "one two" and comment["author"] == "CoChair"
    markdown = run_cli("export", meeting, "--format", "md", home=tmp_path).stdout
    assert "\u202e" not in markdown and "\u2028" not in markdown
    assert "\n1. fake action" not in markdown


def test_many_comment_ranges_in_one_paragraph_keep_their_order_once(tmp_path: Path) -> None:
    from minutes_tui.circulation.returned import read_returned

    meeting = _meeting(tmp_path)
    contents = cleared.parts(_export(tmp_path, meeting).read_bytes())
    anchors = "".join(f'<w:commentRangeStart w:id="{n}"/>' for n in (3, 1, 3, 2, 1))
    cleared.replace_run(contents, SENTENCE, anchors + cleared.run(SENTENCE))
    returned = tmp_path / "anchors.docx"
    returned.write_bytes(cleared.package(contents))
    (para,) = [p for p in read_returned(returned).paragraphs if p.before == SENTENCE]
    assert para.comments == ["3", "1", "2"]
