"""Faults injected into a real index of the real speech: each is detected, reported in one line and repaired
by an atomic rebuild; readers never see a half-written index; nothing under the corpus folder changes.

One index of the speech's first two sections (m3e-small only, to keep the run short) is built per module;
every test works on its own copy of it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.text import shown_text
from assistant.index import storage
from assistant.encoders import Encoder
from assistant.errors import CorpusError, IndexCorruptError, IndexStaleError, IndexWriteError
from assistant.index.load import IndexStale, load, open_index
from assistant.index.search_index import SearchIndex
from assistant import Assistant, Settings

from assistant.settings import PROJECT_ROOT
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


# ---------------------------------------------------------------- damaged files

def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    path.write_bytes(bytes(raw))


DAMAGE = {
    "truncated-faiss": ("dense/m3e-small/passages.faiss", _truncate),
    "flipped-faiss": ("dense/m3e-small/sentences.faiss", _flip),
    "truncated-bm25": ("bm25/data.csc.index.npy", _truncate),
    "flipped-vocab": ("bm25/vocab.index.json", _flip),
    "deleted-bm25": ("bm25/params.index.json", Path.unlink),
    "truncated-manifest": ("manifest.json", _truncate),
    "empty-manifest": ("manifest.json", lambda p: p.write_bytes(b"")),
}


@pytest.mark.parametrize("fault", sorted(DAMAGE))
def test_damaged_file_is_detected_reported_and_rebuilt(copy: tuple[Path, Path], encoders: list[Encoder], fault: str) -> None:
    corpus, index_dir = copy
    before = corpus_snapshot(corpus)
    healthy = load(corpus, index_dir, encoders)
    expected = top_passage(healthy, encoders)
    damaged = storage.current_generation(index_dir)
    assert damaged is not None
    name, damage = DAMAGE[fault]
    damage(damaged / name)

    with pytest.raises(IndexCorruptError) as raised:
        load(corpus, index_dir, encoders)
    assert "\n" not in str(raised.value)

    lines: list[str] = []
    repaired = open_index(corpus, index_dir, encoders, lines.append)
    assert lines[0].startswith("building the index: ") and "\n" not in lines[0]
    assert repaired.generation != damaged.name
    assert top_passage(repaired, encoders) == expected
    assert load(corpus, index_dir, encoders).generation == repaired.generation  # verified on the next start too
    assert corpus_snapshot(corpus) == before


@pytest.mark.parametrize("pointer", ["gen-vanished", "../corpus"])
def test_bad_current_pointer_is_rebuilt(copy: tuple[Path, Path], encoders: list[Encoder], pointer: str) -> None:
    corpus, index_dir = copy
    (index_dir / storage.CURRENT).write_text(pointer, encoding="utf-8")
    lines: list[str] = []
    repaired = open_index(corpus, index_dir, encoders, lines.append)
    assert lines[0] == "building the index: no index has been built yet"
    assert (index_dir / storage.CURRENT).read_text(encoding="utf-8").strip() == repaired.generation
    assert_serves_from_disk(repaired, corpus)


# ---------------------------------------------------------------- a manifest from elsewhere

MANIFEST_EDITS = {
    "other-model": (lambda m: m.update(models=[{"id": "bge-small-zh", "dim": 512}]), "built for models bge-small-zh (512d), not m3e-small (512d)"),
    "other-dim": (lambda m: m.update(models=[{"id": "m3e-small", "dim": 768}]), "m3e-small (768d)"),
    "other-schema": (lambda m: m.update(schema=0), "schema version 0"),
    "other-passages": (lambda m: m.update(passages=m["passages"] + 1), "different number of passages"),
    "other-document": (lambda m: m.update(documents={"another.txt": "0" * 64}), "added speech.txt; removed another.txt"),
}


@pytest.mark.parametrize("edit", sorted(MANIFEST_EDITS))
def test_manifest_from_another_model_or_schema_is_rebuilt(copy: tuple[Path, Path], encoders: list[Encoder], edit: str) -> None:
    corpus, index_dir = copy
    generation = storage.current_generation(index_dir)
    assert generation is not None
    manifest = json.loads((generation / storage.MANIFEST).read_text(encoding="utf-8"))
    change, reason = MANIFEST_EDITS[edit]
    change(manifest)
    storage.write_json(generation / storage.MANIFEST, manifest)  # files are intact: only the manifest differs

    with pytest.raises(IndexStale, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load(corpus, index_dir, encoders)
    lines: list[str] = []
    repaired = open_index(corpus, index_dir, encoders, lines.append)
    assert lines[0].startswith("building the index: ") and reason in lines[0]
    assert repaired.generation != generation.name


# ---------------------------------------------------------------- the corpus changed between runs

def test_document_edited_added_removed_between_runs(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, index_dir = copy
    speech = corpus / "speech.txt"
    speech.write_text(speech.read_text(encoding="utf-8") + "\n" + NEW_LINE + "\n", encoding="utf-8")
    lines: list[str] = []
    edited = open_index(corpus, index_dir, encoders, lines.append)
    assert lines[0] == "building the index: the corpus changed since the index was built (edited speech.txt)"
    assert any(NEW_PHRASE in p.text for p in edited.passages)
    assert_serves_from_disk(edited, corpus)

    (corpus / "notes.md").write_text("# 补充说明\n\n园区的名字叫做翠湖智造谷，位于城市东部。\n", encoding="utf-8")
    lines.clear()
    added = open_index(corpus, index_dir, encoders, lines.append)
    assert "(added notes.md)" in lines[0]
    assert top_passage(added, encoders, "翠湖智造谷在哪里？")[0] == "notes.md"

    speech.unlink()
    lines.clear()
    removed = open_index(corpus, index_dir, encoders, lines.append)
    assert "(removed speech.txt)" in lines[0]
    assert set(removed.documents) == {"notes.md"} and {p.doc for p in removed.passages} == {"notes.md"}


def test_unreadable_document_is_skipped_in_one_line(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, index_dir = copy
    (corpus / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    before = corpus_snapshot(corpus)
    index = open_index(corpus, index_dir, encoders, lambda _: None)
    (problem,) = index.problems  # read by encoding detection or refused: either way one line naming it
    assert problem.startswith("latin1.txt：") and "\n" not in problem and "UTF-8" in problem
    assert set(index.documents) == {"speech.txt"}
    assert corpus_snapshot(corpus) == before


def test_empty_corpus_is_a_one_line_error_and_keeps_the_index(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, index_dir = copy
    generation = storage.current_generation(index_dir)
    (corpus / "speech.txt").unlink()
    with pytest.raises(CorpusError, match="no readable"):
        open_index(corpus, index_dir, encoders, lambda _: None)
    assert storage.current_generation(index_dir) == generation
    assert not list(index_dir.glob(".tmp-*"))


def test_index_inside_the_corpus_folder_is_refused(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, _ = copy
    before = corpus_snapshot(corpus)
    for inside in (corpus, corpus / "index"):
        with pytest.raises(IndexWriteError, match="inside the corpus folder"):
            open_index(corpus, inside, encoders, lambda _: None)
    assert corpus_snapshot(corpus) == before and not (corpus / "index").exists()


def test_loading_with_the_index_inside_the_corpus_writes_nothing_there(copy: tuple[Path, Path]) -> None:
    """Through the app's own loader, which would otherwise export the model there before opening the index."""
    corpus, _ = copy
    before = corpus_snapshot(corpus)
    with pytest.raises(IndexWriteError, match="inside the corpus folder"):
        Assistant.load(Settings(corpus=corpus, index=corpus / "index"))
    assert corpus_snapshot(corpus) == before and not (corpus / "index").exists()


