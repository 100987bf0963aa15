"""The vocabulary of some of the corpus's documents: word → passage count, for any set of documents.

Typo correction, the English glossary and the refusal read a question against the words of the documents
it is about, so a word of one document never carries into a question about another (a second document's
"分级" must not turn "讲话分几部分" into "分级部分"). Word counts are made per document once, on first use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection, Sequence

from ..ingest.passages import lexical_text
from ..records import Passage
from ..tokens import tokens
from .sparse import Lexicon

#: Distinct document sets whose combined counts are kept (a chat's filter, a question's named documents).
KEPT_SETS = 32


@dataclass(frozen=True)
class Vocabulary:
    """Word → number of passages holding it, over some documents; reads like :class:`Lexicon`."""

    document_frequency: dict[str, int]
    documents: int  # passages counted

    idf = Lexicon.idf
    known_share = Lexicon.known_share


class Vocabularies:
    """Per-document word counts of one index, combined on demand for any set of its documents."""

    def __init__(self, passages: Sequence[Passage], lexicon: Lexicon) -> None:
        self._passages = passages
        self._lexicon = lexicon
        self._names = {p.doc for p in passages}
        self._per_document: dict[str, Counter[str]] = {}
        self._combined = lru_cache(maxsize=KEPT_SETS)(self._combine)

    def of(self, documents: Collection[str]) -> Lexicon | Vocabulary:
        """The vocabulary of ``documents``: the whole lexicon when they are every document (or none)."""
        wanted = tuple(sorted(set(documents) & self._names))
        if not wanted or len(wanted) == len(self._names):
            return self._lexicon
        return self._combined(wanted)

    def _combine(self, documents: tuple[str, ...]) -> Vocabulary:
        total: Counter[str] = Counter()
        for name in documents:
            total.update(self._counts(name))
        return Vocabulary(dict(total), sum(1 for p in self._passages if p.doc in documents))

    def _counts(self, name: str) -> Counter[str]:
        if name not in self._per_document:
            counts: Counter[str] = Counter()
            for passage in self._passages:
                if passage.doc == name:
                    counts.update(set(tokens(lexical_text(passage))))
            self._per_document[name] = counts
        return self._per_document[name]
