"""PDF lines into paragraphs: running headers, footers and page numbers dropped, hard-wrapped lines rejoined.

Single-column reading order is assumed: lines are taken top to bottom, as the report layouts we meet are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from statistics import median

from assistant.ingest.formats.records import Piece

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·•]*(?:第\s*)?(?:[\d０-９]{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6})(?:\s*页)?(?:\s*(?:/|of|共)\s*\d+\s*页?)?[\s\-–—·•]*$"
)
_DIGITS = re.compile(r"[\d０-９]+")
#: Characters that end a sentence or a list item, so a short line ending with one ends its paragraph.
_ENDS = tuple("。！？；：…”」』）.!?;:")


@dataclass(frozen=True)
class Line:
    """One text line of a page, in PDF points (y grows upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def height(self) -> float:
        return self.top - self.bottom


def drop_running(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Drop page numbers and any top or bottom line that recurs (digits aside) on several pages."""
    edges = [_edge_lines(lines) for lines in pages]
    counts = Counter(key for edge in edges for key in {_key(line) for line in edge})
    needed = max(2, (len(pages) + 1) // 2)
    kept = []
    for lines, edge in zip(pages, edges):
        edge_ids = {id(line) for line in edge}
        kept.append(
            [
                line
                for line in lines
                if id(line) not in edge_ids or not (_PAGE_NUMBER.match(line.text) or counts[_key(line)] >= needed)
            ]
        )
    return kept


def _edge_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines on the top-most and bottom-most rows of a page (a row: lines at about the same height)."""
    if not lines:
        return []
    top = max(line.top for line in lines)
    bottom = min(line.bottom for line in lines)
    return [line for line in lines if line.top >= top - 2 or line.bottom <= bottom + 2]


def _key(line: Line) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", line.text))


def paragraphs(pages: Sequence[Sequence[Line]]) -> Iterator[Piece]:
    """Rejoin wrapped lines: a line reaching the right margin continues unless the next is indented or apart.

    A line clearly taller than the body text is a heading; the tallest sizes get the smallest levels.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return
    body = median(line.height for line in lines)
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    sizes = sorted({round(line.height) for line in lines if line.height > body * 1.15}, reverse=True)
    current: list[Line] = []
    for line in lines:
        heading = line.height > body * 1.15
        if current and not heading and _continues(current[-1], line, body, left, right):
            current.append(line)
            continue
        if current:
            yield _piece(current, body, sizes)
        current = [line]
        if heading:
            yield _piece(current, body, sizes)
            current = []
    if current:
        yield _piece(current, body, sizes)


def _continues(prev: Line, line: Line, body: float, left: float, right: float) -> bool:
    """Whether `line` goes on with `prev`'s paragraph.

    An indented line, a vertical gap or a heading starts a paragraph. A line ending short of the margin ends
    one only when it ends a sentence or stops far short: Chinese line breaking pushes a character or a number
    to the next line (a comma may not start a line), leaving wrapped lines a few characters short.
    """
    indented = line.x0 > left + 0.8 * body
    same_page_gap = line.page == prev.page and prev.bottom - line.top > 0.9 * body
    heading_before = prev.height > body * 1.15
    if indented or same_page_gap or heading_before:
        return False
    short_by = right - prev.x1
    return short_by < 1.5 * body or (short_by < 8 * body and not prev.text.rstrip().endswith(_ENDS))


def _piece(lines: list[Line], body: float, sizes: list[int]) -> Piece:
    text = "\n".join(line.text for line in lines)
    first = lines[0]
    if first.height > body * 1.15:
        level = min(sizes.index(round(first.height)) + 1, 4) if round(first.height) in sizes else 1
        return Piece(text, "heading", level, first.page)
    return Piece(text, "paragraph", 0, first.page)
