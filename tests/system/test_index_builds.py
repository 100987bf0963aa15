"""Builds that fail, wait for each other, or are killed half way, on a real index of the real speech: the
previous generation keeps serving, one build serves both waiters, and readers never see a half-written index.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.index import storage
from assistant.encoders import Encoder
from assistant.errors import IndexStaleError
from assistant.index.load import IndexStale, load, open_index

from assistant.settings import PROJECT_ROOT
from index_kit import NEW_LINE, NEW_PHRASE, assert_serves_from_disk, copy, corpus_snapshot  # noqa: F401


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
