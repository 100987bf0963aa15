"""Retrieval quality on an eval set: hit@1, hit@3, MRR@5, refusal, false refusal, exactness, by kind.

The definitions are those of ``shared/eval/score.py``: a hit at k means the first k passages together
contain one alternative of every evidence item; a passage longer than 600 characters never counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .text import shown_text

MAX_PASSAGE = 600


def hit_rank(texts: list[str], evidence: list[list[str]]) -> int | None:
    """The rank at which ``texts`` first cover every evidence item, or ``None``."""
    texts = [t if len(t) <= MAX_PASSAGE else "" for t in texts]
    covered = [False] * len(evidence)
    for rank, text in enumerate(texts, 1):
        for i, alternatives in enumerate(evidence):
            if not covered[i] and any(a in text for a in alternatives):
                covered[i] = True
        if all(covered):
            return rank
    return None


@dataclass
class Tally:
    questions: int = 0
    answerable: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    false_refusals: int = 0
    unanswerable: int = 0
    refusals: int = 0

    def add(self, expected: Mapping[str, Any], record: Mapping[str, Any]) -> None:
        self.questions += 1
        declared = record.get("answerable") is not False
        if expected.get("answerable", True):
            self.answerable += 1
            self.false_refusals += not declared
            rank = hit_rank([p.get("text", "") for p in record.get("passages", [])[:5]], expected["evidence"])
            self.hit1 += rank == 1
            self.hit3 += rank is not None and rank <= 3
            self.reciprocal += 1 / rank if rank else 0.0
        else:
            self.unanswerable += 1
            self.refusals += not declared

    def metrics(self) -> dict[str, float]:
        answerable = max(self.answerable, 1)
        return {
            "n": self.questions,
            "hit@1": round(self.hit1 / answerable, 3),
            "hit@3": round(self.hit3 / answerable, 3),
            "mrr@5": round(self.reciprocal / answerable, 3),
            "false_refusal": round(self.false_refusals / answerable, 3),
            "refusal": round(self.refusals / max(self.unanswerable, 1), 3),
        }


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    passages: int = 0
    exact: int = 0

    def add(self, expected: Mapping[str, Any], record: Mapping[str, Any], documents: Mapping[str, str]) -> None:
        self.overall.add(expected, record)
        self.kinds[str(expected.get("kind", "?"))].add(expected, record)
        for passage in record.get("passages", []):
            self.passages += 1
            text = documents.get(passage.get("doc", ""))
            self.exact += text is not None and shown_text(text[passage["start"] : passage["end"]]) == passage.get("text")

    def render(self) -> str:
        lines = [f"{'kind':12s} {'n':>3s} {'hit@1':>6s} {'hit@3':>6s} {'mrr@5':>6s} {'refusal':>7s} {'false_ref':>9s}"]
        for kind, tally in sorted(self.kinds.items()) + [("all", self.overall)]:
            m = tally.metrics()
            refusal = f"{m['refusal']:.2f}" if tally.unanswerable else "-"
            answerable = tally.answerable > 0
            lines.append(
                f"{kind:12s} {m['n']:3d} "
                + (f"{m['hit@1']:6.2f} {m['hit@3']:6.2f} {m['mrr@5']:6.2f}" if answerable else f"{'-':>6s} {'-':>6s} {'-':>6s}")
                + f" {refusal:>7s} "
                + (f"{m['false_refusal']:9.2f}" if answerable else f"{'-':>9s}")
            )
        lines.append(f"exact={self.exact / max(self.passages, 1):.3f} over {self.passages} passages")
        return "\n".join(lines)


def evaluate(rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]], documents: Mapping[str, str]) -> Report:
    """Score (eval question, batch record) pairs."""
    report = Report()
    for expected, record in rows:
        report.add(expected, record, documents)
    return report
