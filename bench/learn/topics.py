"""What a topic is made of, for labelling generated questions: its distinctive words (jieba words rare in
general Chinese by jieba's own counts and not shared by most reports), and whether a text holds none of them.

Used by every generator of near-topic data and by ``collect.py``'s document-left-out negatives, so that a
question labelled "not addressed" really names something the asked documents never mention (reports
overlap a lot: a topic left out with its document is often still in a sibling report).
"""

from __future__ import annotations

from typing import Sequence

import jieba

from bench.learn.package import general_idf

#: Same meaning as ``assistant/search/distinctive.py``: general rarity above this is distinctive.
COMMON_IDF = 8.0
#: A word found in this share of the library's reports is policy vocabulary, not a topic.
GENERIC_DF = 0.4
#: Function and outline words that say nothing about a topic.
STOP = frozenset("我们 必须 进一步 继续 问题 工作 方面 有关 关于 以及 进行 要求 同时 一个 这个 我国 全国 今年 报告 讲话 怎么 什么 哪些 如何".split())


def distinctive_words(text: str, library: Sequence[str] = ()) -> list[str]:
    """Words of ``text`` (length ≥ 2, not digits) rare in general Chinese and, given ``library`` texts, found in
    fewer than :data:`GENERIC_DF` of them."""
    words = dict.fromkeys(w for w in jieba.cut(text) if len(w) >= 2 and w not in STOP and not w.isdigit() and not w.isascii())
    rare = [w for w in words if general_idf(w) >= COMMON_IDF]
    if not library:
        return rare
    return [w for w in rare if sum(w in t for t in library) < GENERIC_DF * len(library)]


def absent(words: Sequence[str], texts: Sequence[str]) -> bool:
    """True when there are words and none of them occurs in any of ``texts``."""
    return bool(words) and not any(w in t for w in words for t in texts)
