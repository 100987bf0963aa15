"""A learned fusion of the channels against the hand-set weights, out of fold by document.

    .venv/bin/python bench/learn/ranker.py [--data data]

For every labelled Chinese question that is searched (not an outline answer, not a follow-up) the
candidates and their channel scores are gathered once, within the documents the question names; a passage is relevant when it holds one of the
evidence strings (dev sets) or the source text (corpus-made positives). A logistic regression over the
candidates' standardised channels (the features ``fusion.fuse`` adds up) is trained on the other folds'
documents and reranks the held-out fold's candidates; hit@1 and hit@3 of both rankings are reported on
the same candidates. English questions are left out (too few to learn). The learned weights are not
shipped: out of fold they tie the hand weights (docs/retrieval.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant import Assistant, Settings  # noqa: E402
from assistant.search import fusion  # noqa: E402
from bench.learn.collect import CORPORA, EVAL, _corpus_of, _read  # noqa: E402
from bench.learn.folds import K  # noqa: E402


@dataclass(frozen=True)
class Query:
    source: str
    group: str
    names: tuple[str, ...]
    x: np.ndarray  # candidates × features
    relevant: list[set[int]]  # per evidence item, the candidate rows that hold it
    hand: np.ndarray  # the shipped fusion's score per candidate


def _covers(order: np.ndarray, relevant: list[set[int]], k: int) -> bool:
    top = set(int(i) for i in order[:k])
    return all(items & top for items in relevant)


def gather(assistant: Assistant, item: dict[str, Any], source: str, group: str) -> Query | None:
    """The question's candidates as the assistant searches them: within the documents it names, and without
    the words that name them (an unscoped search is a different task: there the ranking must also find the
    document, which the pipeline never asks of it)."""
    reading = assistant.read(item["question"])
    if reading is None or reading.question.english:
        return None
    scores, found = assistant.searcher.ranked(reading.question, assistant.encoders, reading.scope.documents)
    channels, x = fusion.features(found)
    names = tuple(f"{c.kind.value}:{c.encoder}" if c.encoder else c.kind.value for c in channels)
    wanted = set(item.get("docs") or [item.get("doc") or ""]) - {""}
    passages = [assistant.index.passages[int(i)] for i in found.ids]
    relevant = [
        {r for r, p in enumerate(passages) if (not wanted or p.doc in wanted) and len(p.text) <= 600 and any(a in p.text for a in alternatives)}
        for alternatives in item["evidence"]
    ]
    if not all(relevant):
        return None  # the evidence is not among the candidates: no ranking can find it
    return Query(source, group, names, x, relevant, np.asarray([scores[int(i)] for i in found.ids]))


def queries(data: Path | None) -> list[Query]:
    jobs: dict[str, list[tuple[dict[str, Any], str, str]]] = {name: [] for name in CORPORA}
    for item in _read(EVAL / "dev.jsonl"):
        jobs["speech"].append((item, "dev", "speech.txt"))
    for item in _read(EVAL / "dev-library.jsonl"):
        if item.get("doc"):
            jobs["library"].append((item, "dev-library", item["doc"]))
    for path in sorted((data / "positives").glob("*.jsonl")) if data else []:
        for row in _read(path):
            corpus = _corpus_of(row["doc"])
            if corpus:
                jobs[corpus].append((dict(row, evidence=[[row["source_text"].rstrip("。；;")]]), "positive", row["doc"]))
    out = []
    for corpus, todo in jobs.items():
        assistant = Assistant.load(Settings(*CORPORA[corpus]))
        for item, source, group in todo:
            if item.get("answerable", True) and not item.get("history") and item.get("kind") not in ("structure", "compare"):
                query = gather(assistant, item, source, group)
                if query is not None:
                    out.append(query)
    return out


def fit(train: Sequence[Query]) -> np.ndarray:
    """Per-feature weights of a logistic regression: relevant candidates against the others."""
    x = np.vstack([q.x for q in train])
    y = np.concatenate([[any(r in items for items in q.relevant) for r in range(len(q.x))] for q in train])
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)
    return model.coef_[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    found = queries(args.data)
    documents = sorted({q.group for q in found})
    fold = {g: i % K for i, g in enumerate(documents)}
    tallies: dict[str, list[tuple[bool, bool, bool, bool]]] = {}
    for k in range(K):
        train = [q for q in found if fold[q.group] != k]
        weights = fit(train)
        for q in (q for q in found if fold[q.group] == k):
            learned, hand = np.argsort(-(q.x @ weights), kind="stable"), np.argsort(-q.hand, kind="stable")
            tallies.setdefault(q.source, []).append(
                (_covers(hand, q.relevant, 1), _covers(hand, q.relevant, 3), _covers(learned, q.relevant, 1), _covers(learned, q.relevant, 3))
            )
    print(f"{'set':12s} {'n':>4s} {'hand@1':>7s} {'hand@3':>7s} {'learned@1':>9s} {'learned@3':>9s}   (out of fold, same candidates)")
    for source, rows in sorted(tallies.items()):
        a = np.asarray(rows, dtype=float).mean(axis=0)
        print(f"{source:12s} {len(rows):4d} {a[0]:7.3f} {a[1]:7.3f} {a[2]:9.3f} {a[3]:9.3f}")
    weights = fit(found)
    print("weights: " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(found[0].names, weights)))


if __name__ == "__main__":
    main()
