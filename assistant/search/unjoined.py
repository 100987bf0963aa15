"""A name the question makes of two words the searched documents use, but never together.

"数字人民币在哪些城市试点？" asked of reports that write 数字 and 人民币, but never side by side nor in one sentence:
whatever they say of either, they say nothing of the thing the two words name together. The search still finds
人民币 and 试点, and every encoder sees a close passage, so the model's probability alone is often in doubt. Like a
word newer than the documents (``answerability.anachronism``), such a name settles a doubtful verdict
(``judge.DOUBT``) as a refusal; above that doubt the model's confidence stands.

Only names of the policy domain count, from notions the package already has and none fitted here: both words are
nouns (``tokens.nominal``, 名动词 among them, but not a verb the question uses as one: "怎么评价粮食…"), distinctive in
general Chinese (``tokens.rarity`` above zero: "台湾问题" is just 台湾), favoured by policy prose (``policy_terms``
keyness above zero: everyday words join freely in a paraphrase, "孩子上学的花销"), not two names of places or persons
(a list: "香港澳门"), and the second is not what one asks of any topic (``tokens.ASPECTS``: "物价目标", "保护措施",
"钢铁产量"). docs/retrieval.md §6 has what it costs.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..tokens import ASPECTS, nominal, rarity, used_as_verbs, word_tag, written_words
from .distinctive import SENTENCE
from .policy_terms import policy_terms

_CHINESE = re.compile(r"[\u4e00-\u9fff]+")


def unjoined_name(text: str, written: Callable[[str], bool], together: Callable[[str, str], bool]) -> str:
    """The first name of the question ``text`` made of two adjacent policy nouns that the searched documents each
    write (``written``) but never as one word nor in one sentence (``together``); "" when there is none."""
    words = written_words(text)
    verbs = used_as_verbs(text)  # "怎么评价粮食…", "谈判进展得…": a verb and its object make no name
    for first, second in zip(words, words[1:]):
        if not (_policy_noun(first) and _policy_noun(second)) or _proper(first) and _proper(second):
            continue
        if second in ASPECTS or {first, second} & verbs:  # "物价目标", "保护措施": what is asked of a topic
            continue
        if written(first) and written(second) and not written(first + second) and not together(first, second):
            return first + second
    return ""


def _policy_noun(word: str) -> bool:
    return bool(_CHINESE.fullmatch(word)) and nominal(word) and rarity(word) > 0 and policy_terms().keyness(word) > 0


def _proper(word: str) -> bool:
    """A place's or person's name by jieba's tag: two side by side are a list ("香港澳门"), which a text may speak
    of each in its own sentence, not one name. (One alone still makes one: the tag is often wrong, 养老金 "nr".)"""
    return word_tag(word).startswith(("ns", "nr"))


def sentences(texts: Sequence[str]) -> list[str]:
    """The searched documents' sentences (``distinctive.SENTENCE``: up to a full stop, question mark, semicolon or
    line end), one of which a pair of words must share to count as together."""
    return [s for text in texts for s in SENTENCE.findall(text)]
