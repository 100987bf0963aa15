"""One document's text (and a reader's blocks) → :class:`Document`: front matter, title, outline, passages.

The outline is found in two passes. The first marks numbered headings (``一、`` ``第一部分`` level 1,
``（一）`` level 2, counting up), heading-like lines without a number ("结束语", an untitled part,
a Word heading) and numbered points. The second gives every heading its true depth: unnumbered
headings sit beside the numbered parts when they come after the last of them or when there are none,
and one level under the heading they follow otherwise; levels are then compacted so the shallowest is 1.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Sequence

from ..records import Document, Heading
from ..text import normalise, shown_text
from .boilerplate import CorpusLines, body_paragraphs, is_notice, line_key
from .numbering import NumberingStack
from .outline_rules import PointMatch, match_numbered, match_point
from .paragraphs import EDGE, Paragraph, heading_like, split_paragraphs, title_line
from .points import Point, point_of, settle_points
from .passages import PassageBuilder

#: Words that mark a line before the title as a notice about the text (reprint, source, translation).
_NOTICE = re.compile(r"原创|转载|来源|出处|仅供|版权|声明|摘自|编者按|译自|本文|录入|整理")
_SALUTATION = re.compile(r"[：:！!]$")
_CLAUSES = re.compile(r"[，,；;]")
MAX_COVER_CHARS = 50
MAX_FRONT_LINES = 6
MIN_PASSAGE_CHARS = 4


def _is_cover_line(text: str, after_title: bool = False) -> bool:
    """Short, unpunctuated lines of a cover: title, subtitle, date, speaker (not a salutation, a sentence of
    several clauses or a heading). Under a title, a "——" line is the subtitle or date, not a bullet."""
    point = match_point(text)
    return (
        len(text) <= MAX_COVER_CHARS
        and "。" not in text
        and len(_CLAUSES.findall(text)) <= 1
        and not _SALUTATION.search(text)
        and match_numbered(text) is None
        and (point is None or after_title and point.marker == "——")
    )


def _title(cover: Sequence[Paragraph], stem: str) -> str:
    """The cover's first line; the file's name when it says the same and more ("政府工作报告" in
    "2017年政府工作报告"), so that documents with one generic cover title stay apart."""
    if not cover or cover[0].text in stem:
        return stem
    return cover[0].text


def _opened_before(line: Paragraph, paragraphs: Sequence[Paragraph], corpus: CorpusLines) -> bool:
    """Whether the author's text had begun before ``line``: a salutation ("各位代表：") or a sentence ("现在，我代表
    国务院向大会作政府工作报告……。") that many documents of the corpus repeat, so left out as boilerplate. The
    short line after them is the body's first heading ("首先报告２００１年的工作"), not the title. A notice the
    documents share ("本文系作者原创投稿……！") is no opening: the title after it stays."""
    return any(
        p.start < line.start and line_key(p.text) in corpus.repeated and not is_notice(p.text)
        and (p.text.rstrip().endswith(("：", ":")) or "。" in p.text)
        for p in paragraphs
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
    while index < len(lines) and len(cover) < MAX_FRONT_LINES and _is_cover_line(lines[index].text, bool(cover)):
        cover.append(lines[index])
        index += 1
    if cover and index >= len(lines):  # a file of short lines only: keep the first as title, the rest as body
        index = lines.index(cover[0]) + 1
        cover = cover[:1]
    return notices, cover, lines[index:]


@dataclass(frozen=True)
class _Mark:
    """What the first pass saw in one body paragraph."""

    numbered: int = 0  # a numbered heading's depth among the numbered ones (1 outermost); 0 not one
    style: str = ""  # a numbered heading's numbering ("、", "（）", "部分")
    unnumbered: bool = False  # a heading-like line without a number (depth decided in the second pass)
    hint: int = 0  # the level a reader gave (Word style, <h2>), 0 when none
    point: Point | None = None  # a numbered point (一是, 第一，, an item of a list of 一、 paragraphs…)


def _split_inline(paragraph: Paragraph, source: str, chars: int) -> tuple[Paragraph, Paragraph] | None:
    """A sub-section written inline ("（一）构建….正文…") → its title line and its body, with source offsets."""
    end = next((k for k in range(paragraph.start + chars, paragraph.end) if len(shown_text(source[paragraph.start : k])) == chars), 0)
    start = end
    while start < paragraph.end and source[start] in EDGE + "\n，,；;：:":
        start += 1
    if not end or start >= paragraph.end or shown_text(source[paragraph.start : end]) != paragraph.text[:chars]:
        return None
    head = dataclasses.replace(paragraph, text=paragraph.text[:chars], end=end)
    body = dataclasses.replace(paragraph, text=shown_text(source[start : paragraph.end]), start=start, kind="paragraph", level=0)
    return head, body


def _list_runs_across(marks: Sequence[_Mark], after: Sequence[Paragraph]) -> bool:
    """A title line between point n and point n+1 of one list ("第一、…", a cited document's title on a line of
    its own, "第二、…") is text inside point n: a sub-heading would cut the list in two."""
    last = next((m for m in reversed(marks) if m.point or m.numbered or m.unnumbered), None)
    before = last.point if last and last.point and not last.point.bullet else None
    if before is None or not before.number:
        return False
    for paragraph in after:
        found = match_point(paragraph.text)
        if found or match_numbered(paragraph.text) or paragraph.kind == "heading":
            following = point_of(paragraph.text, found) if found else None
            return bool(following and following.family == before.family and following.number == before.number + 1)
    return False


def _first_pass(body: Sequence[Paragraph], source: str) -> tuple[list[Paragraph], list[_Mark]]:
    """Numbered headings placed by their numbering, heading-like lines, points; inline sub-sections split."""
    stack = NumberingStack()
    paragraphs: list[Paragraph] = []
    marks: list[_Mark] = []
    for index, paragraph in enumerate(body):
        hint = paragraph.level if paragraph.kind == "heading" else 0
        found = match_numbered(paragraph.text)
        following = body[index + 1] if index + 1 < len(body) else None
        placed = stack.place(found, following and match_numbered(following.text)) if found else None
        if found and placed and placed.depth:
            parts = _split_inline(paragraph, source, placed.title_chars) if placed.title_chars else None
            paragraphs.extend(parts or (paragraph,))
            heading = _Mark(placed.depth, style=found.style, hint=hint)
            marks.extend((heading, _Mark()) if parts else (heading,))
            continue
        paragraphs.append(paragraph)
        if found and placed:
            marks.append(_Mark(point=point_of(paragraph.text, PointMatch(placed.point, found.marker, True))))
            continue
        match = match_point(paragraph.text)
        unnumbered = paragraph.kind == "heading" or (
            title_line(paragraph.text) and match is None and following is not None and len(following.text) > len(paragraph.text)
            and not _list_runs_across(marks, body[index + 1 :])
        )
        if unnumbered:
            stack.titled_part()
        marks.append(_Mark(unnumbered=unnumbered, hint=hint, point=point_of(paragraph.text, match) if match and not unnumbered else None))
    return paragraphs, marks


def _depths(marks: Sequence[_Mark]) -> list[int]:
    """Each paragraph's heading depth (0 for body text), compacted so the shallowest heading is 1."""
    tops = [i for i, m in enumerate(marks) if m.numbered == 1]
    unnumbered = [i for i, m in enumerate(marks) if m.unnumbered and not m.hint]
    # Unnumbered parts before the first numbered one and more after it enclose the numbered ones (一、…
    # under a titled part), rather than stand beside them.
    # So do titled parts before sub-sections numbered （一）, the second level of the usual numbering.
    before = bool(tops) and any(i < tops[0] for i in unnumbered)
    enclosing = before and (sum(i > tops[0] for i in unnumbered) >= 2 or marks[tops[0]].style == "（）")
    last_candidate = max((i for i, m in enumerate(marks) if m.numbered or m.unnumbered), default=-1)
    depths: list[int] = []
    numbered = 0  # depth of the last numbered heading
    for index, mark in enumerate(marks):
        if mark.numbered:
            depth = numbered = mark.numbered + enclosing
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
    if cover and _opened_before(cover[0], paragraphs, corpus):
        cover, rest = [], cover + rest
    title = _title(cover, Path(name).stem)
    builder = PassageBuilder(name, text)
    for line in cover:
        builder.add_title(line)
    body = [p for p in rest if len(p.text) >= MIN_PASSAGE_CHARS or heading_like(p.text)]
    headings: list[Heading] = []
    path: list[Heading] = []
    counters: dict[int, int] = {}  # position of the current heading among its siblings, per depth
    body, marks = _first_pass(body, text)
    depths = _depths(marks)
    sections = list(accumulate(1 if depth else 0 for depth in depths))
    points = settle_points([p.text for p in body], [None if d else m.point for m, d in zip(marks, depths)], sections)
    for paragraph, mark, depth, point in zip(body, marks, depths, points):
        if depth:
            counters = {d: n for d, n in counters.items() if d <= depth}
            counters[depth] = counters.get(depth, 0) + 1
            found = match_numbered(paragraph.text)
            label = found.marker if found and mark.numbered else ""
            heading = Heading(name, depth, counters[depth], label, paragraph.text, paragraph.start, paragraph.end)
            path = [h for h in path if h.level < depth] + [heading]
            headings.append(heading)
            builder.add_heading(paragraph, path)
            continue
        if len(paragraph.text) < MIN_PASSAGE_CHARS:
            continue
        builder.add_paragraph(paragraph, path, point.label if point else "", point.number if point else None,
                              bullet=bool(point and point.bullet))
    return Document(
        name=name,
        text=text,
        title=title,
        notice=" ".join(line.text for line in notices),
        headings=tuple(headings),
        passages=builder.passages(),
    )

