"""An elliptical follow-up that swaps the topic: "货币政策呢？" after "积极的财政政策是怎么安排的？" asks what the
earlier question asked, of a new topic of the same kind. Blending the earlier question in (``CARRY_WEIGHT``) pulls
the answer back to the old topic, whose passages match the earlier question best; rewritten, the follow-up
stands on its own: "积极的货币政策是怎么安排的？".

Without an LLM the rewrite is a substitution guided by the words' heads: Chinese compounds put the head last, and
a topic of the same kind shares it (财政政策 / 货币政策, 城镇居民 / 农村居民, 新增城镇就业 / 下岗失业人员再就业). The
earlier question's phrase that ends in that head (with the nouns written before it: 城镇 of 城镇居民, not 过去五年
or 积极) is replaced by the new topic. A follow-up whose topic shares no head ("那澳门呢？" after "香港回归") is not rewritten: the blend stays.
"""

from __future__ import annotations

import re

from ..text import CHINESE_NUMERAL
from ..tokens import ASKING, STOPWORDS, nominal, written_words

#: "那货币政策呢？", "还有利用外资那块呢？", "安全生产方面呢？": the topic between the pointer and the particle.
_BARE = re.compile(r"^(?:那么|那|还有|另外|至于)?(?P<topic>.+?)(?:方面|那块|这块|那一块)?(?:呢|吗)?[？?！!。.\s]*$")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
#: "那第三个呢？", "第五部分呢？", "两条呢？": an ordinal or a count points into the last answer, it names no topic.
_COUNTING = re.compile(rf"第|{CHINESE_NUMERAL}(?:个|条|项|点|部分|方面)")
#: A head shorter than this is a morpheme, not a word (生 of 研究生 and 学生).
MIN_HEAD = 2


def swapped_topic(followup: str) -> str:
    """The new topic a bare follow-up names ("货币政策" of "货币政策呢？"), or "" when it asks more than a topic."""
    match = _BARE.match(followup.strip())
    topic = match.group("topic") if match else ""
    words = written_words(topic)
    if len(topic) < MIN_HEAD or not _HAN.match(topic) or _COUNTING.search(topic) or any(ASKING.search(w) for w in words):
        return ""
    return topic


def substituted(earlier: str, followup: str) -> str:
    """``earlier`` asked of the follow-up's new topic ("积极的货币政策是怎么安排的？"), or "" when the follow-up is not
    a bare topic or its topic shares no head word with a phrase of ``earlier``."""
    topic = swapped_topic(followup)
    if not topic:
        return ""
    words = written_words(earlier)
    ends = _ends(words)
    for length in range(len(topic) - 1, MIN_HEAD - 1, -1):  # the longest shared head first; never the whole topic
        head = topic[-length:]
        for last, end in enumerate(ends):
            if end >= len(head) and earlier[end - len(head) : end] == head and _topical(words[last]):
                first = last
                while first > 0 and _topical(words[first - 1]) and nominal(words[first - 1]):
                    first -= 1
                start = ends[first] - len(words[first])
                if earlier[start:end] == topic:
                    return ""
                return earlier[:start] + topic + earlier[end:]
    return ""


def _ends(words: list[str]) -> list[int]:
    ends, position = [], 0
    for word in words:
        position += len(word)
        ends.append(position)
    return ends


def _topical(word: str) -> bool:
    """A word that can be part of a topic phrase: Chinese, two characters or more, no function word, no asking."""
    return len(word) >= MIN_HEAD and bool(_HAN.match(word)) and word not in STOPWORDS and not ASKING.search(word)
