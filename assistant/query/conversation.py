"""Follow-ups without an LLM: ordinal references into the last section ("那第三点呢？"), and topic
carry-over for elliptical questions ("那牵头责任呢？"), but none when a question stands on its own.

The web chat keeps a list of :class:`Turn` per browser session; the batch mode rebuilds the same list by
replaying the earlier questions of ``history``. Both call :func:`resolve`, so they behave the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..records import Answer
from ..text import CHINESE_NUMERAL
from ..tokens import ASKING, ASPECTS, LIGHT_NOUNS, STOPWORDS, nominal, rarity, tokens, written_words
from .ellipsis import substituted
from .ordinals import counts_in_its_unit, counts_what_was_asked, names_a_sibling
from .question import WHICH_PART
from .outline import ASPECT_ORDINAL, OutlineRequest, parse_bare_point, parse_point_only, parse_request, point_mention, thing_ordinal

#: How much the previous question still counts when the new one leans on it.
CARRY_WEIGHT = 0.35
#: An opening demonstrative with a measure word ("这笔钱", "这项工作", "那些措施") points back at what was just
#: said, as do "其中", "其余", "还有", "另外" and their English counterparts.
_LEANING_START = re.compile(r"^(?:[这那](?:[个些项笔件条种样类批点]|部分)|那么?|其中|其余|剩下|还有|另外|此外|以及|and\b|what about\b|how about\b)", re.I)
#: Words that point back at what was just said, by their first character ("这是", "这句话", "它").
_POINTERS = frozenset("这那它其此")
#: Verbs that ask where something is, not what: "出自哪一部分", "属于第几部分".
_LOCATING = frozenset({"出自", "出于", "属于", "位于", "来自", "在"})
_LEANING_END = re.compile(r"(?:呢|吗)[？?！!。.]*$|\b(?:then|too)\W*$", re.I)
#: A count or a pointer with its measure word ("两条", "几项", "这笔", "那些"): it says how many or which, never
#: about what, though the dictionary seldom saw it whole and reads it as rare.
_COUNTED = re.compile(rf"^(?:{CHINESE_NUMERAL}|\d+|几|这|那|哪|其余|剩下)(?:个|条|项|点|件|笔|些|种|类|批|方面)$")
#: Words that ask to hear more of what was said ("详细说说", "展开讲讲", "再具体介绍一下"), not about what.
_DETAILS = frozenset("详细 具体 展开 介绍 说说 讲讲 谈谈 细说 再说 多说 解释 阐述 详述 补充".split())
#: "还有别的吗？": nothing new is asked; more of the previous answer's topic is wanted.
_MORE_ONLY = re.compile(r"^(?:还有(?:别的|其他|其它|吗|呢|什么|没有)|别的呢|其他呢|其它呢|另外呢|anything else|what else|more)\W*(?:吗|呢|的)?\W*$", re.I)
#: What is left of "那篇讲话里呢" once the document's name is cut: 那篇/这份 point at it, they name no topic.
_DOCUMENT_POINTER = re.compile(r"^[这那][篇份]")
#: How a text says something, with nothing about what: "怎么说？", "是怎么讲的", "如何表述", "what does it say".
_HOW_SAID = re.compile(r"(?:怎么|怎样|如何)(?:说|讲|提|谈|写|表述|看)|\bwhat does\b.*\bsay\b|\bhow does\b.*\b(?:put|describe)\b", re.I)
_ASKS_MORE = re.compile(r"^(?:具体|详细|展开|怎么落实|如何落实|还有别的|还有吗|还有什么|more\b|details?\b)", re.I)


@dataclass(frozen=True)
class Resolution:
    """How to answer the new question: from the outline, by search, and with which earlier question blended in."""

    request: OutlineRequest | None = None
    carry: str = ""  # an earlier question whose topic the new one continues
    more: bool = False  # only more of the same is asked: the earlier question's next passages
    refused: str = ""  # with ``more``: the last answer's refusal, when it was one (more of nothing is still nothing)
    shown: tuple[int, ...] = ()  # passage ids the last answer already showed
    document: str = ""  # the document the conversation is about
    earlier_leads: bool = False  # ``carry`` leads the ranking: the new question names nothing new ("具体怎么做？"), or ``rewritten``
    judged_by_earlier: bool = False  # it asks only an aspect of the earlier topic ("效果怎么样？"): judged by that topic
    ordinal: int = 0  # an ordinal alone ("第二条呢？"): the item of a list the last answer showed, if it showed one
    rewritten: bool = False  # ``carry`` is the earlier question asked of the new topic ("货币政策呢？", ``ellipsis.py``)
    tinted: bool = False  # the new question stands on its own; ``carry`` only tints its ranking ("中央财政给多少补助？")


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation: the question as resolved and the answer given."""

    question: str
    answer: Answer
    resolution: Resolution = Resolution()  # how it was read (an outline click: its request alone)

    @property
    def request(self) -> OutlineRequest | None:
        """The outline request the turn answered, if any."""
        return self.resolution.request

    @property
    def searched(self) -> bool:
        """Answered by a search (inside a part, too), not from the outline: an ordinal after it may count a list
        its paragraph writes, where after an outline answer "第三条" is the part's third point."""
        return self.request is None or self.request.ask == "scope"

    @property
    def topic(self) -> str:
        """What a further follow-up of this turn is about: its own question, the one it asked an aspect or more of
        ("效果怎么样？", "还有别的吗？"), the earlier question rewritten with its new topic ("货币政策呢？") or searched again for an
        ordinal that found no list ("第二个是什么？"), the words of the list item it answered with ("统一政策",
        ``Answer.resolved``), or the part or point an outline answer gave ("第三点呢？" → "（三）完善分配结构和分配方式。",
        so "详细说说" searches for it)."""
        resolution = self.resolution
        if resolution.request is not None and resolution.request.names_a_part and self.answer.hits:
            return self.answer.hits[0].passage.text
        if resolution.ordinal and self.answer.mode == "outline" and self.answer.resolved:  # a list's item: its words
            return self.answer.resolved
        # an ordinal searched ("第二个是什么？" with no list shown) is about the earlier question's topic
        earlier = resolution.judged_by_earlier or resolution.rewritten or bool(resolution.ordinal) or resolution.more
        return resolution.carry if earlier and resolution.carry else self.question


