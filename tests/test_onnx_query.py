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

from assistant import onnx_query
from assistant.embed import SentenceTransformerEncoder, m3e_small_path
from assistant.pipeline import PROJECT_ROOT

QUESTIONS = [
    "招商人员需要具备什么能力？",
    "對群眾身邊的腐敗問題要怎麼辦？",
    "What should be done about pollution?",
    "第五部分第二点讲了什么",
    "  債務風險 ",
    "要" * 700,  # past the model's 512 tokens: both sides must truncate alike
]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exports")


@pytest.fixture(scope="module")
def accelerated(exports: Path) -> SentenceTransformerEncoder:
    encoder = SentenceTransformerEncoder("m3e-small", str(m3e_small_path()), exports)
    assert encoder._graph is not None, "m3e-small (BERT + mean pooling) must be exported"
    return encoder


def test_export_gives_the_models_own_vectors(accelerated: SentenceTransformerEncoder) -> None:
    fast = accelerated.encode_queries(QUESTIONS)
    torch_rows = accelerated.encode_passages(QUESTIONS)  # passages always go through sentence-transformers
    assert fast.shape == (len(QUESTIONS), 512) and fast.dtype == np.float32
    assert np.min(np.sum(fast * torch_rows, axis=1)) >= onnx_query.AGREEMENT
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_a_saved_export_answers_without_importing_torch(accelerated: SentenceTransformerEncoder, exports: Path) -> None:
    script = (
        "import sys, json; from pathlib import Path; from assistant.embed import SentenceTransformerEncoder, m3e_small_path\n"
        f"e = SentenceTransformerEncoder('m3e-small', str(m3e_small_path()), Path({str(exports)!r}))\n"
        "v = e.encode_query('招商人员需要具备什么能力？')\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'vector': v.tolist()}))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["torch"] is False
    expected = accelerated.encode_passages(["招商人员需要具备什么能力？"])[0]
    assert float(np.dot(found["vector"], expected)) >= onnx_query.AGREEMENT


def test_an_export_of_other_weights_is_not_used(accelerated: SentenceTransformerEncoder, exports: Path) -> None:
    folder = exports / "m3e-small"
    assert onnx_query.load(folder, onnx_query.fingerprint(m3e_small_path())) is not None
    assert onnx_query.load(folder, "a-different-model") is None


def test_fingerprint_follows_the_model_files(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    before = onnx_query.fingerprint(tmp_path)
    (tmp_path / "config.json").write_text('{"hidden_size": 1}', encoding="utf-8")
    assert onnx_query.fingerprint(tmp_path) != before


def test_a_damaged_export_is_made_again(accelerated: SentenceTransformerEncoder, exports: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "exports"
    shutil.copytree(exports, damaged)
    model = damaged / "m3e-small" / "model.onnx"
    model.write_bytes(model.read_bytes()[: model.stat().st_size // 3])
    encoder = SentenceTransformerEncoder("m3e-small", str(m3e_small_path()), damaged)
    assert encoder._graph is not None  # exported afresh, not crashed and not silently slow
    vector = encoder.encode_query("招商人员需要具备什么能力？")
    assert float(np.dot(vector, accelerated.encode_query("招商人员需要具备什么能力？"))) >= onnx_query.AGREEMENT


def test_unsupported_pipelines_keep_the_torch_path(accelerated: SentenceTransformerEncoder) -> None:
    model = accelerated._sentence_transformer()
    assert onnx_query._unsupported(model) == ""

    class WithDense(list):  # a stand-in: the check reads only module kinds, and no such model is installed here
        tokenizer = model.tokenizer

    class Dense:
        pass

    assert "modules" in onnx_query._unsupported(WithDense([model[0], model[1], Dense()]))
