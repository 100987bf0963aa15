"""Which documents one question searches, and answers that span several documents.

A question is searched in the documents it names, else — when it continues the conversation — in the
conversation's documents, else in all of them; a user's document filter bounds all three. A comparison
(two or more named documents) answers from each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

import numpy as np

from ..records import Passage

Ranked = list[tuple[int, float]]


@dataclass(frozen=True)
class Scope:
    """The documents searched for one question (``()``: every document) and why."""

    documents: tuple[str, ...] = ()
    named: tuple[str, ...] = ()  # documents the question itself names
    hidden: tuple[str, ...] = ()  # named documents the user's filter leaves out
    carried: bool = False  # the conversation's documents, kept for a question that continues it
    within: tuple[str, ...] = ()  # the user's document filter (``()``: none)
    of_era: tuple[str, ...] = ()  # searched documents that speak of the years the question does (``query/era.py``)

    @property
    def compared(self) -> tuple[str, ...]:
        """The named documents searched; two or more make a comparison."""
        return tuple(d for d in self.named if d in self.documents)

    @property
    def explicit(self) -> bool:
        """The question (or the conversation it continues) chose these documents, not the filter alone."""
        return bool(self.named) or self.carried

    def widened(self) -> Scope:
        """Every document the user's filter allows, whatever the question or the conversation chose."""
        return Scope(self.within, within=self.within)


def choose(named: Sequence[str], chosen: Collection[str], conversation: Sequence[str], continues: bool) -> Scope:
    """The scope of a question that names ``named``, under the user's filter ``chosen`` (empty: none), in a
    conversation about ``conversation``; ``continues``: the question goes on with the conversation."""
    within = tuple(sorted(chosen))
    allowed = [d for d in named if not chosen or d in chosen]
    if allowed:
        return Scope(tuple(allowed), tuple(named), tuple(d for d in named if d not in allowed), within=within)
    kept = [d for d in conversation if not chosen or d in chosen] if continues and not named else []
    if kept:
        return Scope(tuple(kept), carried=True, within=within)
    return Scope(within, hidden=tuple(named), within=within)


def passage_ids(passages: Sequence[Passage], documents: Collection[str]) -> np.ndarray:
    """The ids of every passage of ``documents``, ascending."""
    return np.asarray([p.id for p in passages if p.doc in documents], dtype=np.int64)


def leaning_on(scores: dict[int, float], passages: Sequence[Passage], documents: Collection[str], weight: float) -> dict[int, float]:
    """``scores`` with ``weight`` added to the passages of ``documents``: those that speak of the years the
    question is set in. A lean, not a filter: a clearly better passage elsewhere still comes first."""
    return {pid: score + weight if passages[pid].doc in documents else score for pid, score in scores.items()}


def best_of_each(ranked: Ranked, passages: Sequence[Passage], documents: Sequence[str]) -> Ranked:
    """A comparison answers from every document it names: the best passage of each comes first (in the
    order of their scores), then the rest in their fused order."""
    firsts: dict[str, tuple[int, float]] = {}
    for pid, score in ranked:
        firsts.setdefault(passages[pid].doc, (pid, score))
    lead = sorted((firsts[d] for d in documents if d in firsts), key=lambda item: item[1], reverse=True)
    return lead + [item for item in ranked if item not in lead]


def outline_document(conversation: str, scope: Scope) -> str:
    """The one document an outline question is about: the one searched, else the conversation's when the
    question names none and the filter allows it, else none (each searched document answers for itself)."""
    if len(scope.documents) == 1:
        return scope.documents[0]
    if scope.named or (scope.documents and conversation not in scope.documents):
        return ""
    return conversation
