"""The peers' RRF ensemble of ``shared/eval/peers.py``, rebuilt over any texts so a bench can time it beside ours."""

from __future__ import annotations

import importlib.util
import time
from typing import Sequence

from bench.common import SHARED, bare_encode


def _peers_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("peers", SHARED / "eval" / "peers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class PeerEnsemble:
    """``shared/eval/peers.py``'s ensemble rebuilt over any list of texts: 250-char chunks of each text,
    rank_bm25 (jieba search mode) + FAISS IndexFlatIP of the same model, RRF k=60, weights 0.5/0.5."""

    def __init__(self, model, texts: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
        import faiss
        from rank_bm25 import BM25Okapi

        self.peers = _peers_module()
        self.model = model
        self.chunks = [c for text in texts for c in self.peers.chunks(text)]
        start = time.perf_counter()
        vectors = bare_encode(model, self.chunks).astype("float32")
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)
        self.bm25 = BM25Okapi([self.peers.jieba.lcut_for_search(c) for c in self.chunks])
        self.build_s = time.perf_counter() - start

    def search(self, question: str, k: int = 5) -> list[int]:
        import numpy as np

        vector = self.model.encode([question], normalize_embeddings=True).astype("float32")
        dense = list(self.index.search(vector, len(self.chunks))[1][0])
        lexical = list(np.argsort(-self.bm25.get_scores(self.peers.jieba.lcut_for_search(question))))
        score: dict[int, float] = {}
        for ranks in (dense, lexical):
            for rank, i in enumerate(ranks):
                score[i] = score.get(i, 0.0) + 0.5 / (60 + rank + 1)
        return sorted(score, key=lambda i: -score[i])[:k]
