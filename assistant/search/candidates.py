"""Candidate passages for a question and the raw evidence for each, by typed :class:`Channel`: dense (passage
and sentence level, per encoder), BM25, and verbatim coverage of quoted phrases. Fusion is ``fusion.py``'s job."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np

from ..index.search_index import SearchIndex
from ..query.question import Question
from ..encoders.base import Encoder
from ..text import strip_punctuation
from .channels import BM25, HEADING, OVERLAP, QUOTE, TITLE, Channel, ChannelKind

#: Candidates taken from each channel before fusion (over-fetching, as txtai does, keeps recall high).
CANDIDATES_PER_CHANNEL = 60
SENTENCES_PER_CHANNEL = 200


@dataclass(frozen=True)
class DenseHits:
    """One encoder's nearest passages and sentences for one question (kept per question by the assistant:
    a cascade that falls through, or a follow-up that replays a question, does not search again). Shared
    by every session that asks the same question: read-only."""

    passages: dict[int, float]  # passage id → similarity
    best_sentence: dict[int, float]  # passage id → similarity of its best sentence among those found
    sentences: dict[int, float]  # sentence row → similarity
    vector: np.ndarray | None = None  # the question's vector (answerability compares it with a background)
    #: The hits as ranking reads them: calibrated against their own documents (``calibration.py``) and reshaped
    #: by feedback and heading context (``feedback.py``); ``None``: the raw ones (one document, nothing reshaped).
    ranking: DenseHits | None = None


def dense_hits(index: SearchIndex, model_id: str, vector: np.ndarray, allowed: np.ndarray | None = None) -> DenseHits:
    """``allowed``: the passage ids to search among (the searched documents'), ``None`` for all. While the
    encoder's sentence vectors are pending (a searchable generation), each passage's own similarity stands in
    for its best sentence's, so the judge reads a similarity of the usual kind rather than none."""
    sentence_rows = None if allowed is None else np.flatnonzero(np.isin(index.sentence_owner, allowed))
    scores, rows = index.dense_search(model_id, vector, CANDIDATES_PER_CHANNEL, rows=allowed)
    passages = {int(r): float(s) for r, s in zip(rows[0], scores[0]) if r >= 0}
    if not index.has_sentences(model_id):
        return DenseHits(passages, dict(passages), {}, vector)
    scores, rows = index.dense_search(model_id, vector, SENTENCES_PER_CHANNEL, sentences=True, rows=sentence_rows)
    sentences = {int(r): float(s) for r, s in zip(rows[0], scores[0]) if r >= 0}
    best: dict[int, float] = {}
    for row, score in sentences.items():
        owner = int(index.sentence_owner[row])
        best[owner] = max(best.get(owner, -1.0), score)
    return DenseHits(passages, best, sentences, vector)


@dataclass(frozen=True)
class Candidates:
    """Raw scores of each candidate passage in each channel, plus the best sentences for highlighting."""

    ids: np.ndarray
    channels: dict[Channel, np.ndarray]
    sentence_scores: dict[int, float]  # sentence row → best dense similarity to the question
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # encoder → the question's vector


def quote_coverage(quote: str, text: str) -> float:
    """Share of ``quote`` found as one contiguous run in ``text`` (both without punctuation)."""
    return capped_run(quote, text, 1, len(quote)) / len(quote) if quote else 0.0


def candidates(index: SearchIndex, question: Question, dense: Mapping[Encoder, DenseHits], allowed: np.ndarray | None = None) -> Candidates:
    """Gather candidates from every channel (``dense``: each encoder's hits, found among ``allowed`` passage
    ids), then score every candidate in every channel."""
    sentence_scores: dict[int, float] = defaultdict(float)
    for hits in dense.values():
        for row, score in hits.sentences.items():
            sentence_scores[row] += score / len(dense)
    bm25 = index.lexicon.scores(question.tokens)
    if allowed is not None:
        bm25 = np.where(np.isin(np.arange(len(bm25)), allowed), bm25, 0.0).astype(np.float32)
    k = min(CANDIDATES_PER_CHANNEL, len(bm25))
    top_bm25 = np.argpartition(-bm25, k - 1)[:k] if k else np.zeros(0, dtype=np.int64)  # no full sort at 10^6
    pool = set(int(i) for i in top_bm25 if bm25[i] > 0)
    for hits in dense.values():
        pool.update(hits.passages)
        pool.update(hits.best_sentence)
    ids = np.asarray(sorted(pool), dtype=np.int64)
    channels = {BM25: bm25[ids] if len(ids) else np.zeros(0, np.float32)}
    for encoder, hits in dense.items():
        channels[Channel.of(ChannelKind.DENSE, encoder)] = fill(ids, hits.passages)
        channels[Channel.of(ChannelKind.SENTENCE, encoder)] = fill(ids, hits.best_sentence)
    bare_texts = [bare(index.passages[int(i)].text) for i in ids]  # shared by the two verbatim channels
    channels[QUOTE] = _quotes(question, bare_texts)
    channels[OVERLAP] = _overlaps(question, bare_texts)
    channels[TITLE] = np.asarray([index.passages[int(i)].kind == "title" for i in ids], dtype=np.float32)
    channels[HEADING] = np.asarray([index.passages[int(i)].kind == "heading" for i in ids], dtype=np.float32)
    vectors = {encoder.model_id: hits.vector for encoder, hits in dense.items() if hits.vector is not None}
    return Candidates(ids, channels, dict(sentence_scores), vectors)


#: A passage's text without punctuation, kept: the same passages are candidates question after question.
bare = lru_cache(maxsize=65536)(strip_punctuation)


def fill(ids: np.ndarray, found: dict[int, float]) -> np.ndarray:
    """Scores for every candidate; one the channel did not return gets the channel's lowest returned score."""
    floor = min(found.values()) if found else 0.0
    return np.asarray([found.get(int(i), floor) for i in ids], dtype=np.float32)


#: Verbatim runs shorter than this are chance (two characters match everywhere in Chinese).
MIN_OVERLAP = 3
MAX_OVERLAP = 12


def shares_run(asked: str, text: str, length: int) -> bool:
    """Whether ``text`` contains some piece of ``asked`` that is ``length`` characters long."""
    return any(asked[i : i + length] in text for i in range(len(asked) - length + 1))


def capped_run(asked: str, text: str, low: int = MIN_OVERLAP, high: int = MAX_OVERLAP) -> int:
    """The length of the longest run ``asked`` and ``text`` share verbatim, capped at ``high``, or 0 below
    ``low``: a binary search over the length, since a shared run of length n implies shared runs of every
    shorter length (much faster here than difflib, which tests/search/test_retrieval.py checks it against)."""
    if not shares_run(asked, text, low):
        return 0
    while low < high:
        middle = (low + high + 1) // 2
        if shares_run(asked, text, middle):
            low = middle
        else:
            high = middle - 1
    return low


def _overlaps(question: Question, texts: Sequence[str]) -> np.ndarray:
    """How long a piece of the question a passage repeats word for word (people copy phrases they remember)."""
    asked = strip_punctuation(question.content)
    return np.asarray([_remembered_run(asked, text) for text in texts], dtype=np.float32)


#: A cascade that falls through scores most candidates a second time, and follow-ups replay questions.
_remembered_run = lru_cache(maxsize=16384)(capped_run)


def _quotes(question: Question, texts: Sequence[str]) -> np.ndarray:
    """How completely a passage contains the question's best-covered quoted phrase (0–1)."""
    if not question.quotes:
        return np.zeros(len(texts), dtype=np.float32)
    return np.asarray([max(quote_coverage(q, t) for q in question.quotes) for t in texts], dtype=np.float32)
