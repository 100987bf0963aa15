"""Adding documents to ``corpus/`` and removing them, for the CLI, the web API and the upload control.

A file is admitted only when every check passes, so a refused file changes nothing: a safe name (no
folder part, nothing that leaves the corpus, a supported suffix), a size and count within limits, and
content the format readers read into at least one citable passage. It is then written atomically: to a
hidden temporary file inside the corpus folder (hidden files are never read as documents), then renamed.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Sequence

from ..errors import CorpusError
from .corpus import SUFFIXES, corpus_files, paragraphs_of
from .document import parse_document
from .formats import read_file

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_CALL = 20
MAX_DOCUMENTS = 500
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


@dataclass(frozen=True)
class Admitted:
    """What was added: the corpus name, its title and how much of it can be cited."""

    name: str
    title: str
    passages: int
    headings: int
    replaced: bool  # a document of that name was already there and was replaced


def safe_name(name: str) -> str:
    """The file name to store ``name`` under; raises :class:`CorpusError` when it cannot be made safe.

    Only the last path part is kept if it is the whole name; any folder part, ``..``, a hidden name, an
    unsupported suffix or control characters are refused rather than quietly changed."""
    name = unicodedata.normalize("NFC", name.strip())
    parts = {PurePosixPath(name).name, PureWindowsPath(name).name}
    if not name or len(parts) != 1 or parts.pop() != name or name in (".", ".."):
        raise CorpusError(f"文件名“{name}”不安全（含有路径）；请只用文件名本身，例如 报告.txt。")
    if name.startswith(".") or name.startswith("~$") or _UNSAFE.search(name) or len(name) > MAX_NAME_CHARS:
        raise CorpusError(f"文件名“{name}”不能使用（隐藏文件、特殊字符或超过 {MAX_NAME_CHARS} 个字符）；请改名后再添加。")
    if Path(name).suffix.lower() not in SUFFIXES:
        raise CorpusError(f"“{name}”的格式不支持；请另存为 {'、'.join(SUFFIXES)} 之一再添加。")
    return name


def check_file(source: Path, name: str) -> tuple[str, int, int]:
    """Check one file without writing anything: its safe name, then (title passages headings) as read."""
    stored = safe_name(name)
    size = source.stat().st_size
    if size == 0:
        raise CorpusError(f"“{stored}”是空文件；请放入有内容的文件再添加。")
    if size > MAX_FILE_BYTES:
        raise CorpusError(f"“{stored}”有 {size / 1024 / 1024:.1f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限；请拆分后再添加。")
    if source.suffix.lower() != Path(stored).suffix.lower():  # the reader picks by suffix: read it as named
        raise CorpusError(f"“{stored}”的扩展名与上传的文件不一致；请重新选择文件。")
    extracted = read_file(source)
    document = parse_document(stored, extracted.text, paragraphs_of(extracted))
    citable = [p for p in document.passages if p.kind not in ("title", "heading")]
    if not citable:
        raise CorpusError(f"“{stored}”里没有可以引用的段落；请确认文件内容后再添加。")
    return document.title, len(citable), len(document.headings)


def add_documents(corpus: Path, files: Sequence[tuple[Path, str]]) -> list[Admitted]:
    """Check every ``(path, name)`` first, then store them all; one refusal stores none."""
    if not files:
        raise CorpusError("没有选择文件。")
    if len(files) > MAX_FILES_PER_CALL:
        raise CorpusError(f"一次最多添加 {MAX_FILES_PER_CALL} 个文件（这次选了 {len(files)} 个）；请分几次添加。")
    existing = {p.relative_to(corpus).as_posix() for p in corpus_files(corpus)}
    checked = [(source, safe_name(name), check_file(source, name)) for source, name in files]
    names = [stored for _, stored, _ in checked]
    if len(set(names)) != len(names):
        raise CorpusError("选择的文件中有重名的；请改名后再添加。")
    if len(existing | set(names)) > MAX_DOCUMENTS:
        raise CorpusError(f"文档库最多 {MAX_DOCUMENTS} 个文件；请先删除一些再添加。")
    admitted: list[Admitted] = []
    for source, stored, (title, passages, headings) in checked:
        _write_atomically(corpus / stored, source.read_bytes())
        admitted.append(Admitted(stored, title, passages, headings, stored in existing))
    return admitted


def remove_document(corpus: Path, name: str) -> str:
    """Delete the corpus document called ``name`` (as listed, relative to the corpus); returns the name."""
    names = {p.relative_to(corpus).as_posix(): p for p in corpus_files(corpus)}
    path = names.get(name.strip())
    if path is None:
        raise CorpusError(f"文档库里没有“{name}”；可删除的有：{'、'.join(sorted(names)) or '（空）'}。")
    path.unlink()
    return name.strip()


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target under a hidden name, flush to disk, then rename over it."""
    handle, temporary = tempfile.mkstemp(prefix=".upload-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
