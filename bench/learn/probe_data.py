"""The domain probe's training set: policy-domain texts (corpus-made questions, corpus headings and
sentences) grouped by document, against everyday questions grouped by category fold.

Folds: everyday questions keep their category fold; documents are dealt into the same number of folds with
a fixed seed, so fold k holds out both some categories and some documents."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

import numpy as np

from bench.learn.make_everyday import FOLDS, dealt_folds
from bench.learn.package import ENCODERS, REPO, documents, encode, read_jsonl
from bench.learn.templates import sentences, titles, topic_of

SEED = 17
TITLES_PER_DOC = 8
SENTENCES_PER_DOC = 10


@dataclass(frozen=True)
class TextSet:
    """Texts with their label (1 = policy domain), group (document or category) and fold."""

    texts: tuple[str, ...]
    labels: np.ndarray
    groups: tuple[str, ...]
    folds: np.ndarray
    sources: tuple[str, ...]  # which file or corpus sample each text came from

    def digest(self) -> str:
        return hashlib.sha256("\n".join(self.texts).encode()).hexdigest()


def corpus_samples(rng: random.Random) -> list[tuple[str, str]]:
    """(doc, text): a few headings/point titles and plain sentences of every document, as written."""
    rows = []
    for document in documents():
        heads = [t for t in (topic_of(line) for _, line in titles(document)) if t]
        rows += [(document.name, t) for t in rng.sample(heads, min(TITLES_PER_DOC, len(heads)))]
        pool = [s for p in document.passages if p.kind in ("paragraph", "point") for s in sentences(p.text) if 10 <= len(s) <= 60]
        rows += [(document.name, s) for s in rng.sample(pool, min(SENTENCES_PER_DOC, len(pool)))]
    return rows


def training_set() -> TextSet:
    """Everything the probe learns from; no eval file is read here."""
    rng = random.Random(SEED)
    domain = [(r["doc"], r["question"], "positives") for f in sorted((REPO / "data" / "positives").glob("*.jsonl")) for r in read_jsonl(f)]
    domain += [(doc, text, "corpus") for doc, text in corpus_samples(rng)]
    domain += [(r["doc"], r["question"], "english") for r in read_jsonl(REPO / "data" / "english" / "questions.jsonl")]
    domain += [(r["doc"], r["question"], "colloquial") for r in read_jsonl(REPO / "data" / "colloquial" / "questions.jsonl")]
    everyday = read_jsonl(REPO / "data" / "everyday" / "questions.jsonl")
    doc_fold = dealt_folds([d for d, _, _ in domain])
    texts = [t for _, t, _ in domain] + [r["question"] for r in everyday]
    return TextSet(
        texts=tuple(texts),
        labels=np.array([1] * len(domain) + [0] * len(everyday)),
        groups=tuple([d for d, _, _ in domain] + [r["category"] for r in everyday]),
        folds=np.array([doc_fold[d] for d, _, _ in domain] + [r["fold"] for r in everyday]),
        sources=tuple([s for _, _, s in domain] + ["everyday"] * len(everyday)),
    )


def features(texts: tuple[str, ...] | list[str], encoders: tuple[str, ...] = ENCODERS) -> np.ndarray:
    """The question's own vectors, one block per encoder, side by side."""
    return np.hstack([encode(model_id, list(texts)) for model_id in encoders])
