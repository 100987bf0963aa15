"""Nearest-neighbour search over normalised vectors; the FAISS index type is chosen by collection size.

Exact (flat inner product) below :data:`FLAT_LIMIT` rows, where it is both fastest and exact; HNSW above,
where a flat scan would cost more than the query encode. Only this module and ``index.py`` know FAISS.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

FLAT_LIMIT = 200_000
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96


def make_index(vectors: np.ndarray, flat_limit: int = FLAT_LIMIT) -> faiss.Index:
    """A FAISS index holding ``vectors`` (rows already L2-normalised), searched by inner product."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if len(vectors) < flat_limit:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.add(vectors)
    _tune(index)
    return index


def _tune(index: faiss.Index) -> None:
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH


def search(index: faiss.Index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, row ids) of the ``k`` nearest rows for each query; ids are -1 where fewer exist."""
    k = max(1, min(k, index.ntotal))
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)


def all_vectors(index: faiss.Index) -> np.ndarray:
    """Every stored row, to reuse embeddings of unchanged passages at the next build."""
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    index = faiss.read_index(str(path))
    _tune(index)
    return index
