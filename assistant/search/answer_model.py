"""The learned answerability model: P(answerable) from the signals of ``answerability.py``, its threshold, the
calibrations that turn it into the relevance people see, and a veto on a missing policy term. Every number is
package data (``data/answerability.json``), written by ``bench/learn/folds.py --save`` and checked on loading.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

import numpy as np

from .answerability import logit

MODEL_FILE = "answerability.json"


@dataclass(frozen=True)
class Calibration:
    """A monotone map from the model's raw probability to an observed rate (isotonic, out of fold)."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y)) if self.x else raw


@dataclass(frozen=True)
class Logistic:
    """One logistic regression over standardised, named features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def __call__(self, values: Mapping[str, float]) -> float:
        """A feature missing from ``values`` (an encoder whose vectors a searchable generation does not hold yet)
        counts as its training mean: no evidence either way, where 0 would be tens of deviations off."""
        z = [(values.get(n, m) - m) / s for n, m, s in zip(self.names, self.mean, self.scale)]
        logit = self.intercept + float(np.dot(self.coef, z))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(self.names), "mean": list(self.mean), "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Logistic:
        """Checked: every list as long as the feature list, finite numbers, positive scales."""
        names = tuple(str(n) for n in data["features"])  # type: ignore[union-attr]
        arrays = [tuple(float(v) for v in data[key]) for key in ("mean", "scale", "coef")]  # type: ignore[union-attr]
        if any(len(a) != len(names) for a in arrays) or not all(math.isfinite(v) for a in arrays for v in a):
            raise ValueError("answerability model: feature arrays do not match the feature list")
        if any(s <= 0 for s in arrays[1]):
            raise ValueError("answerability model: a feature scale is not positive")
        return cls(names, *arrays, float(data["intercept"]))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Model:
    """P(answerable) = P(the question is in the corpus's domain) × P(the corpus covers it | in domain): two
    logistic regressions, because off-topic and near-topic questions fail for different reasons (one
    linear model over both lets the many near-topic questions, which look in-domain, drown the domain
    signal). The product refuses below ``threshold`` (``english_threshold`` for English questions), and
    ``term_veto`` refuses besides; two calibrations map it
    to P(answerable) and to P(the first passage is right), which people see as the relevance."""

    domain: Logistic
    coverage: Logistic
    threshold: float
    answerable: Calibration
    right: Calibration
    #: P(the first passage is right) before calibration, over the answerability logit and ranking confidence
    #: (how far the first passage leads the second); absent: the calibration reads the raw probability.
    confidence: Logistic | None = None
    #: The lowest relevance labelled "高度相关": where out of fold the first passage was right ≥ 8 times in 10
    #: (above 1: nowhere yet, so the label is not shown).
    highly_relevant: float = 0.8
    #: Refuse, whatever the probability, when a word of the question that policy prose favours this much
    #: (``term_missing``: keyness / 20) is written nowhere in the searched documents — "2019年的报告对新冠…".
    #: A veto, not a feature: an everyday question misses no policy term, and as a feature its 0 there read as
    #: "covered" (docs/retrieval.md). ∞: off.
    term_veto: float = math.inf
    #: The threshold for an English question (absent: ``threshold``). It has no lexical signals, only the
    #: glossary's coverage, so its probabilities lie elsewhere; each language's threshold is set by the same rule.
    english_threshold: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        vetoing = ("term_missing",) if math.isfinite(self.term_veto) else ()
        return tuple(dict.fromkeys(self.domain.names + self.coverage.names + vetoing))

    def threshold_for(self, english: bool) -> float:
        return self.english_threshold if english and self.english_threshold is not None else self.threshold

    def vetoes(self, values: Mapping[str, float]) -> bool:
        """A policy term the question needs is missing from the searched documents."""
        return values.get("term_missing", 0.0) >= self.term_veto

    def raw(self, values: Mapping[str, float]) -> float:
        return self.domain(values) * self.coverage(values)

    def shown(self, values: Mapping[str, float], raw: float) -> float:
        """The relevance people see for the first passage: calibrated P(it is right)."""
        if self.confidence is None:
            return self.right(raw)
        return self.right(self.confidence({**values, "answerability": logit(raw)}))

    def to_json(self) -> dict[str, object]:
        return {
            "domain": self.domain.to_json(), "coverage": self.coverage.to_json(), "threshold": self.threshold,
            "answerable": {"x": list(self.answerable.x), "y": list(self.answerable.y)},
            "right": {"x": list(self.right.x), "y": list(self.right.y)},
            **({"confidence": self.confidence.to_json()} if self.confidence else {}),
            "highly_relevant": self.highly_relevant,
            **({"term_veto": self.term_veto} if math.isfinite(self.term_veto) else {}),
            **({"english_threshold": self.english_threshold} if self.english_threshold is not None else {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Model:
        """Checked: both parts (see :meth:`Logistic.from_json`) and monotone 0–1 calibration tables."""
        tables = []
        for key in ("answerable", "right"):
            table = data[key]
            x, y = tuple(float(v) for v in table["x"]), tuple(float(v) for v in table["y"])  # type: ignore[index]
            if len(x) != len(y) or list(x) != sorted(x) or list(y) != sorted(y) or any(not 0 <= v <= 1 for v in y):
                raise ValueError(f"answerability model: calibration '{key}' is not a monotone 0–1 table")
            tables.append(Calibration(x, y))
        parts = [Logistic.from_json(data[key]) for key in ("domain", "coverage")]  # type: ignore[arg-type]
        confidence = Logistic.from_json(data["confidence"]) if "confidence" in data else None  # type: ignore[arg-type]
        highly = float(data.get("highly_relevant", 0.8))  # type: ignore[arg-type]
        veto = float(data.get("term_veto", math.inf))  # type: ignore[arg-type]
        if not veto > 0:
            raise ValueError("answerability model: term_veto must be positive")
        english = float(data["english_threshold"]) if "english_threshold" in data else None  # type: ignore[arg-type]
        if english is not None and not 0 <= english <= 1:
            raise ValueError("answerability model: english_threshold must lie in 0–1")
        return cls(*parts, float(data["threshold"]), *tables, confidence, highly, veto, english)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model in the package data, loaded and checked once per process."""
    text = resources.files("assistant").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))
