"""Read any supported file into text and blocks: `read_file` picks the reader by suffix and sniffed content."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.formats.docx import read_docx
from assistant.ingest.formats.html import read_html
from assistant.ingest.formats.limits import DEFAULT_LIMITS, Limits
from assistant.ingest.formats.pdf import read_pdf
from assistant.ingest.formats.records import Block, Extracted, UnreadableFileError
from assistant.ingest.formats.text import read_text

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")

__all__ = ["SUFFIXES", "Block", "Extracted", "Limits", "DEFAULT_LIMITS", "UnreadableFileError", "read_file"]


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """The file's text and blocks; a file that cannot be read raises `UnreadableFileError` with one Chinese line.

    A malformed file can make a parser fail in ways no reader foresees (deep nesting, broken streams); that
    becomes the same one-line refusal, with the parser's error chained, so one bad file never stops a corpus.
    """
    try:
        return _read(path, limits)
    except UnreadableFileError:
        raise
    except (Exception, RecursionError) as error:
        raise UnreadableFileError(path, f"读取时出错（{type(error).__name__}），文件可能已损坏；请重新导出或另存后再添加。") from error


def _read(path: Path, limits: Limits) -> Extracted:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path, limits)
    if suffix == ".pdf":
        return read_pdf(path, limits)
    if suffix in (".html", ".htm"):
        return read_html(path, limits)
    if suffix in (".md", ".markdown"):
        return read_text(path, limits, markdown=True)
    if suffix == ".txt":
        return read_text(path, limits)
    raise UnreadableFileError(path, f"不支持 {suffix or '无扩展名'} 格式；请另存为 .txt、.md、.docx、.pdf 或 .html 再添加。")