def test_unwritable_index_folder_is_a_one_line_error(copy: tuple[Path, Path], encoders: list[Encoder], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "blocker"  # root ignores permissions: make the folder's parent a file instead
        blocker.write_text("", encoding="utf-8")
        target = blocker / "index"
    else:
        target = tmp_path / "readonly"
        target.mkdir(mode=0o500)
    with pytest.raises(IndexWriteError, match="cannot write the index folder"):
        open_index(copy[0], target, encoders, lambda _: None)


# ---------------------------------------------------------------- builds that fail, wait, or are killed

class _Exploding(Encoder):
    """Fails half way through embedding, as a build killed or out of memory would."""

    def __init__(self, inner: Encoder) -> None:
        self.model_id, self.dim, self._inner = inner.model_id, inner.dim, inner

    def encode_passages(self, texts, progress=False):  # type: ignore[no-untyped-def]
        raise MemoryError("injected failure half way through the build")

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        return self._inner.encode_queries(texts)


def test_failed_build_leaves_the_previous_generation_serving(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, index_dir = copy
    previous = storage.current_generation(index_dir)
    speech = corpus / "speech.txt"
    speech.write_text(speech.read_text(encoding="utf-8") + "\n" + NEW_LINE + "\n", encoding="utf-8")
    with pytest.raises(MemoryError):
        open_index(corpus, index_dir, [_Exploding(encoders[0])], lambda _: None)
    assert storage.current_generation(index_dir) == previous
    assert storage.read_manifest(previous)  # still whole
    assert not list(index_dir.glob(".tmp-*")), "the failed build's workspace is removed"
    assert NEW_PHRASE in "".join(p.text for p in open_index(corpus, index_dir, encoders, lambda _: None).passages)


def test_lock_held_too_long_is_a_one_line_error(copy: tuple[Path, Path], encoders: list[Encoder], monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, index_dir = copy
    (corpus / "speech.txt").write_text(NEW_LINE + "\n", encoding="utf-8")
    monkeypatch.setattr(storage, "LOCK_TIMEOUT_S", 0.1)
    with storage.build_lock(index_dir):  # another build (this FileLock) holds the lock
        with pytest.raises(IndexStaleError, match="another build has held"):
            open_index(corpus, index_dir, encoders, lambda _: None)


def _cli(corpus: Path, index_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "assistant", "build", "--corpus", str(corpus), "--index", str(index_dir),
            "--second-model", "none", *extra]


def _env() -> dict[str, str]:
    return dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(PROJECT_ROOT))


def test_two_builds_at_once_build_once(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    """A build in another process holds the lock; a build started here meanwhile waits, then finds the index current."""
    corpus, index_dir = copy
    speech = corpus / "speech.txt"
    speech.write_text(speech.read_text(encoding="utf-8") + "\n" + NEW_LINE + "\n", encoding="utf-8")
    other = subprocess.Popen(_cli(corpus, index_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), text=True)
    assert other.stderr is not None
    for line in other.stderr:  # reported under the lock, just before it embeds
        if line.startswith("embedding "):
            break
    lines: list[str] = []
    here = open_index(corpus, index_dir, encoders, lines.append)
    out, _ = other.communicate(timeout=300)
    assert other.returncode == 0
    assert not [line for line in lines if line.startswith("embedding ")], "this build waited and did not build again"
    assert out.startswith(f"index {here.generation}:"), "both use the one generation the other process built"
    assert len(list(index_dir.glob("gen-*"))) == 2 and not list(index_dir.glob(".tmp-*"))
    assert_serves_from_disk(here, corpus)


def test_two_builds_in_threads_build_once(pristine: tuple[Path, Path], tmp_path: Path, encoders: list[Encoder]) -> None:
    """Two builders released at the same instant into an empty index folder: one builds, one waits and loads."""
    corpus, index_dir = pristine[0], tmp_path / "index"
    start = threading.Barrier(2)
    lines: list[str] = []
    results: list[str] = []

    def builder() -> None:
        start.wait()
        results.append(open_index(corpus, index_dir, encoders, lines.append).generation)

    threads = [threading.Thread(target=builder) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(results) == 2 and results[0] == results[1]
    assert len([line for line in lines if line.startswith("embedding ")]) == 1
    # one build: its generations (searchable, then a level at a time) end in the one both builders use
    assert storage.current_generation(index_dir).name == results[0]
    assert len(list(index_dir.glob("gen-*"))) <= storage.KEEP_GENERATIONS


def test_build_killed_half_way_keeps_serving_the_previous_generation(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    corpus, index_dir = copy
    previous = storage.current_generation(index_dir)
    assert previous is not None
    # Enough new text that embedding it takes a while, so the kill lands inside the build.
    (corpus / "extra.txt").write_text(
        "附录\n\n" + "\n".join(f"第{i}条：园区{i}号楼承担第{i * 7}类产业项目的孵化与配套服务，并按季度考核。" for i in range(200)),
        encoding="utf-8",
    )
    before = corpus_snapshot(corpus)
    run = subprocess.Popen(_cli(corpus, index_dir, "--force"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), text=True)
    assert run.stderr is not None
    for line in run.stderr:  # the build reports before it embeds; its workspace exists by then
        if line.startswith("embedding "):
            break
    while not list(index_dir.glob(".tmp-*")) and run.poll() is None:
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    assert list(index_dir.glob(".tmp-*")), "killed inside the build: its workspace is left behind"

    assert storage.current_generation(index_dir) == previous, "CURRENT still names the whole previous generation"
    assert storage.read_manifest(previous)
    with pytest.raises(IndexStale, match="added extra.txt"):
        load(corpus, index_dir, encoders)  # it is whole, and known to be out of date

    lines: list[str] = []
    repaired = open_index(corpus, index_dir, encoders, lines.append)  # the lock died with the process
    assert len([line for line in lines if line.startswith("building the index")]) == 1
    assert not list(index_dir.glob(".tmp-*")), "the next build removes the leftover"
    assert "extra.txt" in repaired.documents
    assert_serves_from_disk(repaired, corpus)
    assert corpus_snapshot(corpus) == before


def test_readers_never_see_a_half_written_index(copy: tuple[Path, Path], encoders: list[Encoder]) -> None:
    """Readers load over and over while builds publish new generations; every load is whole and consistent."""
    corpus, index_dir = copy
    stop = threading.Event()
    seen: list[str] = []
    errors: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                index = load(corpus, index_dir, encoders)
                channel = index.dense["m3e-small"]
                assert channel.passages.ntotal == len(index.passages)  # type: ignore[attr-defined]
                assert channel.sentences.ntotal == len(index.sentences)  # type: ignore[attr-defined]
                seen.append(index.generation)
            except BaseException as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
                return

    initial = load(corpus, index_dir, encoders).generation
    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    published = []
    for _ in range(4):
        published.append(open_index(corpus, index_dir, encoders, lambda _: None, force=True).generation)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert seen and set(seen) <= {initial, *published}
