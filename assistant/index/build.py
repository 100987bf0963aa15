"""Building a generation: passages of every document, their FAISS vectors per encoder, and BM25 over jieba
tokens, published atomically (see ``storage.py``), in two stages (searchable, then complete: ``stages.py``).
Embeddings of texts that did not change are reused from a kept generation, so editing one document re-embeds
only that document's new texts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ..encoders.base import Encoder
from ..errors import CorpusError
from ..ingest.corpus import parse_sources, read_sources
from ..ingest.passages import embedding_text, sentence_text
from ..records import Document, Passage, Span
from . import snapshot, stages, storage
from .search_index import SearchIndex
from .sparse import Lexicon

SCHEMA_VERSION = 11  # 2: paragraphs as written, boilerplate dropped; 3: outline depths and inline sub-sections; 4: a title-alone point's body carries its label (passages differ for the same files); 5: lists that carry a section, parallel lists, a list run across a cited title line; 6: a title-alone point after a body ending in windows owns its body; 7: points of one list that open alike are labelled by their next clause; 8: a part whose title lost its line break is a part; 9: years in Chinese numerals are tokenised as figures; 10: and spaced figures ("1 9 9 8") joined; 11: only runs of single figures, and a year range's first year
Report = Callable[[str], None]


def number_passages(documents: Sequence[Document]) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    for document in documents:
        offset = len(passages)
        passages.extend(dataclasses.replace(p, id=offset + i) for i, p in enumerate(document.passages))
    return tuple(passages)


def sentences_of(passages: Sequence[Passage], documents: Sequence[Document]) -> tuple[tuple[Span, ...], np.ndarray, list[str]]:
    """Every sentence of every passage: its span, the id of the passage that holds it, and its text."""
    sources = {d.name: d.text for d in documents}
    spans: list[Span] = []
    owners: list[int] = []
    texts: list[str] = []
    for passage in passages:
        for span in passage.sentences:
            spans.append(span)
            owners.append(passage.id)
            texts.append(sentence_text(sources[passage.doc], span))
    return tuple(spans), np.asarray(owners, dtype=np.int64), texts


def fingerprint(documents: Sequence[Document], encoders: Sequence[Encoder]) -> dict[str, object]:
    """What a generation was built from; a generation is current only while this is unchanged."""
    return {
        "schema": SCHEMA_VERSION,
        "models": [{"id": e.model_id, "dim": e.dim} for e in encoders],
        "documents": document_hashes(documents),
    }


def document_hashes(documents: Iterable[Document]) -> dict[str, str]:
    """Each document's content hash by name, as the manifest records them."""
    return {d.name: storage.text_sha256(d.text) for d in documents}


def build(corpus_dir: Path, index_dir: Path, encoders: Sequence[Encoder], report: Report, progress: bool = False) -> Path:
    """Parse, embed and index the corpus into a complete generation and publish it. Returns its folder."""
    return build_staged(corpus_dir, index_dir, encoders, report, progress).complete.result()


def build_staged(corpus_dir: Path, index_dir: Path, encoders: Sequence[Encoder], report: Report,
                 progress: bool = False) -> stages.StagedBuild:
    """Publish a searchable generation (BM25 + the first encoder's passage vectors) and complete it in the
    background."""
    sources, problems = read_sources(corpus_dir)
    documents = parse_sources(sources)
    for problem in problems:
        report(f"skipped {problem}")
    if not documents:
        raise CorpusError(f"no readable .txt or .md documents in {corpus_dir}")
    passages = number_passages(documents)
    spans, _, sentence_texts = sentences_of(passages, documents)
    texts = stages.texts_of(passages, sentence_texts, embedding_text)

    def write_rest(workspace: Path) -> dict[str, object]:
        Lexicon.build(passages).save(workspace / "bm25")
        snapshot.write(workspace, sources)  # so a restarted app can serve this generation after the corpus changes
        return dict(fingerprint(documents, encoders), passages=len(passages), sentences=len(spans))

    return stages.build_staged(index_dir, encoders, texts, write_rest, report, progress)


def complete(index_dir: Path, index: SearchIndex, encoders: Sequence[Encoder], report: Report) -> Path:
    """Add the vectors ``index`` still lacks (a searchable generation whose completion was cut short)."""
    _, _, sentence_texts = sentences_of(index.passages, tuple(index.documents.values()))
    texts = stages.texts_of(index.passages, sentence_texts, embedding_text)
    missing = {x.model_id for x in stages.pending_levels(index.pending)}
    caches = {e.model_id: stages.previous_vectors(index_dir, e.model_id) for e in encoders if e.model_id in missing}
    return stages.complete(index_dir, index_dir / index.generation, encoders, texts, caches, report=report)
