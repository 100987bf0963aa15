"""The :class:`Encoder` contract every sentence model implements (after llm's ``EmbeddingModel``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np

#: Texts encoded per call at build time.
BATCH_SIZE = 32


class Encoder(ABC):
    """Turns texts into L2-normalised float32 rows; questions and passages may be encoded differently.

    ``languages`` (ISO 639-1 codes) says which questions the model reads well: fusion and refusal give an
    English question's weight and floor to the encoders that read English, whatever they are called.
    """

    model_id: str
    dim: int
    languages: tuple[str, ...] = ("zh",)

    @abstractmethod
    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    @abstractmethod
    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def reads(self, language: str) -> bool:
        """Whether questions in ``language`` are read well."""
        return reads(self.languages, language)


def normalised(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


def reads(languages: tuple[str, ...], language: str) -> bool:
    """Whether a model declaring ``languages`` reads ``language`` (a card that says "multilingual" reads all)."""
    return language in languages or "multilingual" in languages
