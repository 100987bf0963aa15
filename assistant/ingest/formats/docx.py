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
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield _paragraph(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, document))


def _paragraph(paragraph: Paragraph) -> Piece:
    level = _heading_level(paragraph)
    if level:
        return Piece(paragraph.text, "heading", min(level, 4))
    return Piece(paragraph.text, "paragraph", _list_level(paragraph))


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


def _list_level(paragraph: Paragraph) -> int:
    """1-based level of a Word-numbered paragraph (its own numbering or its style's), 0 when not numbered."""
    ppr = paragraph._p.pPr
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None and paragraph.style is not None and paragraph.style.element.pPr is not None:
        numpr = paragraph.style.element.pPr.find(qn("w:numPr"))
    if numpr is None:
        return 0
    ilvl = numpr.find(qn("w:ilvl"))
    return 1 + (int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)
