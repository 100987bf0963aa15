"""Scale: dense and BM25 search over 10^4, 10^5 and 10^6 synthetic passages, beside exact search and the peers.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000] [--hnsw-max 100000]

Data (semi-synthetic, said plainly):
  dense  vectors built from REAL m3e-small embeddings of 4,000 sentences of ../shared/library: each
         synthetic row is normalise(a·e_i + (1−a)·e_j + 0.35·g), a ~ U(0,1), g ~ N(0, I/d), so rows form
         a continuum between real embeddings rather than random points (random 512-d points are the
         worst case for any ANN index and unlike real text). Queries are the REAL m3e-small embeddings
         of the 80 development questions. Ground truth is exact inner-product search (numpy).
  BM25   synthetic passages of 2–4 random library sentences, as jieba tokens (assistant.tokens.tokens
         of each sentence, tokenised once, then concatenated); queries are the dev questions' tokens.
Figures per size: build time, search p50/p90, recall@10 vs exact, bytes per passage (index file),
for our index type by size (``ann.choose_kind``), a forced flat, HNSW (up to --hnsw-max) and an IVF
nprobe sweep; BM25 through ``Lexicon.scores`` plus the top-60 step of ``retrieve.py`` (full argsort, and
argpartition as a proposed change); the peer (rank_bm25 BM25Okapi and FAISS IndexFlatIP) beside them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import OUT, ROOT, Figure, bare_encode, bare_model, library_files, p50, p90, questions, report, rss_mb  # noqa: E402

K = 10
NOISE = 0.35
BASE_SENTENCES = 4000
BM25_TOP = 60  # retrieve.CANDIDATES_PER_CHANNEL


def library_sentences(limit: int, seed: int = 0) -> list[str]:
    found: list[str] = []
    for path in library_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            found.extend(s for s in re.split(r"(?<=[。！？；])", line.strip()) if len(s) >= 8)
    random.Random(seed).shuffle(found)
    return found[:limit]


def synthetic_vectors(base: np.ndarray, rows: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((rows, base.shape[1]), dtype=np.float32)
    for start in range(0, rows, 100_000):
        n = min(100_000, rows - start)
        a = rng.random((n, 1), dtype=np.float32)
        mix = a * base[rng.integers(0, len(base), n)] + (1 - a) * base[rng.integers(0, len(base), n)]
        mix += NOISE * rng.standard_normal(mix.shape, dtype=np.float32) / np.sqrt(base.shape[1])
        out[start : start + n] = mix / np.linalg.norm(mix, axis=1, keepdims=True)
    return out


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    scores = queries @ vectors.T
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    return np.take_along_axis(top, np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1), axis=1)


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


def file_bytes(index) -> int:  # type: ignore[no-untyped-def]
    import faiss

    with tempfile.NamedTemporaryFile(suffix=".faiss") as handle:
        faiss.write_index(index, handle.name)
        return Path(handle.name).stat().st_size


def time_search(index, queries: np.ndarray, k: int = K, raw: bool = False) -> tuple[list[float], np.ndarray]:  # type: ignore[no-untyped-def]
    """One question at a time, as the assistant asks: through ``ann.search``, or FAISS as shipped (raw)."""
    from assistant.index import dense as ann

    samples, ids = [], []
    for q in queries:
        start = time.perf_counter()
        _, rows = index.search(q[None, :], k) if raw else ann.search(index, q[None, :], k)
        samples.append((time.perf_counter() - start) * 1000)
        ids.append(rows[0])
    return samples, np.asarray(ids)


def dense_figures(n: int, base: np.ndarray, queries: np.ndarray, hnsw_max: int, curve: list[dict]) -> list[Figure]:
    import faiss

    from assistant.index import dense as ann

    vectors = synthetic_vectors(base, n)
    truth = exact_top(vectors, queries, K)
    figures: list[Figure] = []

    # The peer: FAISS IndexFlatIP (what peers.py builds), also our flat below FLAT_LIMIT.
    start = time.perf_counter()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    flat_build = time.perf_counter() - start
    time_search(flat, queries[:5], raw=True)
    flat_ms, _ = time_search(flat, queries, raw=True)  # the peer calls FAISS with its default threads
    peer = p50(flat_ms)
    kinds = {ann.choose_kind(n), ann.IndexKind.IVF} | ({ann.IndexKind.HNSW} if n <= hnsw_max else set())
    for kind in sorted(kinds, key=lambda k: k.value):
        before = rss_mb()
        start = time.perf_counter()
        index = flat if kind is ann.IndexKind.FLAT else ann.make_index(vectors, kind=kind)
        build_s = flat_build if kind is ann.IndexKind.FLAT else time.perf_counter() - start
        grown = rss_mb() - before
        time_search(index, queries[:5])
        samples, found = time_search(index, queries)
        r = recall(found, truth)
        bytes_per = file_bytes(index) / n
        chosen = " (chosen by size)" if kind is ann.choose_kind(n) else ""
        label = f"n={n:.0e} dense {kind.value}{chosen}"
        figures.append(Figure(f"{label}: search p50", p50(samples), "ms", peer, "peer flat FAISS p50",
                              "<= 20" if chosen and n >= 10**6 else "", on="value", peer=peer,
                              note=f"p90 {p90(samples):.1f} ms; build {build_s:.1f} s; {bytes_per:.0f} B/passage on disk; RSS +{grown:.0f} MB"))
        figures.append(Figure(f"{label}: recall@10 vs exact", r, "", 1.0, "exact", ">= 0.95" if chosen else "", on="value"))
        curve.append({"n": n, "kind": kind.value, "p50_ms": p50(samples), "recall": r, "build_s": build_s,
                      "bytes_per_passage": bytes_per, "chosen": bool(chosen), "nprobe": getattr(index, "nprobe", None)})
        if kind is ann.IndexKind.IVF:
            for probe in sorted({max(1, round(share * index.nlist)) for share in (0.02, 0.05, 0.1, 0.3)} | {80, 120, 200}):
                index.nprobe = probe
                samples, found = time_search(index, queries)
                curve.append({"n": n, "kind": "ivf-sweep", "nprobe": probe, "p50_ms": p50(samples), "recall": recall(found, truth)})
            index.nprobe = ann.ivf_probe(index.nlist)
        if kind is ann.IndexKind.HNSW:
            for ef in (32, 64, 128, 256):
                index.hnsw.efSearch = ef
                samples, found = time_search(index, queries)
                curve.append({"n": n, "kind": "hnsw-sweep", "ef": ef, "p50_ms": p50(samples), "recall": recall(found, truth)})
            index.hnsw.efSearch = ann.HNSW_EF_SEARCH
        if index is not flat:
            del index
    curve.append({"n": n, "kind": "peer-flat", "p50_ms": peer, "recall": 1.0, "build_s": flat_build, "bytes_per_passage": file_bytes(flat) / n})
    del flat, vectors
    return figures


def bm25_figures(n: int, sentence_tokens: list[list[str]], query_tokens: list[list[str]], peer_max: int, curve: list[dict]) -> list[Figure]:
    import bm25s

    from assistant.index.sparse import Lexicon

    rng = random.Random(n)
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in words] for words in sentence_tokens]
    docs: list[list[int]] = []
    for _ in range(n):
        doc: list[int] = []
        for _ in range(rng.randint(2, 4)):
            doc.extend(ids[rng.randrange(len(ids))])
        docs.append(doc or [0])
    start = time.perf_counter()
    before = rss_mb()
    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenization.Tokenized(ids=docs, vocab=vocab), show_progress=False)
    frequency: dict[str, int] = {}
    names = {i: t for t, i in vocab.items()}
    counts = np.bincount(np.concatenate([np.unique(np.asarray(d)) for d in docs]), minlength=len(vocab))
    frequency = {names[i]: int(c) for i, c in enumerate(counts) if c}
    lexicon = Lexicon(bm25, frequency, n)
    build_s = time.perf_counter() - start
    grown = rss_mb() - before
    with tempfile.TemporaryDirectory() as folder:
        lexicon.save(Path(folder))
        bytes_per = sum(p.stat().st_size for p in Path(folder).iterdir()) / n
    for q in query_tokens[:5]:
        lexicon.scores(q)
    scores_ms, sort_ms, part_ms = [], [], []
    for q in query_tokens:
        start = time.perf_counter()
        scores = lexicon.scores(q)
        mid = time.perf_counter()
        np.argsort(-scores)[:BM25_TOP]
        end = time.perf_counter()
        top = np.argpartition(-scores, BM25_TOP)[:BM25_TOP]
        top[np.argsort(-scores[top])]
        scores_ms.append((mid - start) * 1000)
        sort_ms.append((end - start) * 1000)
        part_ms.append((time.perf_counter() - end + mid - start) * 1000)
    peer = None
    peer_note = "peer not run at this size"
    if n <= peer_max:
        from rank_bm25 import BM25Okapi

        texts = [[names[i] for i in d] for d in docs]
        start = time.perf_counter()
        okapi = BM25Okapi(texts)
        peer_build = time.perf_counter() - start
        del texts
        peer_qs = query_tokens if n < 10**6 else query_tokens[:5]
        peer_ms = []
        for q in peer_qs:
            start = time.perf_counter()
            np.argsort(-okapi.get_scores(list(q)))[:BM25_TOP]
            peer_ms.append((time.perf_counter() - start) * 1000)
        peer = p50(peer_ms)
        peer_note = f"peer rank_bm25 build {peer_build:.0f} s, {len(peer_qs)} queries"
        del okapi
    label = f"n={n:.0e} BM25"
    curve.append({"n": n, "kind": "bm25", "p50_ms": p50(part_ms), "scores_ms": p50(scores_ms), "argsort_ms": p50(sort_ms),
                  "build_s": build_s, "bytes_per_passage": bytes_per, "peer_ms": peer})
    return [
        Figure(f"{label}: Lexicon.scores + top-60 by argpartition (what retrieve.py does)", p50(part_ms), "ms", peer, "peer rank_bm25",
               "<= 50" if n >= 10**6 else "", on="value", peer=peer,
               note=f"build {build_s:.1f} s; {bytes_per:.0f} B/passage on disk; RSS +{grown:.0f} MB; {peer_note}"),
        Figure(f"{label}: Lexicon.scores + top-60 by full argsort (retrieve.py before)", p50(sort_ms), "ms", peer,
               "peer rank_bm25", "<= 50" if n >= 10**6 else "", on="value", peer=peer),
        Figure(f"{label}: Lexicon.scores alone", p50(scores_ms), "ms", peer, "peer rank_bm25", peer=peer),
    ]


def plot(points: list[dict], path: Path) -> None:
    """Two panels: search p50 against corpus size per index kind (log–log), and recall@10 against p50 for
    the IVF nprobe and HNSW efSearch sweeps at each size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    for kind, style in (("flat", "o-"), ("ivf", "s-"), ("hnsw", "^-"), ("peer-flat", "x--"), ("bm25", "d-")):
        rows = sorted((p["n"], p["p50_ms"]) for p in points if p["kind"] == kind)
        if rows:
            left.plot(*zip(*rows), style, label={"peer-flat": "peer: FAISS flat (default threads)", "bm25": "BM25 (ours, argpartition)"}.get(kind, kind))
    peer_bm25 = sorted((p["n"], p["peer_ms"]) for p in points if p["kind"] == "bm25" and p.get("peer_ms"))
    if peer_bm25:
        left.plot(*zip(*peer_bm25), "v--", label="peer: rank_bm25")
    left.axhline(20, color="grey", lw=0.8, ls=":")
    left.set(xscale="log", yscale="log", xlabel="passages", ylabel="search p50 (ms, one query)", title="Search cost by corpus size")
    left.legend(fontsize=8)
    for kind, key in (("ivf-sweep", "nprobe"), ("hnsw-sweep", "ef")):
        for n in sorted({p["n"] for p in points if p["kind"] == kind}):
            rows = sorted((p["p50_ms"], p["recall"]) for p in points if p["kind"] == kind and p["n"] == n)
            right.plot(*zip(*rows), "o-" if kind == "ivf-sweep" else "^--", label=f"{kind.split('-')[0]} n={n:.0e} ({key} sweep)")
    right.axhline(0.95, color="grey", lw=0.8, ls=":")
    right.axvline(20, color="grey", lw=0.8, ls=":")
    right.set(xscale="log", xlabel="search p50 (ms)", ylabel="recall@10 vs exact", title="Recall against latency")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--hnsw-max", type=int, default=100_000, help="build HNSW only up to this size (slow on 2 cores)")
    parser.add_argument("--peer-max", type=int, default=1_000_000, help="run rank_bm25 only up to this size")
    parser.add_argument("--skip-bm25", action="store_true")
    parser.add_argument("--skip-dense", action="store_true")
    parser.add_argument("--no-plot", action="store_true", help="do not write docs/scale.png")
    parser.add_argument("--plot-last", action="store_true", help="only redraw docs/scale.png from the last run's curve")
    args = parser.parse_args()
    if args.plot_last:
        last = (OUT / "scale_curve.jsonl").read_text(encoding="utf-8").splitlines()[-1]
        return plot(json.loads(last)["points"], ROOT / "docs" / "scale.png")
    sizes = [int(s) for s in args.sizes.split(",")]

    from assistant.index import dense as ann
    from assistant.tokens import tokens

    sentences = library_sentences(max(BASE_SENTENCES, 20_000))
    qs = questions()
    figures: list[Figure] = []
    curve: list[dict] = []
    if not args.skip_dense:
        model = bare_model()
        base = np.asarray(bare_encode(model, sentences[:BASE_SENTENCES], batch_size=64), dtype=np.float32)
        queries = np.asarray(bare_encode(model, qs), dtype=np.float32)
        del model
        for n in sizes:
            figures += dense_figures(n, base, queries, args.hnsw_max, curve)
            print(f"dense n={n} done", file=sys.stderr, flush=True)
    if not args.skip_bm25:
        sentence_tokens = [tokens(s) for s in sentences]
        query_tokens = [[t for t in tokens(q)] for q in qs]
        for n in sizes:
            figures += bm25_figures(n, sentence_tokens, query_tokens, args.peer_max, curve)
            print(f"bm25 n={n} done", file=sys.stderr, flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "scale_curve.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"time": time.time(), "points": curve}) + "\n")
    if not args.no_plot:
        plot(curve, ROOT / "docs" / "scale.png")
    report("scale", figures, {"flat_limit": ann.FLAT_LIMIT, "ivf_probe": ann.IVF_PROBE, "ivf_lists_per_root": ann.IVF_LISTS_PER_ROOT,
                              "base_sentences": BASE_SENTENCES, "noise": NOISE, "queries": len(qs)})


if __name__ == "__main__":
    main()