def leans_on_context(text: str) -> bool:
    """Elliptical questions that continue the previous one rather than stand alone."""
    return bool(_LEANING_START.search(text) or _LEANING_END.search(text) or _ASKS_MORE.search(text))


def only_an_ordinal(text: str) -> bool:
    """"第三个是什么？", "第三个具体要求怎么做？": an ordinal and nothing distinctive besides (every other word
    common in general Chinese), so it can only count the things the last answer was about."""
    thing, mention = thing_ordinal(text)
    if not thing:
        thing, mention = parse_point_only(text), point_mention(text)
    return bool(mention) and thing != 0 and _names_nothing(text.replace(mention, " "))


def conversation_documents(turn: Turn) -> tuple[str, ...]:
    """The documents an answer leaves the conversation about: every document of an outline answer given for
    several documents (a follow-up asks each of them again), else the document of its first passage."""
    documents = tuple(dict.fromkeys(hit.passage.doc for hit in turn.answer.hits))
    several = turn.request is not None and turn.request.ask != "scope" and len(documents) > 1
    return documents if several else documents[:1]


def _focus_section(turn: Turn) -> int:
    if turn.request and turn.request.section:
        return turn.request.section
    hits = turn.answer.hits
    return hits[0].passage.section_no if hits else 0


def resolve(text: str, turns: Sequence[Turn], names_documents: bool = False) -> Resolution:
    """Decide how ``text`` relates to the earlier ``turns`` (oldest first); ``names_documents``: the question
    named documents (its words about them already cut from ``text``)."""
    last = turns[-1] if turns else None
    documents = conversation_documents(last) if last else ()
    document = documents[0] if len(documents) == 1 else ""
    request = parse_request(text)
    if request and request.ask == "scope" and last is not None and leans_on_context(text):
        # "那第三部分呢？": after an outline answer it asks for that part; after a search, the same question there
        if last.request is not None and last.request.ask != "scope":
            return Resolution(request=OutlineRequest("section", request.section), document=document)
        # "第三个方面呢？" may count what the last answer listed ("…；经济上…；文化上…"): tried first (``ordinal``)
        listed = request.section if ASPECT_ORDINAL.search(text) else 0
        return Resolution(request=request, carry=last.topic, document=document, earlier_leads=_names_nothing(text),
                          ordinal=listed)
    if request and _counts_an_answers_aspects(text, last, names_documents):
        # "第四个方面是什么？" after a content answer: its list's fourth item if it lists, else the fourth part
        return Resolution(request=request, document=document, ordinal=request.section)
    if request:
        return Resolution(request=request, document=document)
    if last is None:
        return Resolution(request=parse_bare_point(text), document=document)
    rest = _LEANING_START.sub("", _DOCUMENT_POINTER.sub("", text))  # what it asks after "那", "其中", "还有"…
    part_asked = last.request is not None and last.request.names_a_part
    if _asks_where_it_is(rest):
        if part_asked:  # "它属于哪一部分？" after an outline answer: the part it showed
            return Resolution(request=OutlineRequest("section", _focus_section(last)), document=document)
        # "这是第几部分讲的？": where the last answer's topic is; it is searched and judged again, its part's heading first
        return Resolution(carry=last.topic, document=document, earlier_leads=True, judged_by_earlier=True)
    if names_documents and part_asked and leans_on_context(text) and _names_nothing(rest):
        return Resolution(request=last.request)  # "讲话呢？" after "第三部分讲了什么？": that part of the document it names
    # a question asking only an aspect of a topic ("效果怎么样？", "有没有时间表？") asks about the last one's, unless
    # it names a document ("十二大报告的主要内容是什么？" asks about that document)
    aspect = not names_documents and _asks_an_aspect(rest)
    # "十九大报告怎么说？" after a question on a topic: how another document says it (the document's name is cut)
    said_elsewhere = names_documents and _only_asks(rest, _HOW_SAID)
    counts = counts_what_was_asked(text, last.question)
    counted_in = last.request is None and counts_in_its_unit(text, last.question)  # "第二步" after "三步走"
    more = bool(_MORE_ONLY.match(text))  # "anything else?" leans on nothing written, but asks for more of it
    if not (leans_on_context(text) or only_an_ordinal(text) or aspect or said_elsewhere or counts or counted_in or more):
        # a question of its own in a conversation ("中央财政给多少补助？" after one on 保障性住房) often still means its
        # topic: the earlier question tints the ranking, the new one leads and is judged; a named document starts
        # anew, and a refused question has no topic to lend
        fresh = names_documents or not last.answer.answerable
        return Resolution(document=document) if fresh else Resolution(carry=last.topic, document=document, tinted=True)
    return _counted(text, last, document, counts) or _continued(text, last, document, rest, aspect, names_documents, more)


