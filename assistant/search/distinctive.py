"""Near-topic signals: does the searched scope hold what is distinctive about the question?

A near-topic question ("what does report X say about <a topic X never treats>") shares the domain's common
vocabulary with the documents and is close to them in every encoder; what gives it away is that its few
*distinctive* words (rare in general Chinese by jieba's dictionary counts) are missing from the searched
documents, or at least from the passages the search found, and that a figure or date it asks for is not
written near its topic. Everything here is absolute (no standardising over candidates) and general: the one
constant (``tokens.COMMON_IDF``) says what "common" means in general Chinese, not in any corpus.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..tokens import ASKING, rarity
from . import answer_type

#: Signal names, in the order :func:`signals` returns them (the model reads them by name).
NAMES = ("distinct_known", "rarest_known", "rarest_in_best", "best_cover", "type_far")
SENTENCE = re.compile(r"[^。！？；!?;\n]+")


def topic_words(words: Sequence[str]) -> list[str]:
    """The question's words that can name a topic: no interrogatives, and no compound whose pieces are among
    the words too (jieba's search mode gives "营商环境" and "营商", "环境": the pieces carry it, and a compound
    can be missing from a text that writes its pieces apart)."""
    unique = list(dict.fromkeys(words))
    return [w for w in unique if not ASKING.search(w) and not any(p != w and len(p) >= 2 and p in w for p in unique)]


def _weights(words: Sequence[str]) -> dict[str, float]:
    """Each topic word's distinctiveness (:func:`rarity`)."""
    return {w: rarity(w) for w in topic_words(words)}


def _share(weights: dict[str, float], present: Callable[[str], bool]) -> float:
    total = sum(weights.values())
    return sum(v for w, v in weights.items() if present(w)) / total if total else 1.0


def signals(words: Sequence[str], known: Callable[[str], bool], best: Sequence[str], question: str) -> dict[str, float]:
    """``words``: the question's Chinese content tokens; ``known``: is a token in the searched documents;
    ``best``: the texts of the best passages. A question with no distinctive word counts as fully covered."""
    weights = {w: v for w, v in _weights(words).items() if v > 0}
    if not weights:
        return {"distinct_known": 1.0, "rarest_known": 1.0, "rarest_in_best": 1.0, "best_cover": 1.0,
                "type_far": _type_far(question, words, best)}
    rarest = max(weights, key=weights.__getitem__)
    return {
        "distinct_known": _share(weights, known),
        "rarest_known": 1.0 if known(rarest) else 0.0,
        "rarest_in_best": 1.0 if any(rarest in text for text in best) else 0.0,
        "best_cover": max((_share(weights, text.__contains__) for text in best), default=0.0),
        "type_far": _type_far(question, list(weights) or list(words), best),
    }


def _type_far(question: str, words: Sequence[str], best: Sequence[str]) -> float:
    """1 when the question asks for a figure, date or name and no sentence of the best passages that shares
    a word with the question holds one (a number elsewhere in the text does not answer it)."""
    if not answer_type.asked(question):
        return 0.0
    near = [s for text in best for s in SENTENCE.findall(text) if any(w in s for w in words)]
    return 1.0 if answer_type.missing(question, near) else 0.0
