"""Word's numbered lists: each numbered list of the record (and each run of actions)
gets its own w:num of the List Number list, starting where it must."""

from __future__ import annotations

from typing import Any

from minutes_tui.record.docx_xml import _NUM_FORMATS, W_VAL, _w


class Numbering:
    """The document's numbering part, and new instances of the List Number list."""

    def __init__(self, doc: Any) -> None:
        self.numbering = doc.part.numbering_part.element
        style = doc.styles["List Number"].element
        num_id = style.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        self.abstract_id: str | None = None
        if num_id is not None:
            for num in self.numbering.findall(_w("num")):
                if num.get(_w("numId")) == num_id.get(W_VAL):
                    abstract = num.find(_w("abstractNumId"))
                    if abstract is not None:
                        self.abstract_id = abstract.get(W_VAL)
        ids = [int(n.get(_w("numId"), "0")) for n in self.numbering.findall(_w("num"))]
        self.next_num = max(ids, default=0) + 1

    def new(self, start: int, numbering: str = "decimal") -> int | None:
        """A numbering instance of the List Number list that starts at `start`, in
        decimal, or lower-roman "(i)" / lower-letter "(a)" as the rapporteur typed."""
        from lxml import etree

        if self.abstract_id is None:
            return None
        num_id = self.next_num
        self.next_num += 1
        num = etree.SubElement(self.numbering, _w("num"))
        num.set(_w("numId"), str(num_id))
        etree.SubElement(num, _w("abstractNumId")).set(W_VAL, self.abstract_id)
        override = etree.SubElement(num, _w("lvlOverride"))
        override.set(_w("ilvl"), "0")
        etree.SubElement(override, _w("startOverride")).set(W_VAL, str(max(start, 0)))
        if numbering in _NUM_FORMATS:
            # A whole level in the override: the format and its "(%1)" text, same indents.
            lvl = etree.SubElement(override, _w("lvl"))
            lvl.set(_w("ilvl"), "0")
            etree.SubElement(lvl, _w("start")).set(W_VAL, str(max(start, 0)))
            etree.SubElement(lvl, _w("numFmt")).set(W_VAL, _NUM_FORMATS[numbering])
            etree.SubElement(lvl, _w("lvlText")).set(W_VAL, "(%1)")
            etree.SubElement(lvl, _w("lvlJc")).set(W_VAL, "left")
            ppr = etree.SubElement(lvl, _w("pPr"))
            ind = etree.SubElement(ppr, _w("ind"))
            ind.set(_w("left"), "720")
            ind.set(_w("hanging"), "480")
        return num_id
