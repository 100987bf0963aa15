"""Does the corpus answer the question at all? A logistic model over absolute, question-level signals.

Scores standardised over the candidates cannot say "nothing here answers this": some candidate is always
the best. The signals here are absolute instead: the best raw similarity per encoder, the raw BM25 score,
how much of the question's wording (weighted by its rarity in the corpus and in general Chinese) the
corpus knows, whether a quoted phrase or an asked-for figure, date or name is there at all, and for
English the glossary's coverage. The weights, the calibration tables and the refusal threshold are
learned out of fold (``bench/learn/folds.py``) and shipped as package data (``assistant/data/``); the
code holds none of them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Collection, Mapping, Sequence

import numpy as np

from ..query.question import Question
from ..records import Passage
from ..tokens import general_idf, whole_words
from . import answer_type, distinctive, policy_terms
from .candidates import MAX_OVERLAP, Candidates
from .channels import BM25, OVERLAP, QUOTE, ChannelKind

#: How many of the best passages may hold the figure, date or name asked for.
ANSWER_TYPE_DEPTH = 3
#: General-Chinese IDF is scaled by this to lie in 0–1 (jieba's rarest words reach about 19).
IDF_SCALE = 20.0
MODEL_FILE = "answerability.json"
#: The domain probe (a logistic regression on the question's own vectors, policy text against everyday
#: questions), trained by ``bench/learn/probe_eval.py`` from ``data/`` and copied here by ``folds.py --save``.
PROBE_FILE = "domain_probe.npz"

Features = dict[str, float]
#: Lexical signals also read as their excess over the background's (``View.typical``).
LIFTED = ("known_share", "general_known", "bm25")


BACKGROUND_FILE = "background.txt"


@dataclass(frozen=True)
class Background:
    """Unrelated everyday text (``data/background.txt``) seen by one encoder: its sentence vectors, and how
    close such text comes to the corpus on average (a large corpus is close to anything by chance)."""

    vectors: np.ndarray
    baseline: float  # mean over the background sentences of their best similarity to a corpus sentence


@dataclass(frozen=True)
class View:
    """The part of the index a question is asked of: its candidates' documents and a vocabulary test."""

    allowed: Callable[[str], bool]  # document name → searched?
    known: Callable[[str], bool]  # token → does a searched document contain it?
    idf: Callable[[str], float]  # token → its IDF in the corpus
    background: Mapping[str, Background]  # encoder → the background as it sees it
    #: The lexical signals (:data:`LIFTED`) averaged over the background sentences asked of the same documents:
    #: a large vocabulary knows more of any question, so what counts is how far a question exceeds that.
    typical: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DomainProbe:
    """P(policy domain) from the question's vectors, one block per encoder side by side."""

    coef: np.ndarray
    intercept: float
    encoders: tuple[str, ...]

    def probability(self, vectors: Mapping[str, np.ndarray]) -> float | None:
        """``None`` when an encoder the probe reads did not encode the question."""
        if any(e not in vectors for e in self.encoders):
            return None
        row = np.concatenate([np.asarray(vectors[e], dtype=np.float32).reshape(-1) for e in self.encoders])
        if row.shape[0] != self.coef.shape[0]:
            raise ValueError(f"domain probe: expected {self.coef.shape[0]} dimensions, got {row.shape[0]}")
        return float(1.0 / (1.0 + np.exp(-(row @ self.coef + self.intercept))))


@lru_cache(maxsize=1)
def domain_probe() -> DomainProbe:
    """The shipped probe, checked: its blocks add up to its weights."""
    with resources.files("assistant").joinpath("data", PROBE_FILE).open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        coef, dims = data["coef"].astype(np.float32), [int(d) for d in data["dims"]]
        probe = DomainProbe(coef, float(data["intercept"]), tuple(str(e) for e in data["encoders"]))
    if sum(dims) != coef.shape[0] or len(dims) != len(probe.encoders):
        raise ValueError(f"{PROBE_FILE}: dims {dims} do not match {coef.shape[0]} weights")
    return probe


def background_sentences() -> list[str]:
    text = resources.files("assistant").joinpath("data", BACKGROUND_FILE).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _masked_max(values: np.ndarray, mask: np.ndarray) -> float:
    return float(values[mask].max()) if mask.any() else 0.0


def _weighted_share(tokens: Sequence[str], weight: Callable[[str], float], known: Callable[[str], bool]) -> float:
    weights = [max(weight(t), 1e-6) for t in tokens]
    total = sum(weights)
    return sum(w for t, w in zip(tokens, weights) if known(t)) / total if total else 0.0


