"""The search index: passages of every document, their FAISS vectors per encoder, and BM25 over jieba tokens.

``open_index`` loads the published generation when its manifest matches the corpus and the encoders,
and otherwise rebuilds it under a lock and publishes it atomically (see ``storage.py``). Embeddings of
passages whose text did not change are reused from the previous generation, so editing one document
re-embeds only that document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from ..encoders.registry import Encoder, slug
from ..errors import CorpusError, IndexCorruptError, IndexStaleError, IndexWriteError
from ..ingest.corpus import load_corpus
from ..ingest.passages import embedding_text
from ..records import Document, Passage, Span
from . import dense as ann
from . import storage
from .sparse import Lexicon

SCHEMA_VERSION = 1
BUILD_ATTEMPTS = 3
Report = Callable[[str], None]


@dataclass(frozen=True)
class DenseChannel:
    """One encoder's vectors: a row per passage and a row per sentence."""

    model_id: str
    passages: object  # faiss.Index
    sentences: object  # faiss.Index


@dataclass(frozen=True)
class SearchIndex:
    """Everything a query needs, loaded once per process and shared read-only by all sessions."""

    documents: dict[str, Document]
    passages: tuple[Passage, ...]
    sentences: tuple[Span, ...]
    sentence_owner: np.ndarray  # sentence row → passage id
    dense: dict[str, DenseChannel]
    lexicon: Lexicon
    generation: str
    problems: tuple[str, ...] = ()  # corpus files that could not be read, one line each

    def dense_search(self, model_id: str, query: np.ndarray, k: int, sentences: bool = False) -> tuple[np.ndarray, np.ndarray]:
        channel = self.dense[model_id]
        return ann.search(channel.sentences if sentences else channel.passages, query[None, :], k)  # type: ignore[arg-type]

    def sentence_rows(self, passage_id: int) -> range:
        """Rows of the sentence index that belong to one passage (they are stored contiguously)."""
        first = int(np.searchsorted(self.sentence_owner, passage_id, side="left"))
        last = int(np.searchsorted(self.sentence_owner, passage_id, side="right"))
        return range(first, last)


def _number_passages(documents: Sequence[Document]) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    for document in documents:
        offset = len(passages)
        passages.extend(dataclasses.replace(p, id=offset + i) for i, p in enumerate(document.passages))
    return tuple(passages)


def _sentences(passages: Sequence[Passage]) -> tuple[tuple[Span, ...], np.ndarray, list[str]]:
    """Every sentence of every passage: its span, the id of the passage that holds it, and its text."""
    spans: list[Span] = []
    owners: list[int] = []
    texts: list[str] = []
    for passage in passages:
        for span in passage.sentences:
            spans.append(span)
            owners.append(passage.id)
            texts.append(passage.text[span.start - passage.start : span.end - passage.start])
    return tuple(spans), np.asarray(owners, dtype=np.int64), texts


def _fingerprint(documents: Sequence[Document], encoders: Sequence[Encoder]) -> dict[str, object]:
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
    passages = _number_passages(documents)
    spans, _, sentence_texts = _sentences(passages)
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
        manifest = dict(_fingerprint(documents, encoders), passages=len(passages), sentences=len(spans))
        storage.seal(workspace, manifest)
        return storage.publish(index_dir, workspace)
    except BaseException:
        storage.prune(index_dir, keep="")
        raise



class IndexStale(Exception):
    """The published generation was built from another corpus, model or schema (internal: triggers a rebuild)."""


def load(corpus_dir: Path, index_dir: Path, encoders: Sequence[Encoder], verify: bool = True) -> SearchIndex:
    """Load the published generation; raises :class:`IndexStale` or ``IndexCorruptError`` when it cannot serve.

    A generation pruned by another process's build while this one read it is not an error: the
    generation ``CURRENT`` names by then is read instead.
    """
    for _ in range(BUILD_ATTEMPTS - 1):
        generation = storage.current_generation(index_dir)
        try:
            return _load_generation(corpus_dir, generation, encoders, verify)
        except IndexCorruptError:
            # Only a generation that is no longer current may vanish under a reader (pruned by a newer
            # build, possibly half deleted): then read the current one. A damaged current one is an error.
            if generation is None or storage.current_generation(index_dir) == generation:
                raise
    return _load_generation(corpus_dir, storage.current_generation(index_dir), encoders, verify)


