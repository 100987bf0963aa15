"""The clickable outline of every document, at every depth, with long sections shortened behind "展开".

Top-level sections and their points are answered by :meth:`Assistant.outline_answer` (so follow-ups such as
"那第三点呢？" lean on them as on a typed question); sub-sections ("（一）…") and their points, which outline
requests cannot name, are answered here from the passages under them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from ..query.outline import OutlineRequest
from ..query.sections import outline_passages
from ..records import Answer, Document, Hit, Passage
from ..render.html import esc

#: A section with more entries than this shows the first :data:`SHOWN` and a "展开其余 N 项" line.
LONG_SECTION = 6
SHOWN = 4
#: Cards of a sub-section answer, as many as an outline answer of the assistant has.
MAX_CARDS = 5


@dataclass(frozen=True)
class OutlineEntry:
    """One clickable line of the table of contents and what it stands for."""

    label: str
    level: int  # 0 a document's title, 1 a section, 2 a sub-section or a point, 3 a sub-section's point
    doc: str
    question: str = ""  # the words the conversation remembers for follow-ups ("那第二点呢？")
    request: OutlineRequest | None = None  # answered by the assistant's outline
    path: str = ""  # a sub-section's heading path, answered from its passages
    point_no: int = 0
    more: str = ""  # the key of a shortened section: a click shows its other entries


def _children(document: Document) -> list[tuple[int, OutlineEntry]]:
    """(top section number, entry) for every heading and point, in reading order."""
    rows: list[tuple[int, OutlineEntry]] = []
    counted: dict[int, int] = {}  # points listed so far per part: "第N点" counts in reading order, across parallel lists
    for p in outline_passages(document):
        nested = "›" in p.section
        if p.kind == "heading":
            request = None if nested else OutlineRequest("section", p.section_no)
            rows.append((p.section_no, OutlineEntry(p.text, 2 if nested else 1, document.name, p.section, request, p.section if nested else "")))
        else:
            request = None
            if not nested:
                counted[p.section_no] = counted.get(p.section_no, 0) + 1
                request = OutlineRequest("point", p.section_no, counted[p.section_no])
            question = f"{p.section} {p.point}"
            rows.append((p.section_no, OutlineEntry(p.point, 3 if nested else 2, document.name, question, request,
                                                    p.section if nested else "", p.point_no)))
    return rows


def outline_entries(document: Document, expanded: Collection[str] = (), titled: bool = False) -> list[OutlineEntry]:
    """A document's outline; sections with many entries are shortened unless their key is in ``expanded``."""
    entries: list[OutlineEntry] = []
    if titled:
        entries.append(OutlineEntry(f"《{document.title}》", 0, document.name, document.title, OutlineRequest("title")))
    rows = _children(document)
    for number in dict.fromkeys(n for n, _ in rows):
        section = [entry for n, entry in rows if n == number]
        head, inner = (section[:1], section[1:]) if section and section[0].level == 1 else ([], section)
        key = f"{document.name}#{number}"
        if len(inner) > LONG_SECTION and key not in expanded:
            label = f"展开其余 {len(inner) - SHOWN} 项"
            inner = [*inner[:SHOWN], OutlineEntry(label, 2, document.name, more=key)]
        entries.extend(head + inner)
    return entries


def library_outline(documents: Sequence[Document], only: Collection[str] = (), expanded: Collection[str] = ()) -> list[OutlineEntry]:
    """The outline of the chosen documents, or of every document, each headed by its title."""
    chosen = [d for d in documents if not only or d.name in only]
    return [entry for d in chosen for entry in outline_entries(d, expanded, titled=len(chosen) > 1)]


def _under(passage: Passage, path: str) -> bool:
    return passage.section == path or passage.section.startswith(path + " ›")


def subsection_answer(document: Document, entry: OutlineEntry) -> Answer:
    """A sub-section, or one of its points, as an outline answer: the passages asked for first, then the rest."""
    inside = [p for p in document.passages if _under(p, entry.path) and p.kind != "heading"]
    chosen = [p for p in inside if (p.point_no, p.point, p.section) == (entry.point_no, entry.label, entry.path)] if entry.point_no else inside
    passages = chosen + [p for p in inside if p not in chosen]
    if not passages:
        return Answer(entry.question, (), False, mode="outline", message=f"{entry.label}：这一节下面没有正文。")
    hits = tuple(Hit(p, 1.0 if i == 0 else 0.9, p.sentences[:1] if i == 0 else ()) for i, p in enumerate(passages[:MAX_CARDS]))
    where = entry.path + (f" › {entry.label}" if entry.point_no else "")
    return Answer(entry.question, hits, True, mode="outline", message=where, resolved=entry.question)


def outline_html(entry: OutlineEntry) -> str:
    """One line of the table of contents; the level sets its indent and weight."""
    kind = " qa-toc-more" if entry.more else ""
    return f'<span class="qa-toc qa-toc-{entry.level}{kind}">{esc(entry.label)}</span>'
