"""Loading the published generation, and ``open_index``: load it when its manifest matches the corpus and the
encoders, otherwise rebuild it under the build lock first (or, for a long-running app, serve it as it was built
while the app rebuilds in the background: ``previous``)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..encoders.base import Encoder
from ..encoders.names import slug
from ..errors import IndexCorruptError, IndexStaleError, IndexWriteError
from ..ingest.corpus import load_corpus
from ..records import Document
from . import dense as ann
from . import snapshot, stages, storage
from .build import Report, build, build_staged, complete, fingerprint, number_passages, sentences_of
from .search_index import DenseChannel, SearchIndex
from .sparse import Lexicon

BUILD_ATTEMPTS = 3


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
    expected = fingerprint(documents, encoders)
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise IndexStale(_difference(key, manifest.get(key), value))
    return _assemble(generation, manifest, documents, encoders, problems=tuple(problems))


def load_previous(index_dir: Path, encoders: Sequence[Encoder], reason: str, verify: bool = True) -> SearchIndex:
    """The published generation over the documents it was built from, whatever the corpus holds now: what a
    restarted app serves while it rebuilds. ``reason`` (why it is stale) is kept as ``index.stale``.

    Raises :class:`IndexStale` when it cannot serve these encoders or keeps no copy of its documents, and
    ``IndexCorruptError`` when it is damaged: then there is no usable index."""
    generation = storage.current_generation(index_dir)
    if generation is None:
        raise IndexStale("no index has been built yet")
    manifest = storage.read_manifest(generation, verify=verify)
    needed = fingerprint([], encoders)
    for key in ("schema", "models"):  # the parser and the vectors must be this program's
        if manifest.get(key) != needed[key]:
            raise IndexStale(_difference(key, manifest.get(key), needed[key]))
    try:
        documents = snapshot.read(generation)
    except snapshot.NoSnapshot as error:
        raise IndexStale(str(error)) from None
    if manifest.get("documents") != fingerprint(documents, encoders)["documents"]:
        raise IndexCorruptError(f"the documents kept in {generation.name} are not those it was built from")
    return _assemble(generation, manifest, documents, encoders, stale=reason)


def _assemble(generation: Path, manifest: dict[str, object], documents: Sequence[Document], encoders: Sequence[Encoder],
              problems: tuple[str, ...] = (), stale: str = "") -> SearchIndex:
    """The generation's files read into a :class:`SearchIndex` over ``documents`` (checked against its row counts)."""
    passages = number_passages(documents)
    spans, owners, _ = sentences_of(passages, documents)
    if manifest.get("passages") != len(passages) or manifest.get("sentences") != len(spans):
        raise IndexStale("the index holds a different number of passages")
    listed = manifest.get(stages.PENDING)
    pending = tuple(m for m in (listed if isinstance(listed, list) else []) if isinstance(m, str))
    missing = stages.pending_levels(pending)

    def level(model_id: str, name: str) -> object | None:
        if stages.Level(model_id, name) in missing:
            return None
        return ann.load(generation / "dense" / slug(model_id) / f"{name}.faiss")

    try:
        dense = {
            e.model_id: DenseChannel(e.model_id, level(e.model_id, stages.PASSAGES), level(e.model_id, stages.SENTENCES))
            for e in encoders
            if stages.Level(e.model_id, stages.PASSAGES) not in missing
        }
        lexicon = Lexicon.load(generation / "bm25")
    except Exception as error:  # noqa: BLE001 - any unreadable file means this generation cannot serve
        raise IndexCorruptError(f"index files unreadable in {generation.name}: {error}") from None
    for channel in dense.values():
        sentence_rows = channel.sentences.ntotal if channel.sentences is not None else len(spans)  # type: ignore[attr-defined]
        if channel.passages.ntotal != len(passages) or sentence_rows != len(spans):  # type: ignore[attr-defined]
            raise IndexCorruptError(f"index vectors do not match the passages in {generation.name}")
    return SearchIndex(
        documents={d.name: d for d in documents},
        passages=passages,
        sentences=spans,
        sentence_owner=owners,
        dense=dense,
        lexicon=lexicon,
        generation=generation.name,
        problems=problems,
        pending=pending,
        stale=stale,
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
               force: bool = False, staged: bool = False, previous: bool = False) -> SearchIndex:
    """The index for this corpus and these encoders: loaded when current, otherwise rebuilt first.

    With ``force`` it is rebuilt even when current. Either way the published generation keeps serving
    other readers until the new one replaces it, and survives when this build is killed. A corpus edited
    during the build is noticed by the load that follows, and built again (at most :data:`BUILD_ATTEMPTS` times).
    With ``staged`` it returns as soon as the index is searchable (BM25 + the first encoder): the other
    encoders' vectors follow in the background as a new generation (``index.pending`` names them meanwhile).
    With ``previous``, a published generation that is stale (the corpus changed) but usable is returned as it was
    built, ``index.stale`` saying why, and nothing is built: the caller rebuilds in the background. A damaged
    one is never served; it is rebuilt.
    """
    check_apart(corpus_dir, index_dir)

    def finished(index: SearchIndex) -> SearchIndex:
        """A searchable generation left pending (its completion was cut short) is completed: in the
        background when ``staged``, else now."""
        if not index.pending:
            return index
        if staged:
            if not stages.completing(index_dir):  # else an intermediate generation of this process's completion
                stages.in_background(complete, index_dir, index, encoders, report)
            return index
        complete(index_dir, index, encoders, report)
        return load(corpus_dir, index_dir, encoders)

    if not force:
        try:
            return finished(load(corpus_dir, index_dir, encoders))
        except (IndexStale, IndexCorruptError) as reason:
            if previous and isinstance(reason, IndexStale):
                try:  # its checksums were verified just now, by the load that found it stale
                    index = load_previous(index_dir, encoders, str(reason), verify=False)
                    report(f"serving the previous index {index.generation} until it is rebuilt: {reason}")
                    return index
                except (IndexStale, IndexCorruptError) as unusable:
                    report(f"the previous index cannot serve: {unusable}")
            report(f"building the index: {reason}")
    try:
        with storage.build_lock(index_dir):
            for attempt in range(BUILD_ATTEMPTS):
                if attempt or not force:
                    try:  # another process may have built it while we waited for the lock
                        return finished(load(corpus_dir, index_dir, encoders))
                    except (IndexStale, IndexCorruptError) as reason:
                        if attempt:
                            report(f"building the index again: {reason}")
                if staged:
                    build_staged(corpus_dir, index_dir, encoders, report, progress)  # completes on its own thread
                    try:
                        return load(corpus_dir, index_dir, encoders)
                    except (IndexStale, IndexCorruptError):
                        continue
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
