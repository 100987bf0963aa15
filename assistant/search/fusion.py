"""Fuse the channels of ``candidates.py`` into one ranking, and map fused scores to a 0–1 relevance.

Each channel is standardised over the candidates (z-scores), so channels with different scales (cosine
similarities of two encoders, BM25) can be added with the fixed :class:`~assistant.policy.Weights`. Whether to
answer at all is ``answer_model.py``'s job, whose calibrated probability is what people see.
"""

from __future__ import annotations

import math

import numpy as np

from ..policy import Weights
from .candidates import Candidates
from .channels import Channel, ChannelKind

#: A quoted phrase found at least this completely in a passage marks that passage as the quoted one.
QUOTE_MATCH = 0.7
#: Fused scores are sums of z-scores; this logistic maps them to 0–1 for people and the batch ``score``:
#: a clear answer (fused ≈ 10) shows ≈ 0.9, a passage at the edge of the candidates ≈ 0.2.
RELEVANCE_MIDPOINT = 5.0
RELEVANCE_SCALE = 2.5
REFUSED_CEILING = 0.45
_FAMILY_WEIGHT = {
    ChannelKind.BM25: "bm25", ChannelKind.DENSE: "dense", ChannelKind.SENTENCE: "sentence",
    ChannelKind.OVERLAP: "overlap", ChannelKind.TITLE: "title", ChannelKind.HEADING: "heading",
}


def encoder_weight(weights: Weights, channel: Channel, english: bool) -> float:
    """The scale of one encoder's channels: by what the encoder reads (its ``languages``), never by its name."""
    if channel.encoder in weights.muted:
        return 0.0
    if not english:
        return weights.encoder
    return weights.english_reader if channel.reads("en") else weights.chinese_only


def standardised(values: np.ndarray, ceiling: float = math.inf, floor: float = 0.0) -> np.ndarray:
    """z-scores, at most ``ceiling`` either way, over a spread of at least ``floor``; a channel that does not
    vary says nothing and becomes zeros."""
    spread = float(values.std()) if len(values) else 0.0
    if spread < 1e-9:
        return np.zeros_like(values, dtype=np.float32)
    return np.clip((values - values.mean()) / max(spread, floor), -ceiling, ceiling).astype(np.float32)


def quoted_mask(candidates: Candidates) -> np.ndarray:
    """Which candidates hold a phrase the question quotes (all ``False`` when it quotes none)."""
    coverage = candidates.channels.get(Channel(ChannelKind.QUOTE))
    return np.zeros(len(candidates.ids), dtype=bool) if coverage is None else coverage >= QUOTE_MATCH


def features(candidates: Candidates, ceiling: float = math.inf, overlap_floor: float = 0.0) -> tuple[list[Channel], np.ndarray]:
    """Candidates × channels as fusion adds them up: dense, sentence, BM25 and overlap standardised over the
    candidates; the quote channel only where a quoted phrase is found, title and heading only where not (the
    same columns a learned ranker is trained on: bench/learn/ranker.py)."""
    quoted = quoted_mask(candidates)
    names, columns = [], []
    for channel, values in candidates.channels.items():
        names.append(channel)
        if channel.kind is ChannelKind.QUOTE:
            columns.append(np.where(quoted, values, 0.0))
        elif channel.kind in (ChannelKind.TITLE, ChannelKind.HEADING):
            columns.append(np.where(quoted, 0.0, values))
        else:
            columns.append(standardised(values, ceiling, overlap_floor if channel.kind is ChannelKind.OVERLAP else 0.0))
    return names, np.stack(columns, axis=1).astype(np.float32)


def channel_weight(weights: Weights, channel: Channel, english: bool) -> float:
    if channel.kind is ChannelKind.QUOTE:
        return weights.quote
    if channel.kind is ChannelKind.OVERLAP and english:
        return weights.english_overlap
    family = getattr(weights, _FAMILY_WEIGHT[channel.kind])
    return family * (encoder_weight(weights, channel, english) if channel.encoder else 1.0)


def fuse(candidates: Candidates, weights: Weights, english: bool = False) -> list[tuple[int, float]]:
    """(passage id, fused score), best first."""
    if not len(candidates.ids):
        return []
    channels, x = features(candidates, weights.ceiling, weights.overlap_floor)
    scale = np.asarray([channel_weight(weights, c, english) for c in channels], dtype=np.float32)
    if weights.lexical_gate > 0:
        x = _gated(channels, x, scale, weights.lexical_gate)
    total = x @ scale
    order = np.argsort(-total, kind="stable")
    return [(int(candidates.ids[i]), float(total[i])) for i in order]


def _gated(channels: list[Channel], x: np.ndarray, scale: np.ndarray, width: float) -> np.ndarray:
    """``x`` with each candidate's positive lexical z-scores times its semantic support: 1 when its dense
    channels' weighted mean z-score is 0 or more, falling linearly to 0 at ``-width`` (``Weights.lexical_gate``)."""
    dense = [i for i, c in enumerate(channels) if c.kind in (ChannelKind.DENSE, ChannelKind.SENTENCE) and scale[i] > 0]
    lexical = [i for i, c in enumerate(channels) if c.kind in (ChannelKind.BM25, ChannelKind.OVERLAP)]
    if not dense or not lexical:
        return x
    support = x[:, dense] @ scale[dense] / float(scale[dense].sum())
    gate = np.clip(1.0 + support / width, 0.0, 1.0)
    out = x.copy()
    columns = out[:, lexical]
    out[:, lexical] = np.where(columns > 0, columns * gate[:, None], columns)  # only evidence for a passage fades
    return out


def shown_relevance(right: float, behind: float, answerable: bool) -> float:
    """The first passage shows the calibrated P(it is right) (``answer_model.py``); later ones that, lowered by
    how far their fused score lies behind the first (one relevance scale ≈ e⁻¹). After a refusal nothing
    looks like an answer."""
    value = right * math.exp(min(0.0, behind) / RELEVANCE_SCALE)
    return value if answerable else min(value, REFUSED_CEILING)


def relevance(fused: float, answerable: bool = True) -> float:
    """A 0–1 relevance for display; passages offered after a refusal never look like answers."""
    value = 1.0 / (1.0 + math.exp(-(fused - RELEVANCE_MIDPOINT) / RELEVANCE_SCALE))
    return value if answerable else min(value, REFUSED_CEILING)
