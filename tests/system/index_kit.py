"""The real speech index the fault tests share: a private copy per test, the question they ask, and what
"serves from disk" means (the batch contract's exactness). Imported by ``test_index_faults`` and
``test_index_builds``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.encoders import Encoder
from assistant.index.search_index import SearchIndex
from assistant.text import shown_text

QUESTION = "今年的目标任务怎么确定？"
NEW_LINE = "此外，要建设一座专门培育蓝鲸科技的孵化园区，每年评选十佳蓝鲸创客。"
NEW_PHRASE = "蓝鲸科技的孵化园区"


def corpus_snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def copy(pristine: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the pristine corpus and index (same generation name)."""
    shutil.copytree(pristine[0], tmp_path / "corpus")
    shutil.copytree(pristine[1], tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def top_passage(index: SearchIndex, encoders: list[Encoder], question: str = QUESTION) -> tuple[str, int, int]:
    hit = Assistant(index, encoders).answer(question).hits[0]
    return hit.passage.doc, hit.passage.start, hit.passage.end


def assert_serves_from_disk(index: SearchIndex, corpus: Path) -> None:
    """Every passage is the document's text as it is on disk now (the batch contract's exactness)."""
    for passage in index.passages:
        assert shown_text((corpus / passage.doc).read_text(encoding="utf-8")[passage.start : passage.end]) == passage.text
