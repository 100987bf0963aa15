"""Building a generation: passages of every document, their FAISS vectors per encoder, and BM25 over jieba
tokens, published atomically (see ``storage.py``). Embeddings of passages whose text did not change are reused
from the previous generation, so editing one document re-embeds only that document.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ..encoders.base import Encoder
from ..encoders.names import slug
from ..errors import CorpusError
from ..ingest.corpus import load_corpus
from ..ingest.passages import embedding_text, sentence_text
from ..records import Document, Passage, Span
from . import dense as ann
from . import storage
from .sparse import Lexicon

SCHEMA_VERSION = 2  # 2: paragraphs as written, boilerplate dropped (passages differ for the same files)
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


def _embed_reusing(encoder: Encoder, texts: list[str], cache: dict[str, np.ndarray], progress: bool) -> tuple[np.ndarray, list[str]]:
    keys = [storage.text_sha256(t)[:24] for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in cache}.items(), key=lambda kv: len(kv[1]))
    if missing:  # sorted by length so batches hold texts of similar length (less padding)
        fresh = encoder.encode_passages([t for _, t in missing], progress=progress)
        cache.update(zip((k for k, _ in missing), fresh))
    rows = np.stack([cache[k] for k in keys]) if keys else np.zeros((0, encoder.dim), np.float32)
    return rows.astype(np.float32), keys


def _previous_vectors(index_dir: Path, model_id: str) -> dict[str, np.ndarray]:
    """Vectors of the current generation keyed by text hash, when it was built with the same model."""
    generation = storage.current_generation(index_dir)
    if generation is None:
        return {}
    folder = generation / "dense" / slug(model_id)
    cache: dict[str, np.ndarray] = {}
    try:
        for part in ("passages", "sentences"):
            keys = (folder / f"{part}.keys").read_text(encoding="utf-8").split()
            vectors = ann.all_vectors(ann.load(folder / f"{part}.faiss"))
            cache.update(zip(keys, vectors))
    except Exception:  # noqa: BLE001 - a damaged previous generation only means nothing is reused
        return {}
    return cache


def build(corpus_dir: Path, index_dir: Path, encoders: Sequence[Encoder], report: Report, progress: bool = False) -> Path:
    """Parse the corpus, embed and index it into a new generation, and publish it. Returns its folder."""
    documents, problems = load_corpus(corpus_dir)
    for problem in problems:
        report(f"skipped {problem}")
    if not documents:
        raise CorpusError(f"no readable .txt or .md documents in {corpus_dir}")
    passages = number_passages(documents)
    spans, _, sentence_texts = sentences_of(passages, documents)
    workspace = storage.new_workspace(index_dir)
    try:
        for encoder in encoders:
            report(f"embedding {len(passages)} passages and {len(spans)} sentences with {encoder.model_id}")
            cache = _previous_vectors(index_dir, encoder.model_id)
            folder = workspace / "dense" / slug(encoder.model_id)
            folder.mkdir(parents=True)
            for part, texts in (("passages", [embedding_text(p) for p in passages]), ("sentences", sentence_texts)):
                vectors, keys = _embed_reusing(encoder, texts, cache, progress)
                ann.save(ann.make_index(vectors), folder / f"{part}.faiss")
                (folder / f"{part}.keys").write_text("\n".join(keys), encoding="utf-8")
        Lexicon.build(passages).save(workspace / "bm25")
        manifest = dict(fingerprint(documents, encoders), passages=len(passages), sentences=len(spans))
        storage.seal(workspace, manifest)
        return storage.publish(index_dir, workspace)
    except BaseException:
        storage.prune(index_dir, keep="")
        raise
