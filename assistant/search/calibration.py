"""Per-document calibration of dense similarities, so no document crowds out another.

A long report has hundreds of passages near any policy question, a short speech a few dozen: the best
raw similarity in the long one is higher by chance alone, and documents written in another register sit
at another level of similarity altogether. Each dense similarity is therefore read against its own
document's similarities to the same question — their mean and spread, estimated on a fixed sample of the
document's rows — and against the best a document of that size reaches by chance (the expected maximum of
n standard normal draws, ≈ √(2 ln n)). Nothing here is fitted: the sample size only bounds the cost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import numpy as np

from ..encoders.base import Encoder
from ..index.search_index import SearchIndex
from .candidates import Candidates, DenseHits, fill
from .channels import Channel, ChannelKind

#: Rows sampled per document and level to estimate its similarity distribution (all rows when fewer).
SAMPLE_ROWS = 256
_SEED = 20240601
_SHORT = ("heading", "title")


@dataclass(frozen=True)
class Sample:
    """A fixed sample of one level (passages or sentences) of one encoder: rows' vectors and documents."""

    vectors: np.ndarray  # (rows, dim)
    document: np.ndarray  # (rows,) group of each sampled row (:func:`groups`)
    sizes: np.ndarray  # (groups,) rows of each group in the whole level


def groups(index: SearchIndex, by_kind: bool) -> np.ndarray:
    """Each passage's calibration group: its document, and with ``by_kind`` also whether it is a heading or
    title (short navigation text sits at another level of similarity than body text for some encoders)."""
    names = {name: number for number, name in enumerate(index.documents)}
    return np.asarray([names[p.doc] * 2 + (by_kind and p.kind in _SHORT) for p in index.passages], dtype=np.int64)


def sample(index: SearchIndex, model_id: str, sentences: bool, by_kind: bool = False) -> Sample:
    """Up to :data:`SAMPLE_ROWS` rows of each group (:func:`groups`), drawn once with a fixed seed."""
    owners = index.sentence_owner if sentences else np.arange(len(index.passages))
    row_group = groups(index, by_kind)[owners] if len(owners) else np.zeros(0, int)
    channel = index.dense[model_id]
    stored = channel.sentences if sentences else channel.passages
    rng = np.random.default_rng(_SEED)
    chosen: list[int] = []
    for number in range(2 * len(index.documents)):
        rows = np.flatnonzero(row_group == number)
        chosen.extend(rows if len(rows) <= SAMPLE_ROWS else rng.choice(rows, SAMPLE_ROWS, replace=False))
    picked = np.asarray(sorted(chosen), dtype=np.int64)
    vectors = np.stack([stored.reconstruct(int(r)) for r in picked]) if len(picked) else np.zeros((0, stored.d), np.float32)  # type: ignore[attr-defined]
    return Sample(vectors, row_group[picked], np.bincount(row_group, minlength=2 * len(index.documents)))


class Samples:
    """The samples of one index, drawn on first use per encoder and level."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._drawn: dict[tuple[str, bool, bool], Sample] = {}

    def get(self, model_id: str, sentences: bool, by_kind: bool = False) -> Sample:
        sentences = sentences and self._index.has_sentences(model_id)  # else passages stand in (``dense_hits``)
        key = (model_id, sentences, by_kind)
        if key not in self._drawn:
            self._drawn[key] = sample(self._index, model_id, sentences, by_kind)
        return self._drawn[key]


def _standardiser(found: Sample, vector: np.ndarray, pooled: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Per document: the similarity that chance alone reaches there (its mean plus its spread times the chance
    maximum), and the unit a passage's excess over it is read in: the document's own spread, or with ``pooled``
    the spread pooled over the documents."""
    similarity = found.vectors @ vector
    count = np.bincount(found.document, minlength=len(found.sizes)).astype(np.float64)
    mean = np.bincount(found.document, similarity, minlength=len(found.sizes)) / np.maximum(count, 1)
    square = np.bincount(found.document, similarity**2, minlength=len(found.sizes)) / np.maximum(count, 1)
    variance = np.maximum(square - mean**2, 1e-6)  # one floor: a document of identical rows has spread 0.001
    spread = np.sqrt(variance)
    chance = np.sqrt(2 * np.log(np.maximum(found.sizes, 2)))
    unit = np.full_like(spread, np.sqrt(np.sum(count * variance) / max(np.sum(count), 1.0))) if pooled else spread
    return mean + spread * chance, unit


def calibrated(index: SearchIndex, hits: DenseHits, vector: np.ndarray, passages: Sample, sentences: Sample,
               by_kind: bool = False, pooled: bool = False) -> DenseHits:
    """``hits`` calibrated (see the module docstring): each passage's similarity, and its best sentence's, read
    against its own document's passages and sentences respectively."""
    group = groups(index, by_kind)
    documents = {pid: int(group[pid]) for pid in {*hits.passages, *hits.best_sentence}}
    return replace(hits, passages=_against(hits.passages, documents, _standardiser(passages, vector, pooled)),
                   best_sentence=_against(hits.best_sentence, documents, _standardiser(sentences, vector, pooled)))


def _against(scores: dict[int, float], documents: dict[int, int], standard: tuple[np.ndarray, np.ndarray]) -> dict[int, float]:
    """Each passage's score as units above what chance reaches in its document."""
    chance, unit = standard
    return {pid: float((score - chance[d]) / unit[d]) for pid, score in scores.items() for d in (documents[pid],)}


def for_ranking(found: Candidates, dense: Mapping[Encoder, DenseHits]) -> Candidates:
    """``found`` with its dense and sentence channels taken from the hits as ranking reads them (calibrated,
    reshaped: ``DenseHits.ranking``); the raw ones stay for the answerability model, whose inputs are absolute."""
    channels = dict(found.channels)
    for encoder, hits in dense.items():
        if hits.ranking is not None:
            channels[Channel.of(ChannelKind.DENSE, encoder)] = fill(found.ids, hits.ranking.passages)
            channels[Channel.of(ChannelKind.SENTENCE, encoder)] = fill(found.ids, hits.ranking.best_sentence)
    return replace(found, channels=channels)
