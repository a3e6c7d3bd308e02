"""The exported record keeps what the rapporteur typed: lists as real lists, nested
headings, presenters, typed order, and SESSION headings only when asked for."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from minutes_tui.record import build_record, render_docx, render_markdown
from tests.record_fixtures import replay_script

MINUTES = """---
title: IM Network monthly meeting
body: IM Network
date: 2021-03-04
style: minutes
---
/i 1 Welcome | presenter: OCHA
The Chair welcomed the members.
/i 2 Data sharing | presenter: UNHCR; Ms. Jamal
UNHCR presented the data sharing protocol.
/l DISCUSSION: the members raised:
- the need for a common template
- the timeline for endorsement
Mr. Ali asked about licences.
/d The network endorsed the protocol.
/l Next steps: a review in June.
/i 2.1 Templates
The template was shown as follows:
(i) one sheet per cluster
(ii) one row per site
/i - KEY RESULTS
Three results were agreed.
"""


def test_minutes_keep_typed_order_lists_presenters_and_nesting(tmp_path: Path) -> None:
    data = replay_script(tmp_path, MINUTES)
    md = render_markdown(build_record(data))
    assert "*Presenter: OCHA*" in md and "*Presenters: UNHCR; Ms. Jamal*" in md
    # The DISCUSSION list starts where it was typed and holds what followed it.
    discussion = md.split("**DISCUSSION:**", 1)[1].split("**Next steps:**", 1)[0]
    lines = [line for line in discussion.splitlines() if line.strip()]
    assert lines == [
        "- the members raised:",
        "- the need for a common template",
        "- the timeline for endorsement",
        "- Mr. Ali asked about licences.",
        "- **Decision:** The network endorsed the protocol.",
    ]
    assert md.index("UNHCR presented") < md.index("**DISCUSSION:**")
    assert "- (i) one sheet per cluster\n- (ii) one row per site" in md
    assert "## 2. Data sharing" in md and "### 2.1 Templates" in md  # nested one level down
    assert "## KEY RESULTS" in md and "3 KEY" not in md  # unnumbered, no invented number


def test_word_lists_are_real_list_paragraphs_and_headings_nest(tmp_path: Path) -> None:
    data = replay_script(tmp_path, MINUTES)
    out = io.BytesIO()
    render_docx(build_record(data), out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    styles = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert styles["2. Data sharing"] == "Heading 1"
    assert styles["2.1 Templates"] == "Heading 2"
    assert styles["the need for a common template"] == "List Bullet"
    assert styles["one sheet per cluster"] == "List Number"
    roman = next(p for p in document.paragraphs if p.text == "one sheet per cluster")
    num_id = roman._p.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.num_lst if n.numId == num_id]
    formats = num.xpath(".//w:lvlOverride/w:lvl/w:numFmt/@w:val")
    assert formats == ["lowerRoman"]


def test_session_headings_only_when_the_meeting_asks(tmp_path: Path) -> None:
    plain = MINUTES.replace("style: minutes", "style: summary\nsession: Session 4")
    md = render_markdown(build_record(replay_script(tmp_path / "a", plain)))
    assert "SESSION 2" not in md and "2. Data sharing" in md
    house = plain.replace("style: summary", "style: summary\nheadings: session")
    md = render_markdown(build_record(replay_script(tmp_path / "b", house)))
    assert "SESSION 2: DATA SHARING" in md


def test_bare_web_addresses_become_links(tmp_path: Path) -> None:
    script = MINUTES + "See https://example.org/guidance and www.unhcr.org. Code `https://x.org`.\n"
    data = replay_script(tmp_path, script)
    md = render_markdown(build_record(data))
    assert "See <https://example.org/guidance> and [www.unhcr.org](http://www.unhcr.org)." in md
    assert "`https://x.org`" in md  # code stays code
    out = io.BytesIO()
    render_docx(build_record(data), out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    targets = {r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype}
    assert {"https://example.org/guidance", "http://www.unhcr.org"} <= targets


def test_people_carried_from_the_last_meeting_are_not_printed_as_attendees(tmp_path: Path) -> None:
    from minutes_tui.config import Home
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.store.store import Store
    from tests.helpers import replay

    store = Store.open(Home(tmp_path))
    first = store.create_meeting(MeetingHeader(title="RG1", body="RG1"))
    replay(store, first, ["/p OCHA: Ms. Amal Haddad", "/p WFP: Mr. Tom Berg"])
    second = store.create_from_previous(first, MeetingHeader(title="RG1", body="RG1"))
    replay(store, second, ["/p OCHA: Ms. Amal Haddad"])  # marked present again
    md = render_markdown(build_record(store.load(second), "minutes"))
    store.close()
    annex = md.split("## Participants", 1)[1]
    attended, invited = annex.split("**Invited, attendance not recorded:**")
    assert "Amal Haddad" in attended and "Tom Berg" not in attended
    assert "Mr. Tom Berg" in invited
