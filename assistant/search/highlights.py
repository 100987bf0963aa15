"""Highlights: the sentences of a passage that best answer the question, in reading order."""

from __future__ import annotations

from functools import lru_cache

from ..index.search_index import SearchIndex
from ..query.question import Question
from ..records import Passage, Span
from ..text import shown_text, strip_punctuation
from ..tokens import tokens
from .candidates import quote_coverage

#: Sentences whose similarity is within this margin of the passage's best sentence are highlighted too.
HIGHLIGHT_MARGIN = 0.02
MAX_HIGHLIGHTS = 3
#: How much the share of the question's words a sentence repeats adds to its similarity.
LEXICAL_WEIGHT = 0.3


@lru_cache(maxsize=8192)
def _words(sentence: str) -> frozenset[str]:
    """A sentence's tokens, kept: the same corpus sentences come back question after question, and jieba
    on the five answers' sentences was most of the query time spent outside the encoders."""
    return frozenset(tokens(sentence))


def lexical_overlap(question: Question, sentence: str) -> float:
    """The share of the question's distinct tokens that ``sentence`` contains."""
    words = _words(sentence)
    return sum(1 for t in set(question.tokens) if t in words) / max(len(set(question.tokens)), 1)


def highlights(index: SearchIndex, passage: Passage, question: Question, sentence_scores: dict[int, float]) -> tuple[Span, ...]:
    """The sentences of ``passage`` that best answer ``question``, in reading order."""
    rows = list(index.sentence_rows(passage.id))
    if not rows:
        return ()
    text = index.documents[passage.doc].text

    def score(row: int) -> float:
        span = index.sentences[row]
        sentence = shown_text(text[span.start : span.end])
        quoted = max((quote_coverage(q, strip_punctuation(sentence)) for q in question.quotes), default=0.0)
        return sentence_scores.get(row, 0.0) + LEXICAL_WEIGHT * lexical_overlap(question, sentence) + quoted

    scored = sorted(((score(r), r) for r in rows), reverse=True)
    best = scored[0][0]
    chosen = [r for s, r in scored[:MAX_HIGHLIGHTS] if s >= best - HIGHLIGHT_MARGIN]
    return tuple(index.sentences[r] for r in sorted(chosen))


def lead_sentence(passage: Passage) -> tuple[Span, ...]:
    """The first sentence: what an outline answer highlights."""
    return passage.sentences[:1]
