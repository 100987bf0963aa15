"""Does the corpus address the question at all? Decided from calibrated signals, not from the rank.

Four independent reasons to say "the speech does not address this":

1. Off topic: the corpus knows almost none of the question's content words (IDF-weighted share) *and* no
   sentence is semantically close. Both must hold: paraphrases share few words but stay close in meaning.
2. English off topic: few of its content words have a counterpart in the corpus (CC-CEDICT glossary), or
   the cross-lingual similarity (multilingual encoder only) is below a floor.
3. Missing answer type: the question asks for a figure, a date or a person's name, and none of the best
   passages holds one. A speech that never gives a number cannot answer "百分之多少".
4. Absent topic: the question names its topic ("讲话对X有什么安排", "有没有提到X") and the corpus knows none
   of X's specific words (rare in general Chinese), or, when X has none, hardly any of its words. Near-topic questions share the speech's register, so similarity cannot tell
   them apart; the named topic can.

The floors are a :class:`~assistant.policy.RefusalPolicy`, chosen on the development set (bench/refusal.py
prints the trade-off). The figure, date and name rules are in ``answer_type.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..index.search_index import SearchIndex
from ..index.sparse import Lexicon
from ..index.vocabulary import Vocabulary
from ..policy import RefusalPolicy
from ..query.question import Question
from ..records import Passage
from ..tokens import general_idf, tokens
from .answer_type import missing_answer_type
from .candidates import Candidates
from .channels import ChannelKind
from .wording import not_addressed

#: The one sentence that says so (the text, the batch ``message`` and the web card all show this one).
REFUSAL = "讲话中没有谈到这个问题。"

_TOPIC = re.compile(
    r"(?:对于|对|关于|针对)(?P<a>[^，,。？?！!]{2,24}?)(?:方面|问题|工作)?"
    r"(?:有|都|是|的(?:具体|相关)?(?:政策|安排|部署|措施|要求|说法|规定|论述)|怎么|如何|提出|作了|做了)"
    r"|(?:有没有|是否|有无)(?:提到|谈到|讲到|说到|涉及|提及)?了?(?P<b>[^，,。？?！!]{2,24}?)(?:的(?:具体|相关)?\w{0,4})?[？?吗]"
    r"|(?:提到|谈到|讲到|说到|涉及|提及)了?(?P<c>[^，,。？?！!]{2,24}?)(?:吗|没有|的[^，,。？?]{0,6})?[？?]?$"
)


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # why not, for people ("讲话里没有给出具体数字")


def topic_absent(topic_words: Sequence[str], known: Callable[[str], bool], known_share: float, policy: RefusalPolicy) -> bool:
    """Whether the corpus lacks the named topic: none of its specific words is known, or (when it has no
    specific word) hardly any of its words are. One known specific word ("招商" in "招商引资人员") is enough."""
    specific = [w for w in topic_words if len(w) >= 2 and general_idf(w) >= policy.specific_idf]
    if specific:
        return not any(known(w) for w in specific)
    return known_share < policy.topic_known_floor


def named_topic(text: str) -> str:
    """The topic a question names explicitly ("讲话对X有什么安排" → X), or ''."""
    found = _TOPIC.search(text)
    return next((group for group in found.groups() if group), "") if found else ""


def _best_similarity(candidates: Candidates) -> float:
    """The best sentence similarity, averaged over the encoders that searched."""
    values = [float(scores.max()) for channel, scores in candidates.channels.items() if channel.kind is ChannelKind.SENTENCE]
    return float(np.mean(values)) if values else 0.0


def _english_similarity(candidates: Candidates) -> float | None:
    """The best sentence similarity of the first encoder that reads English, or ``None`` when none searched."""
    for channel, scores in candidates.channels.items():
        if channel.kind is ChannelKind.SENTENCE and channel.reads("en"):
            return float(scores.max())
    return None


def decide(
    question: Question,
    candidates: Candidates,
    known_share: float,
    best: Sequence[Passage],
    policy: RefusalPolicy,
    cover: Sequence[Passage] = (),
    topic_absent: bool | None = None,
    searched: str = "",
) -> Verdict:
    """Whether the corpus answers ``question``, judged from its candidates and best passages.

    ``known_share`` covers the whole question; ``topic_absent`` says whether the topic it names is missing
    from the corpus (``None``: it names none); ``searched`` names the searched documents in the reason."""
    nothing = not_addressed(searched) if searched else REFUSAL
    if question.english:
        similarity = _english_similarity(candidates)
        too_far = similarity is not None and similarity < policy.english_similarity_floor
        if too_far or known_share < policy.english_known_floor:
            return Verdict(False, nothing)
    elif known_share < policy.known_share_floor and _best_similarity(candidates) < policy.similarity_floor:
        return Verdict(False, nothing)
    if topic_absent:
        return Verdict(False, nothing)
    reason = missing_answer_type(question, list(best[: policy.answer_type_depth]) + list(cover), searched or "讲话")
    return Verdict(False, reason) if reason else Verdict(True)


def judge(index: SearchIndex, question: Question, found: Candidates, best: Sequence[Passage], policy: RefusalPolicy,
          lexicon: Lexicon | Vocabulary | None = None, searched: str = "") -> Verdict:
    """Gather the signals :func:`decide` reads (vocabulary coverage, the named topic, the cover lines of the
    best passage's document) and decide. ``lexicon``: the searched documents' words (default: all)."""
    lexicon = lexicon or index.lexicon
    known = question.english_coverage if question.english else lexicon.known_share(question.tokens)
    topic = tokens(named_topic(question.text)) if not question.english else []
    absent = topic_absent(topic, lexicon.document_frequency.__contains__, lexicon.known_share(topic), policy) if topic else None
    cover = [p for p in index.documents[best[0].doc].passages if p.kind == "title"] if best else []
    return decide(question, found, known, best, policy, cover, absent, searched)
