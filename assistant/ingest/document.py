"""One document's text (and a reader's blocks) → :class:`Document`: front matter, title, outline, passages.

The outline is found in two passes. The first marks numbered headings (``一、`` ``第一部分`` level 1,
``（一）`` level 2, counting up), heading-like lines without a number ("结束语", an untitled part,
a Word heading) and numbered points. The second gives every heading its true depth: unnumbered
headings sit beside the numbered parts when they come after the last of them or when there are none,
and one level under the heading they follow otherwise; levels are then compacted so the shallowest is 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..records import Document, Heading
from ..text import normalise
from .boilerplate import CorpusLines, body_paragraphs
from .outline_rules import match_heading, match_point, point_label
from .paragraphs import Paragraph, heading_like, split_paragraphs, title_line
from .passages import PassageBuilder

#: Words that mark a line before the title as a notice about the text (reprint, source, translation).
_NOTICE = re.compile(r"原创|转载|来源|出处|仅供|版权|声明|摘自|编者按|译自|本文|录入|整理")
_SALUTATION = re.compile(r"[：:！!]$")
MAX_COVER_CHARS = 50
MAX_FRONT_LINES = 6
MIN_PASSAGE_CHARS = 4


def _is_cover_line(text: str) -> bool:
    """Short, unpunctuated lines of a cover: title, subtitle, date, speaker (not a salutation or heading)."""
    return (
        len(text) <= MAX_COVER_CHARS
        and "。" not in text
        and not _SALUTATION.search(text)
        and match_heading(text) is None
        and match_point(text) is None
    )


def split_front(lines: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph], list[Paragraph]]:
    """(notice lines, cover lines, body lines). The first cover line is the title."""
    notices: list[Paragraph] = []
    index = 0
    while index < min(len(lines), MAX_FRONT_LINES) and _NOTICE.search(normalise(lines[index].text)):
        if _is_cover_line(lines[index].text) and notices:
            break
        notices.append(lines[index])
        index += 1
    cover: list[Paragraph] = []
    while index < len(lines) and len(cover) < MAX_FRONT_LINES and _is_cover_line(lines[index].text):
        cover.append(lines[index])
        index += 1
    if cover and index >= len(lines):  # a file of short lines only: keep the first as title, the rest as body
        index = lines.index(cover[0]) + 1
        cover = cover[:1]
    return notices, cover, lines[index:]


@dataclass(frozen=True)
class _Mark:
    """What the first pass saw in one body paragraph."""

    heading_level: int = 0  # 1, 2 numbered; 0 not a heading
    unnumbered: bool = False  # a heading-like line without a number (depth decided in the second pass)
    hint: int = 0  # the level a reader gave (Word style, <h2>), 0 when none


def _first_pass(body: Sequence[Paragraph]) -> list[_Mark]:
    marks: list[_Mark] = []
    counters = {1: 0, 2: 0}
    for index, paragraph in enumerate(body):
        hint = paragraph.level if paragraph.kind == "heading" else 0
        found = match_heading(paragraph.text)
        # A numbered heading counts up; a second level may also restart at one under a new part.
        if found and found.level in counters and (found.number == counters[found.level] + 1 or found.level == 2 and found.number == 1):
            counters[found.level] = found.number
            if found.level == 1:
                counters[2] = 0
            marks.append(_Mark(found.level, hint=hint))
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        unnumbered = paragraph.kind == "heading" or (
            title_line(paragraph.text)
            and match_point(paragraph.text) is None
            and following is not None
            and len(following.text) > len(paragraph.text)
        )
        marks.append(_Mark(0, unnumbered, hint))
    return marks


def _depths(marks: Sequence[_Mark]) -> list[int]:
    """Each paragraph's heading depth (0 for body text), compacted so the shallowest heading is 1."""
    tops = [i for i, m in enumerate(marks) if m.heading_level == 1]
    unnumbered = [i for i, m in enumerate(marks) if m.unnumbered and not m.hint]
    # Unnumbered parts before the first numbered one and more after it enclose the numbered ones (一、…
    # under a titled part), rather than stand beside them.
    enclosing = bool(tops) and any(i < tops[0] for i in unnumbered) and sum(i > tops[0] for i in unnumbered) >= 2
    last_candidate = max((i for i, m in enumerate(marks) if m.heading_level or m.unnumbered), default=-1)
    depths: list[int] = []
    numbered = 0  # depth of the last numbered heading
    for index, mark in enumerate(marks):
        if mark.heading_level:
            depth = numbered = mark.heading_level + enclosing
        elif not mark.unnumbered:
            depth = 0
        elif mark.hint:
            depth = mark.hint
        elif enclosing or not tops or index > tops[-1] and (numbered <= 1 or index == last_candidate):
            depth = 1  # a part beside the numbered ones (结束语 ends the report), or the parts of an unnumbered one
        elif index < tops[0]:
            depth = 0  # a short line before the first part is text, not a part
        else:
            depth = numbered + 1
        depths.append(depth)
    rank = {d: i + 1 for i, d in enumerate(sorted({d for d in depths if d}))}
    return [rank.get(d, 0) for d in depths]


def parse_document(name: str, text: str, paragraphs: Sequence[Paragraph] | None = None,
                   corpus: CorpusLines = CorpusLines()) -> Document:
    """Parse one document; ``name`` is its path relative to ``corpus/``. ``paragraphs`` come from a
    reader's blocks; by default the text is split into paragraphs by its lines."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    notices, cover, rest = split_front(body_paragraphs(paragraphs, corpus))
    title = cover[0].text if cover else Path(name).stem
    builder = PassageBuilder(name, text)
    for line in cover:
        builder.add_title(line)
    body = [p for p in rest if len(p.text) >= MIN_PASSAGE_CHARS or heading_like(p.text)]
    headings: list[Heading] = []
    path: list[Heading] = []
    counters: dict[int, int] = {}  # position of the current heading among its siblings, per depth
    marks = _first_pass(body)
    for paragraph, mark, depth in zip(body, marks, _depths(marks)):
        if depth:
            counters = {d: n for d, n in counters.items() if d <= depth}
            counters[depth] = counters.get(depth, 0) + 1
            found = match_heading(paragraph.text)
            label = found.marker if found and mark.heading_level else ""
            heading = Heading(name, depth, counters[depth], label, paragraph.text, paragraph.start, paragraph.end)
            path = [h for h in path if h.level < depth] + [heading]
            headings.append(heading)
            builder.add_heading(paragraph, path)
            continue
        if len(paragraph.text) < MIN_PASSAGE_CHARS:
            continue
        point = match_point(paragraph.text)
        label = point_label(paragraph.text, point) if point else ""
        builder.add_paragraph(paragraph, path, label, point.number if point else None, bullet=bool(point and point.marker == "——"))
    return Document(
        name=name,
        text=text,
        title=title,
        notice=" ".join(line.text for line in notices),
        headings=tuple(headings),
        passages=builder.passages(),
    )

