"""ann.py: the index type follows the size, approximate kinds agree with exact search, and every kind
round-trips through save/load with its vectors (the next build reuses them). No timing here: see bench/scale.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index import dense as ann

ROWS, DIM = 6_000, 48


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    """Clustered unit vectors (like embeddings, unlike uniform noise) and queries near them."""
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((60, DIM)).astype(np.float32)
    rows = centres[rng.integers(0, len(centres), ROWS)] + 0.6 * rng.standard_normal((ROWS, DIM)).astype(np.float32)
    queries = rows[rng.integers(0, ROWS, 50)] + 0.3 * rng.standard_normal((50, DIM)).astype(np.float32)
    norm = lambda x: (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)  # noqa: E731
    return norm(rows), norm(queries)


def recall_at_10(index, exact, queries: np.ndarray) -> float:  # type: ignore[no-untyped-def]
    _, found = ann.search(index, queries, 10)
    _, truth = ann.search(exact, queries, 10)
    return float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))


def test_kind_is_chosen_by_size() -> None:
    assert ann.choose_kind(10, flat_limit=100) is ann.IndexKind.FLAT
    assert ann.choose_kind(100, flat_limit=100) is ann.IndexKind.IVF
    assert ann.choose_kind(ann.FLAT_LIMIT - 1) is ann.IndexKind.FLAT


def test_unknown_kind_fails_listing_the_valid_ones(data: tuple[np.ndarray, np.ndarray]) -> None:
    with pytest.raises(ValueError, match="ivfpq"):
        ann.make_index(data[0][:10], kind="ivfpq")


def test_low_flat_limit_builds_ivf_that_agrees_with_exact(data: tuple[np.ndarray, np.ndarray]) -> None:
    rows, queries = data
    index = ann.make_index(rows, flat_limit=1_000)
    assert isinstance(index, ann.faiss.IndexIVF)
    assert recall_at_10(index, ann.make_index(rows), queries) >= 0.95


def test_hnsw_agrees_with_exact(data: tuple[np.ndarray, np.ndarray]) -> None:
    rows, queries = data
    index = ann.make_index(rows, kind=ann.IndexKind.HNSW)
    assert recall_at_10(index, ann.make_index(rows), queries) >= 0.95


@pytest.mark.parametrize("kind", list(ann.IndexKind))
def test_save_load_keeps_vectors_and_search_settings(kind: ann.IndexKind, data: tuple[np.ndarray, np.ndarray], tmp_path: Path) -> None:
    rows, queries = data
    index = ann.make_index(rows, kind=kind)
    ann.save(index, tmp_path / "index.faiss")
    loaded = ann.load(tmp_path / "index.faiss")
    assert loaded.ntotal == ROWS
    np.testing.assert_allclose(ann.all_vectors(loaded), rows, atol=1e-6)
    np.testing.assert_array_equal(ann.search(loaded, queries, 5)[1], ann.search(index, queries, 5)[1])


def test_k_beyond_the_collection_is_capped(data: tuple[np.ndarray, np.ndarray]) -> None:
    index = ann.make_index(data[0][:3])
    scores, ids = ann.search(index, data[1][:1], 10)
    assert ids.shape == (1, 3) and sorted(ids[0]) == [0, 1, 2]
