"""A tracked change is placed in the row's own text, whatever the paragraph around it
(a speaker before, owners and a due date after): `rebase` against applying it directly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minutes_tui.circulation.incorporate import rebase
from minutes_tui.circulation.returned import Change

WORDS = st.lists(
    st.sampled_from(["access", "corridor", "the", "review", "June", "figures", "by", "of"]),
    min_size=2,
    max_size=12,
).map(" ".join)


@given(
    raw=WORDS,
    prefix=st.sampled_from(["", "UNHCR ", "Decision: ", "Ms. Jamal: "]),
    suffix=st.sampled_from(["", " [OCHA]", " [WFP; IOM] — by 1 June 2024"]),
    data=st.data(),
)
def test_a_change_inside_the_rows_words_lands_where_it_was_made(
    raw: str, prefix: str, suffix: str, data: st.DataObject
) -> None:
    before = prefix + raw + suffix
    start = data.draw(st.integers(0, len(raw)))
    if data.draw(st.booleans()):
        inserted = data.draw(st.sampled_from(["early ", "all ", "not "]))
        change = Change("ins", len(prefix) + start, inserted, "Co-Chair")
        expected = raw[:start] + inserted + raw[start:]
    else:
        stop = data.draw(st.integers(start, len(raw)))
        change = Change("del", len(prefix) + start, raw[start:stop], "Co-Chair")
        expected = raw[:start] + raw[stop:]
    assert rebase(before, raw, [change]) == expected


def test_a_change_outside_the_rows_words_is_not_placed() -> None:
    before = "UNHCR outlined the corridor [OCHA]"
    raw = "outlined the corridor"
    assert rebase(before, raw, [Change("del", 0, "UNHCR", "x")]) is None  # the speaker
    assert rebase(before, raw, [Change("del", 29, "OCHA", "x")]) is None  # an owner
    both = [Change("del", 15, "the ", "x"), Change("ins", 19, "main ", "x")]
    assert rebase(before, raw, both) == "outlined main corridor"