def _load_generation(corpus_dir: Path, generation: Path | None, encoders: Sequence[Encoder], verify: bool) -> SearchIndex:
    documents, problems = load_corpus(corpus_dir)
    if generation is None:
        raise IndexStale("no index has been built yet")
    manifest = storage.read_manifest(generation, verify=verify)
    expected = _fingerprint(documents, encoders)
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise IndexStale(_difference(key, manifest.get(key), value))
    passages = _number_passages(documents)
    spans, owners, _ = _sentences(passages)
    if manifest.get("passages") != len(passages) or manifest.get("sentences") != len(spans):
        raise IndexStale("the index holds a different number of passages")
    try:
        dense = {
            e.model_id: DenseChannel(
                e.model_id,
                ann.load(generation / "dense" / slug(e.model_id) / "passages.faiss"),
                ann.load(generation / "dense" / slug(e.model_id) / "sentences.faiss"),
            )
            for e in encoders
        }
        lexicon = Lexicon.load(generation / "bm25")
    except Exception as error:  # noqa: BLE001 - any unreadable file means this generation cannot serve
        raise IndexCorruptError(f"index files unreadable in {generation.name}: {error}") from None
    for channel in dense.values():
        if channel.passages.ntotal != len(passages) or channel.sentences.ntotal != len(spans):  # type: ignore[attr-defined]
            raise IndexCorruptError(f"index vectors do not match the passages in {generation.name}")
    return SearchIndex(
        documents={d.name: d for d in documents},
        passages=passages,
        sentences=spans,
        sentence_owner=owners,
        dense=dense,
        lexicon=lexicon,
        generation=generation.name,
        problems=tuple(problems),
    )


def _difference(key: str, built: object, now: object) -> str:
    """One line saying how the published generation differs from what is needed now."""
    if key == "documents" and isinstance(built, dict) and isinstance(now, dict):
        changes = [
            f"{label} {', '.join(sorted(names))}"
            for label, names in (
                ("edited", {n for n in built.keys() & now.keys() if built[n] != now[n]}),
                ("added", now.keys() - built.keys()),
                ("removed", built.keys() - now.keys()),
            )
            if names
        ]
        return f"the corpus changed since the index was built ({'; '.join(changes)})"
    if key == "models":
        return f"the index was built for models {_model_names(built)}, not {_model_names(now)}"
    if key == "schema":
        return f"the index has schema version {built!r}, this program needs {now!r}"
    return f"the index was built for another {key}"


def _model_names(models: object) -> str:
    if not isinstance(models, list):
        return repr(models)
    return ", ".join(f"{m.get('id')} ({m.get('dim')}d)" if isinstance(m, dict) else repr(m) for m in models)


def open_index(corpus_dir: Path, index_dir: Path, encoders: Sequence[Encoder], report: Report, progress: bool = False,
               force: bool = False) -> SearchIndex:
    """The index for this corpus and these encoders: loaded when current, otherwise rebuilt first.

    With ``force`` it is rebuilt even when current. Either way the published generation keeps serving
    other readers until the new one replaces it, and survives when this build is killed. A corpus edited
    during the build is noticed by the load that follows, and built again (at most :data:`BUILD_ATTEMPTS` times).
    """
    check_apart(corpus_dir, index_dir)
    if not force:
        try:
            return load(corpus_dir, index_dir, encoders)
        except (IndexStale, IndexCorruptError) as reason:
            report(f"building the index: {reason}")
    try:
        with storage.build_lock(index_dir):
            for attempt in range(BUILD_ATTEMPTS):
                if attempt or not force:
                    try:  # another process may have built it while we waited for the lock
                        return load(corpus_dir, index_dir, encoders)
                    except (IndexStale, IndexCorruptError) as reason:
                        if attempt:
                            report(f"building the index again: {reason}")
                build(corpus_dir, index_dir, encoders, report, progress)
            try:
                return load(corpus_dir, index_dir, encoders)
            except (IndexStale, IndexCorruptError) as reason:
                raise IndexStaleError(f"the index could not be brought up to date ({reason}); "
                                      "the corpus may still be changing, try again") from None
    except storage.LockTimeout:
        raise IndexStaleError(f"another build has held {index_dir / storage.LOCK} for {storage.LOCK_TIMEOUT_S} s; "
                              "wait for it to finish, or end it and try again") from None
    except OSError as error:
        raise IndexWriteError(f"cannot write the index folder {index_dir}: {error.strerror or error}; "
                              "check its permissions and free space, or pass --index DIR") from None


def check_apart(corpus_dir: Path, index_dir: Path) -> None:
    """The index is never written inside the corpus folder (nothing under ``corpus/`` is ever modified)."""
    corpus, index = corpus_dir.resolve(), index_dir.resolve()
    if index == corpus or corpus in index.parents:
        raise IndexWriteError(f"the index folder {index_dir} is inside the corpus folder {corpus_dir}; "
                              "pass another --index DIR")
