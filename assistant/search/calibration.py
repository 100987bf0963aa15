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


@dataclass(frozen=True)
class Sample:
    """A fixed sample of one level (passages or sentences) of one encoder: rows' vectors and documents."""

    vectors: np.ndarray  # (rows, dim)
    document: np.ndarray  # (rows,) document number of each sampled row
    sizes: np.ndarray  # (documents,) rows of each document in the whole level


def sample(index: SearchIndex, model_id: str, sentences: bool) -> Sample:
    """Up to :data:`SAMPLE_ROWS` rows of each document, drawn once with a fixed seed."""
    names = list(index.documents)
    owners = index.sentence_owner if sentences else np.arange(len(index.passages))
    row_document = np.asarray([names.index(index.passages[int(p)].doc) for p in owners]) if len(owners) else np.zeros(0, int)
    channel = index.dense[model_id]
    stored = channel.sentences if sentences else channel.passages
    rng = np.random.default_rng(_SEED)
    chosen: list[int] = []
    for number in range(len(names)):
        rows = np.flatnonzero(row_document == number)
        chosen.extend(rows if len(rows) <= SAMPLE_ROWS else rng.choice(rows, SAMPLE_ROWS, replace=False))
    picked = np.asarray(sorted(chosen), dtype=np.int64)
    vectors = np.stack([stored.reconstruct(int(r)) for r in picked]) if len(picked) else np.zeros((0, stored.d), np.float32)  # type: ignore[attr-defined]
    return Sample(vectors, row_document[picked], np.bincount(row_document, minlength=len(names)))


class Samples:
    """The samples of one index, drawn on first use per encoder and level."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._drawn: dict[tuple[str, bool], Sample] = {}

    def get(self, model_id: str, sentences: bool) -> Sample:
        sentences = sentences and self._index.has_sentences(model_id)  # else passages stand in (``dense_hits``)
        key = (model_id, sentences)
        if key not in self._drawn:
            self._drawn[key] = sample(self._index, model_id, sentences)
        return self._drawn[key]


def _standardiser(found: Sample, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document: mean and spread of the sample's similarities to ``vector``, and the chance maximum."""
    similarity = found.vectors @ vector
    count = np.bincount(found.document, minlength=len(found.sizes)).astype(np.float64)
    mean = np.bincount(found.document, similarity, minlength=len(found.sizes)) / np.maximum(count, 1)
    square = np.bincount(found.document, similarity**2, minlength=len(found.sizes)) / np.maximum(count, 1)
    spread = np.sqrt(np.maximum(square - mean**2, 1e-6))
    chance = np.sqrt(2 * np.log(np.maximum(found.sizes, 2)))
    return mean, spread, chance


def calibrated(index: SearchIndex, hits: DenseHits, vector: np.ndarray, passages: Sample, sentences: Sample) -> DenseHits:
    """``hits`` with a calibrated copy (see the module docstring): each passage's similarity, and its best
    sentence's, read against its own document's passages and sentences respectively."""
    number = {name: i for i, name in enumerate(index.documents)}
    documents = {pid: number[index.passages[pid].doc] for pid in {*hits.passages, *hits.best_sentence}}
    return replace(hits, calibrated=replace(hits, passages=_against(hits.passages, documents, _standardiser(passages, vector)),
                                             best_sentence=_against(hits.best_sentence, documents, _standardiser(sentences, vector))))


def _against(scores: dict[int, float], documents: dict[int, int], standard: tuple[np.ndarray, np.ndarray, np.ndarray]) -> dict[int, float]:
    """Each passage's score as standard deviations above its document's mean, less the chance maximum."""
    mean, spread, chance = standard
    return {pid: float((score - mean[d]) / spread[d] - chance[d]) for pid, score in scores.items() for d in (documents[pid],)}


def for_ranking(found: Candidates, dense: Mapping[Encoder, DenseHits]) -> Candidates:
    """``found`` with its dense and sentence channels taken from the calibrated hits (raw ones stay for the
    refusal, whose floors are raw similarities)."""
    channels = dict(found.channels)
    for encoder, hits in dense.items():
        if hits.calibrated is not None:
            channels[Channel.of(ChannelKind.DENSE, encoder)] = fill(found.ids, hits.calibrated.passages)
            channels[Channel.of(ChannelKind.SENTENCE, encoder)] = fill(found.ids, hits.calibrated.best_sentence)
    return replace(found, channels=channels)
