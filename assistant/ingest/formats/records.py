"""Records every reader returns, the one error they raise, and the one way extracted text is assembled."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.errors import CorpusError

BlockKind = Literal["heading", "paragraph"]


@dataclass(frozen=True)
class Block:
    """One heading or paragraph: ``Extracted.text[start:end]`` is its text."""

    start: int
    end: int
    kind: BlockKind
    level: int = 0  # 1..4 for headings when the format says so; list level for numbered Word paragraphs
    page: int = 0  # 1-based for PDF, 0 otherwise


@dataclass(frozen=True)
class Extracted:
    """A file's text. For txt/md it is the decoded file exactly; for docx/pdf/html one line per block."""

    text: str
    blocks: tuple[Block, ...] | None
    source_format: str
    encoding: str = ""
    pages: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Piece:
    """A block before assembly: its text on one line, without offsets yet."""

    text: str
    kind: BlockKind = "paragraph"
    level: int = 0
    page: int = 0


class UnreadableFileError(CorpusError):
    """A file that cannot be read as a document; the message is one Chinese line naming it and what to do."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{Path(path).name}：{problem}")


def too_long(path: Path, max_chars: int) -> UnreadableFileError:
    """The refusal for a file whose text is over the character cap."""
    return UnreadableFileError(path, f"文字超过 {max_chars:,} 字的上限；请拆成几个较小的文件再添加。")


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\r\n\f\v]+")


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one: no space between Chinese characters, one space between Latin words."""
    out = ""
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0]) or out.endswith("-")):
            out += " "
        out += line
    return out


def assemble(pieces: Iterable[Piece], fmt: str, path: Path, max_chars: int, **extra: object) -> Extracted:
    """Blocks separated by a blank line, each on one line, with offsets into the assembled text."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for piece in pieces:
        line = join_lines(piece.text.splitlines())
        if not line:
            continue
        if parts:
            pos += 2
        blocks.append(Block(pos, pos + len(line), piece.kind, piece.level, piece.page))
        parts.append(line)
        pos += len(line)
        if pos > max_chars:
            raise too_long(path, max_chars)
    if not blocks:
        raise UnreadableFileError(path, "里面没有可读的文字；请确认文件内容后再添加。")
    return Extracted("\n\n".join(parts), tuple(blocks), fmt, **extra)  # type: ignore[arg-type]
