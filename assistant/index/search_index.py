"""``SearchIndex``: everything a query needs, loaded once per process and shared read-only by all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Collection

import numpy as np

from ..records import Document, Passage, Span
from ..text import normalise, shown_text
from .dense import search
from .sparse import Lexicon
from .stages import pending_levels, stage_of


@dataclass(frozen=True)
class DenseChannel:
    """One encoder's vectors: a row per passage and a row per sentence."""

    model_id: str
    passages: object  # faiss.Index
    sentences: object | None  # faiss.Index; None while a searchable generation's sentence vectors are pending


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
    pending: tuple[str, ...] = ()  # levels of vectors still being added, "model/level" (``stages.py``)
    stale: str = ""  # why this generation no longer matches the corpus (served only until it is rebuilt)

    @cached_property
    def plain_texts(self) -> dict[str, str]:
        """Each document's text in the form questions are read in (simplified characters, the line breaks of a
        hard-wrapped file removed): where a question's words are looked up as written. Made on first use."""
        return {name: normalise(shown_text(document.text)) for name, document in self.documents.items()}

    def plain_texts_of(self, documents: Collection[str] = ()) -> list[str]:
        """:attr:`plain_texts` of ``documents`` (every document when empty), in the corpus's order."""
        return [text for name, text in self.plain_texts.items() if not documents or name in documents]

    @property
    def stage(self) -> str:
        """Which stage this generation is in, as one line for the chat's status panel."""
        return stage_of(self.pending, list(dict.fromkeys([*self.dense, *(x.model_id for x in pending_levels(self.pending))])))

    def has_sentences(self, model_id: str) -> bool:
        """Whether ``model_id``'s sentence vectors are here (a searchable generation may lack them for a while:
        searches then read each passage's own similarity in place of its best sentence's)."""
        channel = self.dense.get(model_id)
        return channel is not None and channel.sentences is not None

    def dense_search(
        self, model_id: str, query: np.ndarray, k: int, sentences: bool = False, rows: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest passages (or sentences); ``rows``: only among these row ids."""
        channel = self.dense[model_id]
        level = channel.sentences if sentences else channel.passages
        if level is None:
            raise LookupError(f"{model_id}'s sentence vectors are not in generation {self.generation} yet")
        return search(level, query[None, :], k, rows)  # type: ignore[arg-type]

    def sentence_rows(self, passage_id: int) -> range:
        """Rows of the sentence index that belong to one passage (they are stored contiguously)."""
        first = int(np.searchsorted(self.sentence_owner, passage_id, side="left"))
        last = int(np.searchsorted(self.sentence_owner, passage_id, side="right"))
        return range(first, last)
