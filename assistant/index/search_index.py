"""``SearchIndex``: everything a query needs, loaded once per process and shared read-only by all sessions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..records import Document, Passage, Span
from .dense import search
from .sparse import Lexicon
from .stages import stage_of


@dataclass(frozen=True)
class DenseChannel:
    """One encoder's vectors: a row per passage and a row per sentence."""

    model_id: str
    passages: object  # faiss.Index
    sentences: object  # faiss.Index


@dataclass(frozen=True)
class SearchIndex:
    """Everything a query needs, loaded once per process and shared read-only by all sessions."""

    documents: dict[str, Document]
    passages: tuple[Passage, ...]
    sentences: tuple[Span, ...]
    sentence_owner: np.ndarray  # sentence row → passage id
    dense: dict[str, DenseChannel]
    lexicon: Lexicon
    generation: str
    problems: tuple[str, ...] = ()  # corpus files that could not be read, one line each
    pending: tuple[str, ...] = ()  # encoders whose vectors are still being added (``stages.py``)
    stale: str = ""  # why this generation no longer matches the corpus (served only until it is rebuilt)

    @property
    def stage(self) -> str:
        """Which stage this generation is in, as one line for the chat's status panel."""
        return stage_of(self.pending, [*self.dense, *self.pending])

    def dense_search(
        self, model_id: str, query: np.ndarray, k: int, sentences: bool = False, rows: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest passages (or sentences); ``rows``: only among these row ids."""
        channel = self.dense[model_id]
        return search(channel.sentences if sentences else channel.passages, query[None, :], k, rows)  # type: ignore[arg-type]

    def sentence_rows(self, passage_id: int) -> range:
        """Rows of the sentence index that belong to one passage (they are stored contiguously)."""
        first = int(np.searchsorted(self.sentence_owner, passage_id, side="left"))
        last = int(np.searchsorted(self.sentence_owner, passage_id, side="right"))
        return range(first, last)
