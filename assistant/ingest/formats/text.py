"""Plain text and Markdown: decode in whatever encoding the file uses, keep the text exactly as decoded."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from assistant.ingest.formats.limits import Limits, read_bytes
from assistant.ingest.formats.records import Block, Extracted, UnreadableFileError, too_long

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: Encodings Chinese text files come in; GB18030 is a superset of GBK and GB2312.
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
#: Starts of binary formats people rename: PDF, zip (docx, xlsx), OLE (doc, xls), PNG, JPEG, GIF, gzip, ELF.
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MD_HEADING = re.compile(r"^(#{1,4})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MD_FENCE = re.compile(r"^(```|~~~).*?(?:^\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)  # a # line in code is no heading


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding): a BOM wins, then strict UTF-8, then detection among Chinese encodings and UTF-16."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path), encoding.replace("-sig", "")
    if is_binary_format(data):
        raise binary_error(path)
    try:
        return _plain(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    if best is None:
        raise UnreadableFileError(path, "无法识别文字编码，可能不是文本文件；请用记事本另存为 UTF-8 编码再添加。")
    encoding = best.encoding.replace("_", "-")
    return _plain(_strict(data, encoding, path), path), encoding


def read_text(path: Path, limits: Limits, markdown: bool = False) -> Extracted:
    """The decoded file; for Markdown, `#`–`####` lines are given as heading blocks (offsets into the file)."""
    text, encoding = decode(read_bytes(path, limits), path)
    if len(text) > limits.max_chars:
        raise too_long(path, limits.max_chars)
    if not text.strip():
        raise UnreadableFileError(path, "只有空白，没有文字；请放入有内容的文件再添加。")
    blocks = None
    if markdown:
        fenced = [(m.start(), m.end()) for m in _MD_FENCE.finditer(text)]
        found = tuple(
            Block(m.start(2), m.end(2), "heading", len(m.group(1)))
            for m in _MD_HEADING.finditer(text)
            if not any(start <= m.start() < end for start, end in fenced)
        )
        blocks = found or None
    return Extracted(text, blocks, "md" if markdown else "txt", encoding=encoding)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise UnreadableFileError(path, f"按 {encoding} 解码失败，文件可能已损坏；请用记事本另存为 UTF-8 编码再添加。") from None


def _plain(text: str, path: Path) -> str:
    """Refuse decoded text that is mostly control characters or holds NULs: binary content."""
    controls = len(_CONTROL.findall(text[:100_000]))
    if "\x00" in text or controls > max(8, len(text[:100_000]) // 100):
        raise binary_error(path)
    return text


def is_binary_format(data: bytes) -> bool:
    """Whether the bytes start like a PDF, zip, old Office file, image, gzip or program."""
    return data[:1024].lstrip()[:8].startswith(_MAGIC)


def binary_error(path: Path) -> UnreadableFileError:
    return UnreadableFileError(path, "内容是二进制数据而不是文字（可能是改了扩展名的 PDF、Word 或图片）；请改回正确的扩展名或另存为文本再添加。")
