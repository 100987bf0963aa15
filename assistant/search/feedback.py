"""How ranking reads one encoder's dense hits, beyond the raw similarities: pseudo-relevance feedback and a
passage's heading as its context.

- **Feedback** (dense Rocchio): a paraphrase shares few words with its passage, but the passages it finds
  first usually lie in the right region of the vector space. The question's vector mixed with the mean of
  its ``depth`` best passages (among the searched documents) is searched again.
- **Context**: a passage is read under its heading ("（三）优化营商环境" above a paragraph that never says
  营商环境). Its similarity gets ``context`` × its nearest heading's similarity to the question, so a
  paragraph inherits what its heading is about.

Both change only what ranking reads: the raw similarities stay for the answerability model (``judge.py``),
whose inputs are absolute. Nothing here is fitted to a question; the weights are :class:`~assistant.policy.Reshape`.
"""

from __future__ import annotations

from dataclasses import replace
import numpy as np

from ..encoders.base import normalised
from ..index.search_index import SearchIndex
from ..policy import Reshape
from .candidates import DenseHits, dense_hits


def reshaped(index: SearchIndex, model_id: str, hits: DenseHits, vector: np.ndarray, shape: Reshape,
             allowed: np.ndarray | None) -> tuple[DenseHits, np.ndarray]:
    """The hits ranking reads and the vector they were searched with (``hits``, ``vector`` when ``shape`` is off)."""
    if shape.feedback > 0 and hits.passages:
        vector = rocchio(index, model_id, hits, vector, shape)
        hits = replace(dense_hits(index, model_id, vector, allowed), vector=hits.vector)
    if shape.context > 0 and hits.passages:
        hits = with_context(index, model_id, hits, vector, shape.context)
    return hits, vector


def rocchio(index: SearchIndex, model_id: str, hits: DenseHits, vector: np.ndarray, shape: Reshape) -> np.ndarray:
    """The question's vector moved towards the mean of its best ``shape.depth`` passages."""
    best = sorted(hits.passages, key=hits.passages.__getitem__, reverse=True)[: shape.depth]
    centre = passage_vectors(index, model_id, best).mean(axis=0)
    return normalised((vector + shape.feedback * centre)[None, :])[0]


def with_context(index: SearchIndex, model_id: str, hits: DenseHits, vector: np.ndarray, weight: float) -> DenseHits:
    """Passage and best-sentence scores raised by ``weight`` × the similarity of each passage's heading."""
    owners = {p: heading_of(index, p) for p in {*hits.passages, *hits.best_sentence}}
    heads = sorted({h for h in owners.values() if h >= 0})
    similarity = dict(zip(heads, passage_vectors(index, model_id, heads) @ vector)) if heads else {}

    def lifted(scores: dict[int, float]) -> dict[int, float]:
        return {p: s + weight * float(similarity.get(owners[p], 0.0)) for p, s in scores.items()}

    return replace(hits, passages=lifted(hits.passages), best_sentence=lifted(hits.best_sentence))


def passage_vectors(index: SearchIndex, model_id: str, ids: list[int]) -> np.ndarray:
    stored = index.dense[model_id].passages
    return np.stack([stored.reconstruct(int(i)) for i in ids]).astype(np.float32)  # type: ignore[attr-defined]


def heading_of(index: SearchIndex, passage_id: int) -> int:
    """The id of the nearest heading before ``passage_id`` in its document (-1: none; a heading is read under
    the heading above it)."""
    document = index.passages[passage_id].doc
    for earlier in range(passage_id - 1, -1, -1):
        passage = index.passages[earlier]
        if passage.doc != document:
            return -1
        if passage.kind == "heading":
            return earlier
    return -1
