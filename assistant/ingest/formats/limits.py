"""Size, page, character and zip limits, checked before any parser sees the file."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.formats.records import UnreadableFileError


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile or huge file from taking the machine; over a cap the file is refused."""

    max_bytes: int = 20 * 1024 * 1024
    max_pdf_pages: int = 2_000
    max_seconds: float = 300.0  # wall time for one PDF: pdfminer reads ~4 text pages a CPU second
    max_chars: int = 2_000_000
    max_zip_bytes: int = 200 * 1024 * 1024  # total uncompressed size of a .docx
    max_zip_ratio: float = 100.0  # uncompressed / compressed, for members over 1 MB
    max_zip_members: int = 5_000


DEFAULT_LIMITS = Limits()

_MB = 1024 * 1024


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refused when missing, empty or over the size cap (checked before reading)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise UnreadableFileError(path, "找不到或无法打开这个文件；请检查文件是否存在、是否有读取权限。") from None
    if size == 0:
        raise UnreadableFileError(path, "是空文件；请放入有内容的文件再添加。")
    if size > limits.max_bytes:
        raise UnreadableFileError(
            path, f"有 {size / _MB:.1f} MB，超过每个文件 {limits.max_bytes / _MB:.0f} MB 的上限；请拆成几个较小的文件再添加。"
        )
    return path.read_bytes()


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zip (docx) whose members would unpack too big, too compressed or too many: a zip bomb."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFileError(path, "不是有效的 Word（.docx）文件，可能已损坏或只是改了扩展名；请用 Word 另存为 .docx 再添加。") from None
    total = sum(m.file_size for m in members)
    too_dense = any(m.file_size > _MB and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1) for m in members)
    if len(members) > limits.max_zip_members or total > limits.max_zip_bytes or too_dense:
        raise UnreadableFileError(path, "解压后过大或压缩比异常（疑似压缩炸弹），已拒绝；请用 Word 重新另存为 .docx 再添加。")
