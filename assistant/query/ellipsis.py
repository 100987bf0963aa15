"""An elliptical follow-up that swaps the topic: "货币政策呢？" after "积极的财政政策是怎么安排的？" asks what the
earlier question asked, of a new topic of the same kind. Blending the earlier question in (``CARRY_WEIGHT``) pulls
the answer back to the old topic, whose passages match the earlier question best; rewritten, the follow-up
stands on its own: "积极的货币政策是怎么安排的？".

Without an LLM the rewrite is a substitution guided by the words' heads: Chinese compounds put the head last, and
a topic of the same kind shares it (财政政策 / 货币政策, 城镇居民 / 农村居民). The earlier question's phrase that ends in
that head, with the nouns written before it (城镇 of 城镇居民; not 过去五年, 积极 or a part's 部分), is replaced by the
new topic. Only when both ends are certain: the new topic is a noun phrase ("其他政策", "稳健的货币政策" and "说说货币政策"
are not), the head ends the earlier phrase (安全 of 安全生产 is a modifier) and the phrase is bounded by a word that
cannot belong to it (的, a time word, an adjective; not a verb, as in 经济增长目标). Otherwise the blend stays.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..text import CHINESE_NUMERAL
from ..tokens import ASKING, STOPWORDS, nominal, word_spans, word_tag
from .documents import GENRES

#: "那货币政策呢？", "至于学前教育呢？", "安全生产方面呢？": a topic between a pointer and the particle that leaves the
#: rest to the earlier question. (A question ending in 吗 asks something of its own: "是货币政策吗？".)
_BARE = re.compile(r"^(?:那么|那|还有|另外|至于)?(?P<topic>.+?)(?:方面|那块|这块|那一块)?呢[？?！!。.\s]*$")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
#: "那第三个呢？", "第五部分呢？", "两项呢？": an ordinal or a count points into the last answer, it names no topic
#: ("第二产业" is a topic).
_COUNTING = re.compile(rf"(?:第|^)(?:{CHINESE_NUMERAL}|\d+)(?:个|条|项|点|部分|方面)")
#: Nouns of a text's structure or genre: they bound a topic phrase ("报告第三部分财政政策"), never belong to it.
_STRUCTURE = frozenset(("部分", "方面", "章节", "条款", *GENRES))
#: Tags of words that may stand right before a topic phrase without belonging to it: time words, adverbs,
#: adjectives, numerals, pronouns, prepositions, conjunctions, particles, locatives, distinguishing words.
_BOUNDARY_TAGS = ("t", "d", "ad", "a", "m", "r", "p", "c", "u", "f", "b")
#: A head shorter than this is a morpheme, not a word (生 of 研究生 and 学生).
MIN_HEAD = 2


def swapped_topic(followup: str) -> str:
    """The new topic a bare follow-up names ("货币政策" of "那货币政策呢？"), or "": a noun, with nouns or verbs before it
    ("牵头责任", "利用外资"), and nothing else (no 的, pronoun, adjective or adverb: "其他政策", "稳健的货币政策")."""
    match = _BARE.match(followup.strip())
    topic = match.group("topic") if match else ""
    if len(topic) < MIN_HEAD or not _HAN.match(topic) or _COUNTING.search(topic):
        return ""
    words = [word for word, _, _ in word_spans(topic)]
    modifiers, head = words[:-1], words[-1]
    if not _noun(head) or head in _STRUCTURE or _reduplicated(words[0]):
        return ""  # "说说货币政策呢？" asks to be told; 说说 is no kind of policy
    return topic if all(_topical(w) and (nominal(w) or word_tag(w) == "v") and w not in _STRUCTURE for w in modifiers) else ""


def _reduplicated(word: str) -> bool:
    """"说说", "谈谈", "看看": a verb doubled asks someone to do it a little, it names nothing."""
    return len(word) == 2 and word[0] == word[1]


def substituted(earlier: str, followup: str) -> str:
    """``earlier`` asked of the follow-up's new topic ("积极的货币政策是怎么安排的？"), or "" when the follow-up is not
    a bare topic, or no phrase of ``earlier`` shares its head with both ends certain (see the module's docstring)."""
    topic = swapped_topic(followup)
    if not topic:
        return ""
    spans = word_spans(earlier)
    for length in range(len(topic) - 1, MIN_HEAD - 1, -1):  # the longest shared head first; never the whole topic
        head = topic[-length:]
        for last, (word, _, end) in enumerate(spans):
            if earlier[max(0, end - len(head)) : end] != head or not _noun(word):
                continue
            if last + 1 < len(spans) and _noun(spans[last + 1][0]):
                continue  # the head modifies the next noun (安全 of 安全生产): not the phrase's end
            # the word the head begins in (财政政策 for 政策; 增长 for 增长目标 in 经济增长目标): the phrase covers the head
            first = max(i for i, (_, start, _) in enumerate(spans[: last + 1]) if start <= end - len(head))
            phrase = _phrase_start(spans, first)
            if phrase is None:
                return ""
            start = spans[phrase][1]
            if earlier[start:end] == topic:
                return ""
            return earlier[:start] + topic + earlier[end:]
    return ""


def _phrase_start(spans: Sequence[tuple[str, int, int]], first: int) -> int | None:
    """The first word of the topic phrase whose head begins at word ``first``: back over the nouns before it, to a
    word that cannot belong to the phrase (``None`` when the word there might: a verb, as in 经济增长目标)."""
    while first > 0 and _noun(spans[first - 1][0]) and spans[first - 1][0] not in _STRUCTURE:
        first -= 1
    if first == 0:
        return first
    before = spans[first - 1][0]
    bounded = not _topical(before) or before in _STRUCTURE or word_tag(before).startswith(_BOUNDARY_TAGS)
    return first if bounded else None


def _topical(word: str) -> bool:
    """A word that can be part of a topic phrase: Chinese, two characters or more, no function word, no asking."""
    return len(word) >= MIN_HEAD and bool(_HAN.match(word)) and word not in STOPWORDS and not ASKING.search(word)


def _noun(word: str) -> bool:
    """A :func:`_topical` word jieba's dictionary reads as a noun (:func:`~assistant.tokens.nominal`)."""
    return _topical(word) and nominal(word)
