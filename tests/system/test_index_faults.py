"""Faults injected into a real index of the real speech: each is detected, reported in one line and repaired
by an atomic rebuild; nothing under the corpus folder changes. (Builds that fail, wait or are killed:
``test_index_builds.py``.)

Every test works on its own copy of one index of the speech's first two sections (m3e-small only, to keep
the run short), built once per session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.index import storage
from assistant.encoders import Encoder
from assistant.errors import CorpusError, IndexCorruptError, IndexWriteError
from assistant.index.load import IndexStale, load, open_index
from assistant import Assistant, Settings

from index_kit import NEW_LINE, NEW_PHRASE, assert_serves_from_disk, copy, corpus_snapshot, top_passage  # noqa: F401


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
