"""``corpus/*.txt|md`` → :class:`Document`: front matter, title, outline, and passages with offsets.

Every UTF-8 file is one document and every non-empty line one paragraph. Offsets are into the text as
Python reads the file (``Path.read_text``), so ``document.text[start:end]`` is what a user sees.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorpusError
from ..records import Document, Heading
from ..text import normalise
from .lines import Line, lines_of
from .outline_rules import match_heading, match_point, point_label
from .passages import PassageBuilder

SUFFIXES = (".txt", ".md")
#: Words that mark a line before the title as a notice about the text (reprint, source, translation).
_NOTICE = re.compile(r"原创|转载|来源|出处|仅供|版权|声明|摘自|编者按|译自|本文|录入|整理")
_SALUTATION = re.compile(r"[：:！!]$")
MAX_COVER_CHARS = 50
MAX_FRONT_LINES = 6


def _is_cover_line(line: str) -> bool:
    """Short, unpunctuated lines of a cover: title, subtitle, date, speaker (not a salutation or heading)."""
    return (
        len(line) <= MAX_COVER_CHARS
        and "。" not in line
        and not _SALUTATION.search(line)
        and match_heading(line) is None
        and match_point(line) is None
    )


def split_front(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """(notice lines, cover lines, body lines). The first cover line is the title."""
    notices: list[Line] = []
    index = 0
    while index < min(len(lines), MAX_FRONT_LINES) and _NOTICE.search(normalise(lines[index].text)):
        if _is_cover_line(lines[index].text) and notices:
            break
        notices.append(lines[index])
        index += 1
    cover: list[Line] = []
    while index < len(lines) and len(cover) < MAX_FRONT_LINES and _is_cover_line(lines[index].text):
        cover.append(lines[index])
        index += 1
    if cover and index >= len(lines):  # a file of short lines only: keep the first as title, the rest as body
        index = lines.index(cover[0]) + 1
        cover = cover[:1]
    return notices, cover, lines[index:]


def parse_document(name: str, text: str) -> Document:
    """Parse one document's text; ``name`` is its path relative to ``corpus/``."""
    notices, cover, body = split_front(lines_of(text))
    title = cover[0].text if cover else Path(name).stem
    builder = PassageBuilder(name, text)
    for line in cover:
        builder.add_title(line)
    headings: list[Heading] = []
    path: list[Heading] = []
    for line in body:
        found = match_heading(line.text)
        expected = _next_number(path, found.level) if found else 0
        if found and found.number == expected:
            heading = Heading(name, found.level, found.number, found.marker, line.text, line.start, line.end)
            path = [h for h in path if h.level < found.level] + [heading]
            headings.append(heading)
            builder.add_heading(line, path)
            continue
        point = match_point(line.text)
        label = point_label(line.text, point) if point else ""
        builder.add_paragraph(line, path, label, point.number if point else None)
    return Document(
        name=name,
        text=text,
        title=title,
        notice=" ".join(line.text for line in notices),
        headings=tuple(headings),
        passages=builder.passages(),
    )


def _next_number(path: list[Heading], level: int) -> int:
    """Headings must count up (一、二、三…) to be taken as headings; a level restarts under a new parent."""
    same = [h for h in path if h.level == level]
    return same[-1].number + 1 if same else 1


def corpus_files(folder: Path) -> list[Path]:
    """Document files under ``folder``, in a stable order (hidden files and folders are skipped)."""
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder} (create it and put .txt or .md files in it)")
    files = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.name.lower() != "readme.md"
    ]
    return sorted(files)


def read_document(folder: Path, path: Path) -> Document:
    """Read and parse one file; a file that is not UTF-8 raises :class:`CorpusError` naming it."""
    name = path.relative_to(folder).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{name}: not valid UTF-8 (byte {error.start}); save it as UTF-8 to include it") from None
    except OSError as error:
        raise CorpusError(f"{name}: cannot be read ({error.strerror})") from None
    return parse_document(name, text)


def load_corpus(folder: Path) -> tuple[list[Document], list[str]]:
    """All readable documents, and one message per file that could not be read (the others still load)."""
    documents: list[Document] = []
    problems: list[str] = []
    for path in corpus_files(folder):
        try:
            documents.append(read_document(folder, path))
        except CorpusError as error:
            problems.append(str(error))
    return documents, problems