def _counted(text: str, last: Turn, document: str, counts: bool) -> Resolution | None:
    """An ordinal follow-up: "第三件" (things listed), "第二个注重" (what the earlier question counted), "第三点呢？"
    (a point of the last answer's part); the list the last answer showed is tried first (``ordinal``). ``None``
    when ``text`` counts nothing, or its ordinal names a sibling of what the earlier question named
    (:func:`~assistant.query.ordinals.names_a_sibling`: "那第五个五年计划呢？" is the earlier question asked of it)."""
    shown = tuple(hit.passage.id for hit in last.answer.hits)
    thing, _ = thing_ordinal(text)
    part_asked = last.request is not None and last.request.names_a_part
    if thing and part_asked:  # "第三件" after "产业强市有哪些具体要求？" answered with the part's points: its third
        return Resolution(request=OutlineRequest("point", _focus_section(last), thing), document=document, ordinal=thing)
    if thing:  # "第三件是什么？": the third of the things the last answer listed, else searched in its topic
        return Resolution(carry=last.topic, shown=shown, document=document, earlier_leads=True, ordinal=thing)
    point = parse_point_only(text)
    if counts:  # "第二个注重" after "“四个注重”是哪四个？": its second, in place
        return Resolution(carry=last.topic, shown=shown, document=document, earlier_leads=True, ordinal=point)
    section = _focus_section(last)
    if point and section and not names_a_sibling(text, last.question):  # the list the last answer showed first
        return Resolution(request=OutlineRequest("point", section, point), document=document, ordinal=point)
    return None


