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
    """The file's text and blocks; a file that cannot be read raises `UnreadableFileError` with one Chinese line."""
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
