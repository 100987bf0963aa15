"""The int8 gate on m3e-small's real export: a copy whose vectors fall short of the rule is refused, the verdict is
remembered, and passages then go through the float graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.encoders import onnx, onnx_passages
from assistant.encoders.onnx_passages import FFN, PassageGraph, Quantisation


@pytest.fixture()
def export(assistant, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A private copy of the float export (the gate writes its int8 copy and verdict beside it)."""
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("model.onnx", "tokenizer.json", onnx.META):
        shutil.copy(assistant.encoders[0]._graph.folder / name, folder / name)  # noqa: SLF001
    return folder


def test_a_copy_that_moves_the_vectors_is_refused_and_passages_stay_float(export: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Rounding every MatMul's weights to 7 bits per tensor moves the vectors; with the rule above what that copy
    reaches, the gate refuses it, says why in int8.json, and the passage graph is the float one."""
    crude = Quantisation("all MatMuls, 7-bit", reduce_range=True)
    reached = onnx_passages._quantise(export, crude)  # noqa: SLF001
    assert 0.5 < reached < 0.9999  # int8 really changed the vectors, and they are still about the same texts
    monkeypatch.setattr(onnx_passages, "INT8_AGREEMENT", reached + 1e-4)
    assert onnx_passages.int8_agrees(export, crude) is False
    verdict = json.loads((export / onnx_passages.INT8_META).read_text(encoding="utf-8"))
    assert verdict == {"agrees": False, "cosine": round(reached, 6), "variant": crude.name}
    monkeypatch.setattr(onnx_passages, "_quantise", lambda *_: 1.0)  # were it made again, it would pass now
    graph = onnx_passages.PassageGraph(export, quantised=onnx_passages.int8_agrees(export, crude))  # read back
    assert not graph.quantised
    texts = ["坚持稳中求进工作总基调", "加强 GDP、CPI 等统计数据质量管理"]
    assert np.allclose(graph.encode(texts), PassageGraph(export, quantised=False).encode(texts))
    assert onnx_passages.int8_agrees(export, FFN) is True  # a verdict on another variant is made anew


def test_the_feed_forward_choice_leaves_attention_and_embeddings_float(export: Path) -> None:
    nodes = FFN.nodes(export / "model.onnx")
    assert nodes and all("/attention/" not in n and ("/intermediate/dense/" in n or "/output/dense/" in n) for n in nodes)
    assert len(nodes) == 2 * sum(1 for n in nodes if "/intermediate/" in n)  # up and down of every layer