def _continued(text: str, last: Turn, document: str, rest: str, aspect: bool, names_documents: bool,
               more: bool) -> Resolution:
    """A follow-up on the last answer's topic: that question with a new topic ("货币政策呢？"), or asked again,
    for more (``more``: "还有别的吗？"), of other documents, or for an aspect of it ("详细说说", "2019年的报告呢？",
    "效果怎么样？")."""
    shown = tuple(hit.passage.id for hit in last.answer.hits)
    if last.resolution.more:  # "还有吗？" again: nothing any of the answers to this topic showed
        shown = tuple(dict.fromkeys(last.resolution.shown + shown))
    swapped = "" if aspect else substituted(last.topic, text)
    if swapped:  # "货币政策呢？" after "积极的财政政策是怎么安排的？": that question, asked of 货币政策, leads
        return Resolution(carry=swapped, shown=shown, document=document, earlier_leads=True, rewritten=True)
    # "详细说说", "2019年的报告呢？", "What about the 1956 report?" name nothing and ask for more of it, or of it in
    # other documents: the earlier question (asked of the documents they name) leads and is what is judged
    leads = aspect or _names_nothing(rest)
    again = leads and (names_documents or bool(_ASKS_MORE.search(text)))
    point = parse_point_only(text)
    refused = last.answer.message if more and not last.answer.answerable else ""
    return Resolution(carry=last.topic, more=more, refused=refused, shown=shown, document=document,
                      earlier_leads=leads, judged_by_earlier=aspect or again,
                      ordinal=0 if names_a_sibling(text, last.question) else point)


def _counts_an_answers_aspects(text: str, last: Turn | None, names_documents: bool) -> bool:
    """"第四个方面是什么？" (方面 also names parts, 部分 only parts) with nothing else named, after a content answer
    (one inside a part too): it may count what that answer listed."""
    if last is None or not last.searched or names_documents:
        return False
    return _names_nothing(ASPECT_ORDINAL.sub(" ", text)) and bool(ASPECT_ORDINAL.search(text))


def _asks_where_it_is(text: str) -> bool:
    """"这是第几部分讲的？", "出自哪一部分？": which part, and besides only a pointer back (这/那/它…), a verb that
    locates (出自, 属于…) or function words: it asks where the last answer's topic is."""
    return _only_asks(text, WHICH_PART, _LOCATING)


def _only_asks(text: str, asking: re.Pattern[str], allowed: frozenset[str] = frozenset()) -> bool:
    """``text`` asks what ``asking`` matches and names nothing else: every other word of two characters or more is
    a function word, an interrogative, a pointer back (这/那/它…) or ``allowed``. Word by word, not by rarity:
    "怎么谈文化？" names 文化, common as it is."""
    if not asking.search(text):
        return False
    words = [w for w in tokens(asking.sub(" ", text)) if len(w) > 1 and w not in STOPWORDS and not ASKING.search(w)]
    return all(w[0] in _POINTERS or w in allowed for w in words)


def _asks_an_aspect(text: str) -> bool:
    """Every word of ``text`` asks how, or asks an aspect of a topic (:data:`ASPECTS`), and one does: "效果怎么样？"
    and "有没有时间表？" do; "教育怎么样？", "你是谁？" do not."""
    words = [w for w in written_words(text) if len(w) >= 2 and w not in STOPWORDS and not ASKING.search(w)
             and not _COUNTED.match(w)]
    return bool(words) and all(w in ASPECTS for w in words)


def _names_nothing(text: str) -> bool:
    """No word of ``text`` names a topic: none is distinctive in general Chinese, nor a noun other than the light
    ones that stand for any topic (:data:`LIGHT_NOUNS`: "这方面呢？") or ask an aspect of it; the words that ask for
    more of the same ("详细说说", "展开讲讲") aside. Common nouns are topics: "那教育呢？", "对工业呢？" (they were read as
    naming nothing, and the earlier topic led)."""
    return not any(_names_a_topic(word) for word in tokens(text))


def _names_a_topic(word: str) -> bool:
    """A word distinctive in general Chinese, or a noun of two characters or more that is neither light nor an
    aspect; never a count ("两条"), a word asking for details, or a stop word."""
    if _COUNTED.match(word) or word in _DETAILS or word in STOPWORDS:
        return False
    return rarity(word) > 0 or len(word) >= 2 and nominal(word) and word not in LIGHT_NOUNS and word not in ASPECTS