def features(
    question: Question, found: Candidates, best: Sequence[Passage], cover: Sequence[Passage], view: View, docs: Sequence[str],
    read: Collection[str] = (),
) -> Features:
    """The question-level signals for one question asked of ``view``; ``docs`` is each candidate's document.
    ``term_missing`` (a table loaded on first use, a lookup per word) is computed only when ``read`` (the
    model's feature names) names it or is empty: collection for ablations wants every signal."""
    mask = np.asarray([view.allowed(d) for d in docs], dtype=bool)
    english = 1.0 if question.english else 0.0
    out: Features = {"english": english}
    for channel, values in found.channels.items():
        if channel.kind not in (ChannelKind.DENSE, ChannelKind.SENTENCE):
            continue
        # An encoder that does not read English says nothing with its similarity to an English question.
        scale = 0.0 if english and not channel.reads("en") else 1.0
        closest = _masked_max(values, mask)
        out[f"{channel.kind.value}:{channel.encoder}"] = scale * closest
        background, vector = view.background.get(channel.encoder), found.vectors.get(channel.encoder)
        if channel.kind is ChannelKind.SENTENCE and background is not None and vector is not None:
            out[f"margin:{channel.encoder}"] = scale * (closest - float((background.vectors @ vector).max()))
            out[f"lift:{channel.encoder}"] = scale * (closest - background.baseline)
    out["overlap"] = _masked_max(found.channels[OVERLAP], mask) / MAX_OVERLAP
    out["quote_missing"] = (1.0 - min(1.0, _masked_max(found.channels[QUOTE], mask))) if question.quotes else 0.0
    words = topic_tokens(question.tokens) if not english else []
    # computed as for the background sentences (``lexical``), so a lift compares like with like
    out.update(lexical(words, view, _masked_max(found.channels[BM25], mask)))
    unknown = [general_idf(t) for t in words if not view.known(t)]
    out["unknown_rarity"] = max(unknown, default=0.0) / IDF_SCALE
    if not read or "term_missing" in read:
        whole = whole_words(question.text)
        out["term_missing"] = policy_terms.missing_term([w for w in words if w in whole], view.known) / IDF_SCALE
    out["english_coverage"] = question.english_coverage * english
    out.update({f"{name}_lift": out[name] - view.typical[name] for name in LIFTED if name in view.typical})
    if english:  # no Chinese words to share: a share of 0 says nothing, whatever the background's
        out.update({f"{name}_lift": 0.0 for name in ("known_share", "general_known") if name in view.typical})
    texts = [p.text for p in list(best[:ANSWER_TYPE_DEPTH]) + list(cover)]
    out["asks_type"] = 1.0 if answer_type.asked(question.text) else 0.0
    out["type_missing"] = 1.0 if answer_type.missing(question.text, texts) else 0.0
    out["length"] = math.log1p(len(question.tokens))
    # Near-topic signals within the searched scope: its vocabulary and the passages found in it.
    out.update(distinctive.signals(words, view.known, [p.text for p in best[:ANSWER_TYPE_DEPTH]], question.text))
    domain = domain_probe().probability(found.vectors)
    if domain is not None:  # as a logit: the probe is sure at both ends, and a linear model should hear it
        out["domain"] = logit(domain)
    return out


def logit(p: float) -> float:
    clipped = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(clipped / (1 - clipped))


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
    signal). The product refuses below ``threshold``; two calibrations map it to P(answerable) and to
    P(the first passage is right), which people see as the relevance."""

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

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.domain.names + self.coverage.names))

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
        return cls(*parts, float(data["threshold"]), *tables, confidence, highly)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model in the package data, loaded and checked once per process."""
    text = resources.files("assistant").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def corpus_view(
    known: Collection[str], idf: Callable[[str], float], background: Mapping[str, Background], documents: Collection[str] = ()
) -> View:
    """A view over the searched documents (all when ``documents`` is empty); ``known`` is their vocabulary."""
    chosen = frozenset(documents)
    return View(lambda d: not chosen or d in chosen, known.__contains__, idf, background)


def topic_tokens(tokens: Sequence[str]) -> list[str]:
    """The Chinese words that can name a topic: an interrogative compound ("哪些地方") is how a question asks,
    not what it asks about."""
    return distinctive.topic_words([t for t in tokens if not t.isascii()])


def lexical(words: Sequence[str], view: View, bm25: float) -> Features:
    """The :data:`LIFTED` signals of one text's :func:`topic_tokens` asked of ``view`` (``bm25``: its best raw
    score there)."""
    return {"known_share": _weighted_share(words, view.idf, view.known) if words else 0.0,
            "general_known": _weighted_share(words, general_idf, view.known) if words else 0.0,
            "bm25": math.log1p(bm25)}
