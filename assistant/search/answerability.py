"""Does the corpus answer the question at all? The absolute, question-level signals a model reads to say so
(the model itself, learned, is ``answer_model.py``).

Scores standardised over the candidates cannot say "nothing here answers this": some candidate is always
the best. The signals here are absolute instead: the best raw similarity per encoder, the raw BM25 score,
how much of the question's wording (weighted by its rarity in the corpus and in general Chinese) the
corpus knows, whether a quoted phrase or an asked-for figure, date or name is there at all, for English
the glossary's coverage, the domain probe, and the strongest policy term the searched documents never write.
The code holds no weight or threshold: those are learned out of fold (``bench/learn/folds.py``) and shipped
as package data (``assistant/data/``); the one set by hand is the doubt below which a word newer than the searched
documents refuses (``judge.DOUBT``, with ``policy_terms.LATER_BY``; docs/retrieval.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Collection, Mapping, Sequence

import numpy as np

from ..query.question import Question
from ..records import Passage
from ..tokens import STOPWORDS, general_count, general_idf, used_as_verbs, word_tag, written_words
from . import answer_type, distinctive, policy_terms, unjoined
from .candidates import MAX_OVERLAP, Candidates
from .channels import BM25, OVERLAP, QUOTE, ChannelKind

#: How many of the best passages may hold the figure, date or name asked for.
ANSWER_TYPE_DEPTH = 3
#: General-Chinese IDF is scaled by this to lie in 0–1 (jieba's rarest words reach about 19).
IDF_SCALE = 20.0
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
    #: word → is it written anywhere in a searched document? (jieba may cut the same characters otherwise there:
    #: "中美两国" in a report, 中美 in a question)
    written: Callable[[str], bool] = lambda word: False
    #: The latest year a searched document was written in (``era.written_by``); ``None``: one of them is undated.
    written_by: int | None = None
    #: The searched documents' words (their tokens), for words a question may shorten (``anachronism``).
    vocabulary: Collection[str] = ()
    #: (word, word) → does one sentence of a searched document hold both? (``unjoined``; unknown: say yes)
    together: Callable[[str, str], bool] = lambda first, second: True
    #: answer type ("date"…) → does a searched document write a fact of it anywhere? (unknown: say yes)
    holds: Callable[[str], bool] = lambda kind: True


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
) -> Features:
    """The question-level signals for one question asked of ``view``; ``docs`` is each candidate's document.
    The missing policy term is not among them: the judge computes it (:func:`missing_policy_term`) when the model
    reads it, since it also names the word."""
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


def missing_policy_term(question: Question, view: View) -> tuple[str, float]:
    """The word of the question that policy prose favours most (``policy_terms``) and the searched documents
    never write, with its keyness / :data:`IDF_SCALE` (``("", 0.0)``: none)."""
    needed = _needed_words(question, view)
    word, keyness = policy_terms.strongest_missing(needed.words, needed.present)
    return _as_written(word, needed.words, needed.written, view), keyness / IDF_SCALE


def anachronism(question: Question, view: View) -> str:
    """A word of the question, or a piece of one, that the searched documents never write and policy prose only
    began to write after the latest of them was written (``View.written_by``): "1957年的报告对互联网…", 股票 of
    "1984年的报告对股票市场…" ("" when there is none, or when a searched document's date is unknown)."""
    if view.written_by is None:
        return ""
    needed = _needed_words(question, view, every_piece=True)
    pieces = [t for t in question.tokens if len(t) >= 2 and any(t != w and t in w for w in needed.words)]
    late = policy_terms.missing_since(list(dict.fromkeys(needed.words + pieces)), needed.present,
                                      view.written_by + policy_terms.LATER_BY)
    verbs = used_as_verbs(question.text) if late else set()  # "怎么评价…" asks how a text judges, not about 评价
    newest = next((w for w in late if w not in verbs), "")
    unwritten = [w for w in needed.words if not view.written(w)]  # named with neighbours the documents never write either
    return _as_written(newest, unwritten, needed.written, view)


def _shortened(word: str, vocabulary: Collection[str]) -> bool:
    """Whether the documents use a longer word that ``word`` shortens: its first character, then the rest in
    order (高校 of 高等学校, 科研 of 科学研究, 国企 of 国有企业). A newer name is often short for an older one."""
    if len(word) > 3:
        return False
    rest = re.compile(".*?".join(map(re.escape, word[1:])))
    return any(len(w) > len(word) and w[0] == word[0] and rest.search(w, 1) for w in vocabulary)


@dataclass(frozen=True)
class _Needed:
    """The question's words as written, its topic words among them, and whether the searched documents write one."""

    written: list[str]
    words: list[str]
    present: Callable[[str], bool]


def _needed_words(question: Question, view: View, every_piece: bool = False) -> _Needed:
    """The question's topic words, and whether the searched documents write one of them. Only the question's whole
    words count: a search-mode fragment ("大规" of 大规模) is no term, and a whole word stays whole (粤港澳, not the
    pieces 粤港 + 港澳 that stand in for it among the search tokens). A whole word one of whose pieces the
    documents write is not missing either: they may write about it in other words ("加大…力度", not 加大力度;
    小商贩, not 小商小贩), and so on down through pieces of pieces. A piece counts only as a word the documents use
    (a token of theirs), not as characters they happen to write side by side: 互联 of 互联网 stands in 相互联系,
    which says nothing of the internet. (The price: a report that writes 港澳台 excuses
    粤港澳; requiring every piece vetoed answerable questions more often, docs/retrieval.md.) ``every_piece``
    requires them all: a word newer than the documents (经济特区 of a 1957 report) is not excused by an old piece of
    it (经济); and it counts a name the documents write longer as written (``_shortened``: 国企 of 国企改革, for
    国有企业). An English question has no Chinese words to miss (its glossary coverage is a signal of its own)."""
    content = set(question.tokens)
    written = written_words(question.text)
    words = topic_tokens([w for w in written if w in content and not _fragment(w)]) if not question.english else []

    def present(word: str, whole: bool = True) -> bool:
        pieces = [p for p in content if p != word and len(p) >= 2 and p in word]
        as_is = view.known(word) or (whole and view.written(word)) or (every_piece and _shortened(word, view.vocabulary))
        return as_is or bool(pieces) and (all if every_piece else any)(present(p, False) for p in pieces)

    return _Needed(written, words, present)


def _fragment(word: str) -> bool:
    """Two one-character verbs jieba's HMM joined, the first a function word: "要保" of "具体要保哪几样" is 要 + 保,
    no term (the policy table counts it too: reports write "首先要保工资发放"). Its dictionary's words stand, and so
    do new terms made up the same way around a preposition or a verb that is no function word (对台, 降费)."""
    return (len(word) == 2 and not general_count(word) and word[0] in STOPWORDS
            and all(word_tag(character).startswith("v") for character in word))


def _as_written(word: str, words: Collection[str], written: Sequence[str], view: View) -> str:
    """``word`` with the topic ``words`` written next to it in the question (``written``: its words in order), as
    long as the documents never write the whole ("营商" of 营商环境 → 营商环境): the refusal names the term as the
    question does. Only words of jieba's dictionary extend it, not its guesses ("区有" of 大湾区有什么)."""
    if word not in written:
        return word
    topical = {w for w in words if len(w) >= 2 and general_count(w)}
    present = view.written
    start = end = written.index(word)
    while start > 0 and written[start - 1] in topical and not present("".join(written[start - 1 : end + 1])):
        start -= 1
    while end + 1 < len(written) and written[end + 1] in topical and not present("".join(written[start : end + 2])):
        end += 1
    return "".join(written[start : end + 1])


def corpus_view(
    known: Collection[str], idf: Callable[[str], float], background: Mapping[str, Background], documents: Collection[str] = (),
    texts: Sequence[str] = (), written_by: int | None = None,
) -> View:
    """A view over the searched documents (all when ``documents`` is empty); ``known`` is their vocabulary,
    ``texts`` their whole texts, ``written_by`` the year the latest of them was written."""
    chosen = frozenset(documents)
    split = lru_cache(maxsize=1)(lambda: unjoined.sentences(texts))  # only a doubtful verdict reads them

    def together(first: str, second: str) -> bool:
        return any(first in s and second in s for s in split())

    return View(lambda d: not chosen or d in chosen, known.__contains__, idf, background,
                written=lambda word: any(word in text for text in texts), written_by=written_by, vocabulary=known,
                together=together, holds=lambda kind: any(answer_type.holds(kind, text) for text in texts))


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
