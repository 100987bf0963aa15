"""The per-document reading of dense similarities (``search/calibration.py``), on hand-made samples: the
arithmetic is what is checked here; the behaviour over real documents is in test_many_documents.py."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.search.calibration import Sample, _against, _standardiser


def _sample() -> tuple[Sample, np.ndarray]:
    """Two documents of eight rows along one axis: the first spread widely, the second tightly bunched."""
    wide, tight = np.linspace(-0.4, 0.4, 8), np.linspace(0.1, 0.2, 8)
    vectors = np.stack([np.stack([x, np.sqrt(1 - x * x)]) for x in np.concatenate([wide, tight])]).astype(np.float32)
    return Sample(vectors, np.repeat([0, 1], 8), np.asarray([8, 8])), np.asarray([1.0, 0.0], dtype=np.float32)


def test_a_passage_at_its_documents_chance_maximum_scores_zero():
    sample, question = _sample()
    chance, unit = _standardiser(sample, question)
    assert _against({7: float(chance[1])}, {7: 1}, (chance, unit))[7] == pytest.approx(0.0, abs=1e-6)
    assert unit[1] < unit[0] / 5  # each document's own spread


def test_by_default_a_similarity_reads_as_standard_deviations_above_its_documents_mean_less_chance():
    """The documented reading, computed here from the sample directly: (s − mean) / spread − √(2 ln n)."""
    sample, question = _sample()
    similarity = sample.vectors @ question
    tight = similarity[sample.document == 1]
    expected = (0.3 - tight.mean()) / tight.std() - np.sqrt(2 * np.log(8))
    assert _against({5: 0.3}, {5: 1}, _standardiser(sample, question))[5] == pytest.approx(expected, rel=1e-4)


def test_pooled_reads_every_document_in_one_unit():
    """A tightly bunched document's small differences are not magnified: the same excess over chance counts
    the same in either document."""
    sample, question = _sample()
    chance, unit = _standardiser(sample, question, pooled=True)
    assert unit[0] == pytest.approx(unit[1])
    own = _standardiser(sample, question)
    excess = 0.05
    scores = _against({1: float(chance[0]) + excess, 2: float(chance[1]) + excess}, {1: 0, 2: 1}, (chance, unit))
    assert scores[1] == pytest.approx(scores[2])
    magnified = _against({2: float(own[0][1]) + excess}, {2: 1}, own)
    assert magnified[2] > 3 * scores[2]
