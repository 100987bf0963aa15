"""Word .docx: paragraphs and table rows in body order, headings from styles and outline levels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from assistant.ingest.formats.docx_numbering import Numbering, numbering_of
from assistant.ingest.formats.limits import Limits, check_zip, read_bytes
from assistant.ingest.formats.records import Extracted, Piece, UnreadableFileError, assemble, join_lines

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = {"title", "标题"}
_BODY_OUTLINE = 9  # Word's outline level for body text


def read_docx(path: Path, limits: Limits) -> Extracted:
    """Checked as a zip first (bomb caps), then parsed with python-docx."""
    read_bytes(path, limits)
    check_zip(path, limits)
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors… for a broken package
        raise UnreadableFileError(path, "无法作为 Word（.docx）文件打开，可能已损坏；请用 Word 另存为 .docx 再添加。") from None
    return assemble(_pieces(document), "docx", path, limits.max_chars)


def _pieces(document: docx.document.Document) -> Iterator[Piece]:
    numbering = Numbering.of(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield _paragraph(Paragraph(child, document), numbering)
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, document))


def _paragraph(paragraph: Paragraph, numbering: Numbering) -> Piece:
    """Its text with Word's automatic number written in front; a numbered body paragraph keeps its list level."""
    numbered = numbering_of(paragraph)
    label = numbering.label(*numbered) if numbered else ""
    text = label + paragraph.text
    level = _heading_level(paragraph)
    if level:
        return Piece(text, "heading", min(level, 4))
    return Piece(text, "paragraph", numbered[1] + 1 if numbered else 0)


def _table(table: Table) -> Iterator[Piece]:
    """Each row one paragraph: its cells' texts (a merged cell once) joined by a space."""
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(join_lines(cell.text.splitlines()))
        yield Piece(" ".join(c for c in cells if c))


def _heading_level(paragraph: Paragraph) -> int:
    """1-based heading level from the style name, else from an outline level on the paragraph or its styles."""
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    match = _HEADING_STYLE.match(name)
    if match:
        return int(match.group(1))
    if name.lower() in _TITLE_STYLE:
        return 1
    outline = _outline_level(paragraph._p.pPr)
    while outline is None and isinstance(style, ParagraphStyle):
        outline = _outline_level(style.element.pPr)
        style = style.base_style
    return 0 if outline is None or outline >= _BODY_OUTLINE else outline + 1


def _outline_level(ppr: object) -> int | None:
    node = ppr.find(qn("w:outlineLvl")) if ppr is not None else None  # type: ignore[attr-defined]
    return None if node is None else int(node.get(qn("w:val")))
