"""Ranking-only readings of dense hits (``search/feedback.py``): heading context and dense Rocchio feedback,
off by default (they lost in the ablation of docs/retrieval.md) but kept measurable."""

from __future__ import annotations

import numpy as np

from assistant.policy import Reshape
from assistant.search.candidates import dense_hits
from assistant.search.feedback import heading_of, reshaped, rocchio, with_context


def test_a_paragraph_is_read_under_the_nearest_heading_above_it(assistant):
    index = assistant.index
    heading = next(p for p in index.passages if p.kind == "heading")
    below = next(p for p in index.passages[heading.id + 1:] if p.kind != "heading")
    assert heading_of(index, below.id) == heading.id
    assert heading_of(index, 0) == -1  # the title has nothing above it


def test_context_lifts_each_passage_by_its_headings_similarity(assistant):
    index, encoder = assistant.index, assistant.encoders[0]
    vector = encoder.encode_query("招商引资怎么做")
    hits = dense_hits(index, encoder.model_id, vector)
    lifted = with_context(index, encoder.model_id, hits, vector, 0.5)
    stored = index.dense[encoder.model_id].passages
    for pid, score in hits.passages.items():
        head = heading_of(index, pid)
        expected = score + (0.5 * float(stored.reconstruct(head) @ vector) if head >= 0 else 0.0)
        assert abs(lifted.passages[pid] - expected) < 1e-5


def test_feedback_moves_the_question_towards_its_best_passages(assistant):
    index, encoder = assistant.index, assistant.encoders[0]
    vector = encoder.encode_query("营商环境")
    hits = dense_hits(index, encoder.model_id, vector)
    moved = rocchio(index, encoder.model_id, hits, vector, Reshape(feedback=1.0, depth=3))
    best = max(hits.passages, key=hits.passages.__getitem__)
    top = index.dense[encoder.model_id].passages.reconstruct(best)
    assert abs(float(np.linalg.norm(moved)) - 1.0) < 1e-5
    assert float(moved @ top) > float(vector @ top)


def test_switched_off_the_hits_are_the_raw_ones(assistant):
    index, encoder = assistant.index, assistant.encoders[0]
    vector = encoder.encode_query("营商环境")
    hits = dense_hits(index, encoder.model_id, vector)
    assert reshaped(index, encoder.model_id, hits, vector, Reshape(), None) == (hits, vector)
