"""Passage encodes through the question encoder's ONNX export: length-bucketed batches, int8 where it is safe.

Why: building the index is mostly encoding passages. Through sentence-transformers that is PyTorch eager at
batch 32, padded to the longest text of each batch in arrival order. The same export that answers questions
(``onnx.py``) computes the same vectors with less overhead, texts sorted by token count waste almost no
padding, and a dynamically quantised copy (int8 weights, ``model.int8.onnx`` beside ``model.onnx``) runs the
matrix products in integer arithmetic. The int8 copy is used only when its vectors agree with the float
graph's (cosine ≥ :data:`INT8_AGREEMENT` on every probe text); otherwise passages use the float graph.
Questions always use the float graph.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .onnx import PROBES, QueryGraph

log = logging.getLogger(__name__)

INT8 = "model.int8.onnx"
INT8_META = "int8.json"
#: Minimum cosine between an int8 vector and the float graph's vector of the same text.
INT8_AGREEMENT = 0.99
#: Texts per ONNX Runtime call. Sorted by length, a batch pads only to its own longest text.
BATCH = 32
#: Extra texts the int8 check reads besides the export's probes: short, long, numbers, mixed scripts.
INT8_PROBES = PROBES + (
    "二〇一九年国内生产总值增长6.1%，城镇新增就业1352万人。",
    "第三，坚持以人民为中心的发展思想，着力保障和改善民生，在发展中补齐民生短板，促进社会公平正义。" * 3,
    "一、",
    "加强 GDP、CPI 等统计数据质量管理",
)


@dataclass(frozen=True)
class Quantisation:
    """How the int8 copy is made: which MatMuls get int8 weights (node names containing one of ``only`` and none
    of ``skip``; no ``only``: every MatMul), per output channel or per tensor, and 7-bit (``reduce_range``)."""

    name: str
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    per_channel: bool = False
    reduce_range: bool = False

    def nodes(self, model: Path) -> list[str] | None:
        """The MatMul nodes to quantise, or ``None`` for all of them."""
        if not self.only and not self.skip:
            return None
        import onnx

        graph = onnx.load(str(model), load_external_data=False).graph
        return [n.name for n in graph.node if n.op_type == "MatMul" and (not self.only or any(p in n.name for p in self.only))
                and not any(p in n.name for p in self.skip)]


#: The feed-forward MatMuls of a BERT layer (``intermediate/dense`` and the layer's ``output/dense``): most
#: of the weights, and attention scores, the embeddings and the pooler stay float.
FFN = Quantisation("feed-forward MatMuls only", only=("/intermediate/dense/", "/output/dense/"), skip=("/attention/",))
#: The copy the build tries (bench/int8.py measures the others: docs/performance.md).
SHIPPED = Quantisation("all MatMuls, per tensor")


class PassageGraph:
    """The export's graph for passages: texts sorted by length, batched, each batch padded to its longest."""

    def __init__(self, folder: Path, quantised: bool, threads: int = 2) -> None:
        self.quantised = quantised
        self._graph = QueryGraph(folder, INT8 if quantised else "model.onnx", threads)
        self.dim = self._graph.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text, in the order given."""
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([len(text) for text in texts], kind="stable")  # Chinese: about a token a character
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            rows[chosen] = self._graph.encode([texts[i] for i in chosen])
        return rows


def passage_graph(folder: Path, threads: int = 2) -> PassageGraph:
    """The int8 graph of the export in ``folder`` when it keeps the vectors (made once), else the float one."""
    return PassageGraph(folder, quantised=int8_agrees(folder), threads=threads)


def int8_agrees(folder: Path, how: Quantisation = SHIPPED) -> bool:
    """Whether ``folder`` holds an int8 copy that agrees with the float graph; quantises and checks it the
    first time, and remembers the verdict in ``int8.json`` (both published by a rename). A verdict on another
    way of quantising (``variant``) is made again."""
    try:
        verdict = json.loads((folder / INT8_META).read_text(encoding="utf-8"))
        if verdict.get("variant") == how.name:
            return bool(verdict["agrees"])
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    try:
        agreement = _quantise(folder, how)
    except Exception as error:  # noqa: BLE001 - int8 is an optimisation: the float graph always works
        log.warning("no int8 passage graph for %s (%s: %s); passages use the float graph", folder, type(error).__name__, error)
        return False
    agrees = agreement >= INT8_AGREEMENT
    if not agrees:
        log.info("int8 passage vectors disagree with the float graph (cosine %.4f); passages use the float graph", agreement)
    _publish_text(folder / INT8_META, json.dumps({"agrees": agrees, "cosine": round(agreement, 6), "variant": how.name}))
    return agrees


def agreement(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``first`` with the same row of ``second`` (rows are unit length)."""
    return np.sum(first * second, axis=1)


def _quantise(folder: Path, how: Quantisation = SHIPPED) -> float:
    """Write ``model.int8.onnx`` (dynamic quantisation of MatMul weights, as ``how`` says) and return its worst
    cosine to the float graph on :data:`INT8_PROBES`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    handle, scratch = tempfile.mkstemp(prefix=".int8-", suffix=".onnx", dir=folder)
    os.close(handle)
    try:
        quantize_dynamic(folder / "model.onnx", scratch, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         nodes_to_quantize=how.nodes(folder / "model.onnx"), per_channel=how.per_channel,
                         reduce_range=how.reduce_range)
        os.replace(scratch, folder / INT8)
    finally:
        Path(scratch).unlink(missing_ok=True)
    texts = list(INT8_PROBES)
    return float(np.min(agreement(PassageGraph(folder, True).encode(texts), PassageGraph(folder, False).encode(texts))))


def _publish_text(path: Path, text: str) -> None:
    handle, scratch = tempfile.mkstemp(prefix=".meta-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(scratch, path)
