"""Highlights (the sentences that answer) and citations rendered as text and as the batch JSON record."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from ..index.build import SearchIndex
from ..query.question import Question
from ..records import Answer, Document, Hit, Passage, Span
from ..search.candidates import quote_coverage
from ..text import strip_punctuation
from ..tokens import tokens

#: Sentences whose similarity is within this margin of the passage's best sentence are highlighted too.
HIGHLIGHT_MARGIN = 0.02
MAX_HIGHLIGHTS = 3
REFUSAL = "讲话中没有谈到这个问题。"


@lru_cache(maxsize=8192)
def _words(sentence: str) -> frozenset[str]:
    """A sentence's tokens, kept: the same corpus sentences come back question after question, and jieba
    on the five answers' sentences was most of the query time spent outside the encoders."""
    return frozenset(tokens(sentence))


def _lexical_overlap(question: Question, sentence: str) -> float:
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
        sentence = text[span.start : span.end]
        quoted = max((quote_coverage(q, strip_punctuation(sentence)) for q in question.quotes), default=0.0)
        return sentence_scores.get(row, 0.0) + 0.3 * _lexical_overlap(question, sentence) + quoted

    scored = sorted(((score(r), r) for r in rows), reverse=True)
    best = scored[0][0]
    chosen = [r for s, r in scored[:MAX_HIGHLIGHTS] if s >= best - HIGHLIGHT_MARGIN]
    return tuple(index.sentences[r] for r in sorted(chosen))


def batch_record(qid: Any, answer: Answer) -> dict[str, Any]:
    """One output line of ``search --batch`` exactly as ``shared/eval/README.md`` defines it."""
    return {
        "id": qid,
        "answerable": answer.answerable,
        "passages": [passage_record(hit) for hit in answer.hits[:5]],
    }


def passage_record(hit: Hit) -> dict[str, Any]:
    p = hit.passage
    return {
        "doc": p.doc,
        "section": p.section,
        "point": p.point,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "score": round(hit.score, 4),
        "highlights": [[s.start, s.end] for s in hit.highlights],
    }


def citation(hit: Hit, title: str) -> str:
    """``《title》section · point：“text”``: the line a user copies into their own writing."""
    where = " · ".join(part for part in (hit.passage.section, hit.passage.point) if part)
    return f"《{title}》{where}：“{hit.passage.text}”"


def marked_text(hit: Hit, document_text: str, left: str = "【", right: str = "】") -> str:
    """The passage text with highlighted sentences wrapped in ``left`` … ``right``."""
    p = hit.passage
    out: list[str] = []
    cursor = p.start
    for span in hit.highlights:
        out.append(document_text[cursor : span.start])
        out.append(left + document_text[span.start : span.end] + right)
        cursor = span.end
    out.append(document_text[cursor : p.end])
    return "".join(out)


def render_answer(answer: Answer, documents: Mapping[str, Document]) -> str:
    """Human-readable answer for the terminal: numbered passages with citations and 【highlights】."""
    lines: list[str] = []
    if answer.message:
        lines.append(answer.message)
    if not answer.answerable and answer.mode == "search":
        if not answer.message:
            lines.append(REFUSAL)
        if answer.hits:
            lines.append("以下内容可能相关：")
    for number, hit in enumerate(answer.hits, 1):
        p = hit.passage
        document = documents[p.doc]
        where = " · ".join(part for part in (f"《{document.title}》", p.section, p.point) if part)
        lines.append(f"[{number}] {where}  （{relevance_label(hit.score)}）")
        lines.append("    " + marked_text(hit, document.text))
    return "\n".join(lines)


def relevance_label(score: float) -> str:
    """A plain label instead of a raw score."""
    if score >= 0.75:
        return "高度相关"
    if score >= 0.5:
        return "相关"
    return "可能相关"
