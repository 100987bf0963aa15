"""``corpus/`` → :class:`Document` s: every supported file read through the format readers, corpus-level
line statistics taken once, then each document parsed (``document.py``).

Offsets are into the text the reader returns (for .txt/.md the decoded file exactly), so
``shown_text(document.text[start:end])`` is what a user sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import CorpusError
from ..records import Document
from .boilerplate import CorpusLines
from .document import parse_document
from .formats import SUFFIXES, Extracted, read_file
from .paragraphs import Paragraph, block_paragraphs, split_paragraphs

__all__ = ["SUFFIXES", "Source", "corpus_files", "load_corpus", "parse_document", "parse_sources", "paragraphs_of",
           "read_document", "read_extracted", "read_sources"]


def corpus_files(folder: Path) -> list[Path]:
    """Document files under ``folder``, in a stable order (hidden files and folders are skipped)."""
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder} (create it and put .txt, .md, .docx, .pdf or .html files in it)")
    files = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.name.lower() != "readme.md"
        and not path.name.startswith("~$")  # Word's lock files
    ]
    return sorted(files)


@dataclass(frozen=True)
class Source:
    """One corpus file as read: its name, the reader's result and its paragraphs (before boilerplate)."""

    name: str
    extracted: Extracted
    paragraphs: tuple[Paragraph, ...]


def paragraphs_of(extracted: Extracted) -> list[Paragraph]:
    """Paragraphs of a reader's result: a plain text is split by its lines (Markdown headings kept as
    headings), a structured format by its blocks."""
    if extracted.source_format not in ("txt", "md"):
        return block_paragraphs(extracted.text, extracted.blocks or ())
    found = split_paragraphs(extracted.text)
    headings = [b for b in extracted.blocks or () if b.kind == "heading"]
    if not headings:
        return found
    marked = block_paragraphs(extracted.text, headings)
    starts = {p.start for p in marked}
    kept = [p for p in found if not any(p.start <= s < p.end for s in starts)]
    return sorted(kept + marked, key=lambda p: p.start)


def read_extracted(folder: Path, path: Path) -> Source:
    """Read one file through its format reader; an unreadable file raises :class:`CorpusError` naming it."""
    name = path.relative_to(folder).as_posix()
    try:
        extracted = read_file(path)
    except CorpusError as error:  # its message names the file already
        raise CorpusError(str(error) if path.name in str(error) else f"{name}: {error}") from None
    return Source(name, extracted, tuple(paragraphs_of(extracted)))


def parse_sources(sources: Sequence[Source]) -> list[Document]:
    """Parse every source with the corpus's statistics (lines many documents repeat are boilerplate)."""
    corpus = CorpusLines.count(source.paragraphs for source in sources)
    return [parse_document(s.name, s.extracted.text, s.paragraphs, corpus) for s in sources]


def read_document(folder: Path, path: Path) -> Document:
    """Read and parse one file on its own (no corpus statistics)."""
    source = read_extracted(folder, path)
    return parse_sources([source])[0]


def read_sources(folder: Path) -> tuple[list[Source], list[str]]:
    """Every readable file as read, and one message per file that could not be read (the others still load)."""
    sources: list[Source] = []
    problems: list[str] = []
    for path in corpus_files(folder):
        try:
            sources.append(read_extracted(folder, path))
        except CorpusError as error:
            problems.append(str(error))
    return sources, problems


def load_corpus(folder: Path) -> tuple[list[Document], list[str]]:
    """All readable documents, and one message per file that could not be read (the others still load)."""
    sources, problems = read_sources(folder)
    return parse_sources(sources), problems
