"""The corpus as a generation read it, kept in the generation (``sources.json``).

Why: an app restarted after the corpus changed (a file added while it was down) should answer at once from
the index it has while the new one builds. A generation's passages, vectors and BM25 rows belong to the
documents *as they were*, so serving it needs those texts: the reader's output (text, blocks, format) of every
file is kept, and parsed again by the same code (the schema version pins the parser) into the same
documents. Only the readers' results are kept, never the raw files: nothing beyond what the index already
shows in its answers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..errors import IndexCorruptError
from ..ingest.corpus import Source, paragraphs_of, parse_sources
from ..ingest.formats import Block, Extracted
from ..records import Document

FILE = "sources.json"


class NoSnapshot(Exception):
    """The generation keeps no sources (built before they were kept): it can serve only its own corpus."""


def write(workspace: Path, sources: Sequence[Source]) -> None:
    """``sources.json`` in ``workspace``: each file's name, text, format and blocks, in corpus order."""
    rows = [
        {
            "name": s.name,
            "format": s.extracted.source_format,
            "text": s.extracted.text,
            "blocks": None if s.extracted.blocks is None
            else [[b.start, b.end, b.kind, b.level, b.page] for b in s.extracted.blocks],
        }
        for s in sources
    ]
    with (workspace / FILE).open("w", encoding="utf-8", errors="surrogatepass") as handle:
        json.dump(rows, handle, ensure_ascii=False, separators=(",", ":"))


def read(generation: Path) -> list[Document]:
    """The documents ``generation`` was built from, parsed again; raises :class:`NoSnapshot` when it keeps
    none and ``IndexCorruptError`` when the file cannot be read."""
    path = generation / FILE
    if not path.is_file():
        raise NoSnapshot(f"{generation.name} keeps no copy of its documents")
    try:
        rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8", errors="surrogatepass"))
        sources = [_source(row) for row in rows]
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise IndexCorruptError(f"index file {FILE} unreadable in {generation.name}: {error}") from None
    return parse_sources(sources)


def _source(row: dict[str, Any]) -> Source:
    blocks = row["blocks"]
    extracted = Extracted(
        text=str(row["text"]),
        blocks=None if blocks is None else tuple(Block(int(s), int(e), k, int(lv), int(pg)) for s, e, k, lv, pg in blocks),
        source_format=str(row["format"]),
    )
    return Source(str(row["name"]), extracted, tuple(paragraphs_of(extracted)))
