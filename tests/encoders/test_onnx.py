"""Questions through the ONNX export of m3e-small: the same vectors as sentence-transformers, made once,
reused without torch, and made again (never trusted) when the model or the export changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.encoders import onnx as onnx_query
from assistant.encoders.sentence import SentenceTransformerEncoder, m3e_small_path
from assistant.settings import PROJECT_ROOT

QUESTIONS = [
    "招商人员需要具备什么能力？",
    "對群眾身邊的腐敗問題要怎麼辦？",
    "What should be done about pollution?",
    "第五部分第二点讲了什么",
    "  債務風險 ",
    "要" * 700,  # past the model's 512 tokens: both sides must truncate alike
]


@pytest.fixture(scope="module")
def exports(settings) -> Path:  # type: ignore[no-untyped-def]
    """The session index's export folder: the session assistant made the export there when it loaded."""
    return settings.exports


@pytest.fixture(scope="module")
def accelerated(assistant) -> SentenceTransformerEncoder:  # type: ignore[no-untyped-def]
    encoder = assistant.encoders[0]
    assert isinstance(encoder, SentenceTransformerEncoder) and encoder.model_id == "m3e-small"
    assert encoder._graph is not None, "m3e-small (BERT + mean pooling) must be exported"
    return encoder


def test_export_gives_the_models_own_vectors(accelerated: SentenceTransformerEncoder) -> None:
    fast = accelerated.encode_queries(QUESTIONS)
    torch_rows = accelerated._encode(QUESTIONS, False)  # noqa: SLF001 - sentence-transformers, through torch
    assert fast.shape == (len(QUESTIONS), 512) and fast.dtype == np.float32
    assert np.min(np.sum(fast * torch_rows, axis=1)) >= onnx_query.AGREEMENT
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_answering_from_a_saved_index_never_imports_torch(assistant, settings) -> None:  # type: ignore[no-untyped-def]
    """A fresh process over the session's built index and export: loads, answers, and torch stays out."""
    question = "招商人员需要具备什么能力？"
    script = (
        "import sys, json; from pathlib import Path; from assistant import Assistant, Settings\n"
        f"a = Assistant.load(Settings(corpus=Path({str(settings.corpus)!r}), index=Path({str(settings.index)!r})))\n"
        f"answer = a.answer({question!r})\n"
        f"v = a.encoders[0].encode_query({question!r})\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'first': answer.hits[0].passage.id, 'vector': v.tolist()}))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["torch"] is False
    assert found["first"] == assistant.answer(question).hits[0].passage.id
    expected = assistant.encoders[0]._encode([question], False)[0]  # noqa: SLF001 - sentence-transformers, through torch
    assert float(np.dot(found["vector"], expected)) >= onnx_query.AGREEMENT


def export_folder(exports: Path) -> Path:
    return exports / "m3e-small" / onnx_query.fingerprint(m3e_small_path())


def test_a_changed_model_gets_its_own_export_and_the_old_one_goes(accelerated: SentenceTransformerEncoder, tmp_path: Path) -> None:
    model = tmp_path / "m3e-copy"
    shutil.copytree(m3e_small_path(), model)
    exports = tmp_path / "exports"
    before = onnx_query.query_graph(model, exports, lambda: SentenceTransformerEncoder("copy", str(model))._sentence_transformer())
    assert before is not None
    (model / "config.json").write_text((model / "config.json").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loaded: list[str] = []

    def load_model():  # type: ignore[no-untyped-def]
        loaded.append("torch")
        return SentenceTransformerEncoder("copy", str(model))._sentence_transformer()

    after = onnx_query.query_graph(model, exports, load_model)
    assert after is not None and loaded == ["torch"]  # a new fingerprint: the model is exported again
    assert [p.name for p in exports.iterdir()] == [onnx_query.fingerprint(model)]  # the old export is pruned
    assert onnx_query.query_graph(model, exports, load_model) is not None and loaded == ["torch"]  # then reused


def test_fingerprint_follows_the_model_files(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    before = onnx_query.fingerprint(tmp_path)
    (tmp_path / "config.json").write_text('{"hidden_size": 1}', encoding="utf-8")
    assert onnx_query.fingerprint(tmp_path) != before


@pytest.mark.parametrize("damage", ["truncated graph", "wrong probe"])
def test_a_damaged_export_is_made_again(accelerated: SentenceTransformerEncoder, exports: Path, tmp_path: Path, damage: str) -> None:
    damaged = tmp_path / "exports"
    shutil.copytree(exports, damaged)
    folder = export_folder(damaged)
    if damage == "truncated graph":
        graph = folder / "model.onnx"
        graph.write_bytes(graph.read_bytes()[: graph.stat().st_size // 3])
    else:  # the graph still loads but no longer gives the vector recorded when it was checked
        meta = json.loads((folder / onnx_query.META).read_text(encoding="utf-8"))
        meta["probe"] = [-x for x in meta["probe"]]
        (folder / onnx_query.META).write_text(json.dumps(meta), encoding="utf-8")
    assert onnx_query.load(folder) is None
    encoder = SentenceTransformerEncoder("m3e-small", str(m3e_small_path()), damaged)
    assert encoder._graph is not None  # exported afresh: not crashed, not silently wrong, not silently slow
    question = "招商人员需要具备什么能力？"
    assert float(np.dot(encoder.encode_query(question), accelerated.encode_query(question))) >= onnx_query.AGREEMENT


def test_an_unsupported_pipeline_is_declined_once_and_keeps_the_torch_path(accelerated: SentenceTransformerEncoder, tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import Dense

    base = accelerated._sentence_transformer()
    projected = SentenceTransformer(modules=[base[0], base[1], Dense(512, 8)], device="cpu")  # a real model, with a head
    folder = tmp_path / "exports" / "projected"
    assert onnx_query.export(projected, folder) is None
    assert not folder.exists() and folder.with_name("projected.declined").exists()
    # Later starts read the marker instead of loading torch to find out again.
    later = tmp_path / "later"
    later.mkdir()
    (later / (onnx_query.fingerprint(m3e_small_path()) + ".declined")).write_text("modules", encoding="utf-8")
    assert onnx_query.query_graph(m3e_small_path(), later, lambda: pytest.fail("a declined model was loaded")) is None


def test_without_a_writable_export_folder_questions_still_get_the_right_vectors(accelerated: SentenceTransformerEncoder, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the export folder should be", encoding="utf-8")
    encoder = SentenceTransformerEncoder("m3e-small", str(m3e_small_path()), blocked)
    assert encoder._graph is None  # the export could not be written: torch answers instead, nothing crashes
    vector = encoder.encode_query("招商人员需要具备什么能力？")
    assert float(np.dot(vector, accelerated.encode_query("招商人员需要具备什么能力？"))) >= onnx_query.AGREEMENT
