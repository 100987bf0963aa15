"""BM25 over jieba tokens (bm25s), plus the corpus vocabulary with document frequencies.

The vocabulary serves two more jobs: how much of a question's wording the corpus knows at all (a refusal
signal) and which corpus words a mistyped question word could stand for.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

from ..ingest.passages import lexical_text
from ..records import Passage
from ..tokens import tokens

_EMPTY = "\u2205"  # stands in for a passage with no content tokens (bm25s needs one token per document)


class Lexicon:
    """A BM25 index and document frequencies over the same tokens."""

    def __init__(self, bm25: bm25s.BM25, document_frequency: dict[str, int], documents: int) -> None:
        self._bm25 = bm25
        self.document_frequency = document_frequency
        self.documents = documents

    @classmethod
    def build(cls, passages: Sequence[Passage]) -> Lexicon:
        corpus = [tokens(lexical_text(p)) or [_EMPTY] for p in passages]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        frequency: dict[str, int] = {}
        for words in corpus:
            for word in set(words):
                frequency[word] = frequency.get(word, 0) + 1
        return cls(bm25, frequency, len(corpus))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no query token is in the corpus)."""
        known = [t for t in query_tokens if t in self.document_frequency]
        if not known:
            return np.zeros(self.documents, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; an unknown token gets the highest value."""
        frequency = self.document_frequency.get(token, 0)
        return math.log(1 + (self.documents - frequency + 0.5) / (frequency + 0.5))

    def known_share(self, query_tokens: Sequence[str]) -> float:
        """The IDF-weighted share of the question's content words that occur in the corpus at all."""
        if not query_tokens:
            return 0.0
        weights = [self.idf(t) for t in query_tokens]
        known = sum(w for t, w in zip(query_tokens, weights) if t in self.document_frequency)
        return known / sum(weights)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder))
        (folder / "document_frequency.json").write_text(
            json.dumps({"documents": self.documents, "frequency": self.document_frequency}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        data = json.loads((folder / "document_frequency.json").read_text(encoding="utf-8"))
        return cls(bm25s.BM25.load(str(folder)), data["frequency"], data["documents"])
