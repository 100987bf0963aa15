"""Outline questions over several documents: "第二部分讲了什么" asked of a folder with five reports is
answered for each document that has a second part, and the one-line answer says so (never one document
picked silently)."""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Sequence

from ..query.outline import OutlineRequest, parse_point_only, point_mention
from ..query.sections import find, lists_parts, top_sections
from ..query.typos import OUTLINE_WORDS
from ..records import Document, Heading, Passage
from ..tokens import ASKING, rarity, tokens, word_spans, word_tag
from . import wording


class Naming(IntEnum):
    """How a question names a part instead of numbering it, surest first."""

    WORDS = 0  # most of its heading's words (:data:`HEADING_SHARE`), or all of them
    CALLED = 1  # a name before 部分 that one heading writes
    DESCRIBED = 2  # a description of its heading, words shortened (:data:`MIN_DESCRIBED`)


#: How surely a question names a part: the way, then within it the share of heading words or the name's length
#: (negated: smaller is surer).
Sureness = tuple[Naming, float]


#: (document, its passages, its one-line answer) for each document an outline question is asked of.
Found = list[tuple[Document, list[Passage], str]]
#: Passages shown per document after each document's first, when several answer the same question.
PER_DOCUMENT = 2
#: A part named by its heading rather than its number ("政府工作任务中，第七项"): the question holds at least
#: this share of the heading's words (and two of them at least).
HEADING_SHARE = 0.6
#: A part named by a description of its heading, words shortened ("讲五年规划主要目标的那部分" for "第十个五年
#: 规划的主要目标"): this many of the question's words are found in one heading, whole or abbreviated, and
#: weighing each by the headings it is found in, that heading scores at least twice any other.
MIN_DESCRIBED = 3
#: How clearly the described heading must lead the next one (round, set before measuring; one dev question,
#: the one it was written for, changed with it: an in-sample mechanism until more such questions are seen).
DESCRIBED_LEAD = 2.0
#: An abbreviation keeps characters of the words it shortens, in order, each at most this many characters
#: after the one before ("十五" for "第十个五年").
ABBREVIATION_GAP = 2
#: The characters right before 部分 (a part called by its subject), and where such a name begins: after a particle
#: or preposition ("报告的外交部分", "关于外交那部分").
_CALLED = re.compile(r"([\u4e00-\u9fff]+?)(?:那|这)?一?个?部分")
_CALL_STARTS = re.compile(r"[的里中在对讲说谈]|关于")
#: Particles a name of a part may write or leave out ("党的建设" for "把党建设成为…").
_PARTICLES = re.compile(r"[的之]")
#: jieba's tags of function words (prepositions, conjunctions, particles): no heading names its part by them.
_FUNCTION_TAGS = ("p", "c", "u")
#: A part's number, not its name ("第三部分", "三部分").
_ORDINAL = re.compile(r"第|[〇零一二三四五六七八九十百两\d]+$")
#: The words of an outline reference itself ("第一部分", "第三个", "三点"): they say where, not what about.
_REFERENCE_WORD = re.compile(r"^第?[〇零一二三四五六七八九十百两\d]+|部分|[点条项]$")


def _named(heading: Heading) -> str:
    """What a heading says, its number ("三、", "（一）") left out."""
    return heading.text[len(heading.label):]


def _heading_words(heading: Heading) -> set[str]:
    """The words a heading names its part by: no figures, single characters or function words ("2016年重点工作" →
    重点, 工作, the year being the report's own; "关于1998年政府工作的建议" → 政府, 工作, 建议: 关于 says nothing)."""
    return {w for w in tokens(_named(heading)) if len(w) >= 2 and not w.isdigit() and not word_tag(w).startswith(_FUNCTION_TAGS)}


def _part_names(question: str) -> list[str]:
    """What the question may call a part right before the word 部分, longest first ("讲党的建设那部分" → 党的建设,
    建设; "报告的外交部分" → 报告的外交, 外交): a name may hold a particle of its own, so each place where a name
    could begin gives one, and so does each word after which it could begin ("今年主要任务的那部分" → 主要任务 of
    "三、2009年主要任务": the heading writes the year, the question says 今年)."""
    found = _CALLED.search(question)
    if not found:
        return []
    called = found.group(1).removesuffix("的")
    starts = {0} | {m.end() for m in _CALL_STARTS.finditer(called)}
    for start in list(starts):
        ends = [end for _, _, end in word_spans(called[start:])]
        starts |= {start + end for end in ends[:-1]}
    names = sorted({called[start:] for start in starts}, key=len, reverse=True)
    return [n for n in names if len(n) >= 2 and not ASKING.search(n) and not _ORDINAL.match(n) and not _CALL_STARTS.match(n)]


def _called_heading(question: str, sections: Sequence[Heading]) -> tuple[Heading, str] | None:
    """The one heading the question calls by name, and the name: the longest name (:func:`_part_names`) that one
    heading writes, its particles aside ("党的建设" is written "把党建设成为…")."""
    for name in _part_names(question):
        bare = _PARTICLES.sub("", name)
        called = [h for h in sections if bare and bare in _PARTICLES.sub("", _named(h))]
        if called:
            return (called[0], bare) if len(called) == 1 else None
    return None


def _found_in(word: str, title: str) -> bool:
    """``word`` is in ``title``, or abbreviates words of it: its characters in order, close together."""
    return re.search(f".{{0,{ABBREVIATION_GAP}}}".join(map(re.escape, word)), title) is not None


def _described(asked: set[str], titles: Sequence[str]) -> int:
    """The index of the one title the question's words describe clearly better than every other, or -1. A
    word found in several titles (the plan all parts discuss) counts for each only its share."""
    found = [{word for word in asked if len(word) > 1 and _found_in(word, title)} for title in titles]
    holders = {word: sum(word in words for words in found) for word in asked}
    scores = [sum(1 / holders[word] for word in words) for words in found]
    ranked = sorted(range(len(titles)), key=lambda i: -scores[i])
    if not ranked or len(found[ranked[0]]) < MIN_DESCRIBED or len(ranked) > 1 and scores[ranked[0]] < DESCRIBED_LEAD * scores[ranked[1]]:
        return -1
    return ranked[0]


def point_in_named_part(document: Document, text: str) -> OutlineRequest | None:
    """An ordinal point asked of a part the question names by its heading's words instead of its number, or
    by a description of its heading (see :data:`MIN_DESCRIBED`)."""
    named = _point_in_named_part(document, text)
    return named[1] if named else None


def _point_in_named_part(document: Document, text: str) -> tuple[Sureness, OutlineRequest] | None:
    """:func:`point_in_named_part`, with how surely the part was named (smaller is surer)."""
    point, mention = parse_point_only(text), point_mention(text)
    sections = top_sections(document)
    # "第六个五年计划…" names a part by its heading's first words; it asks for no sixth point
    if not point or any(mention in heading.text for heading in sections):
        return None
    asked = set(tokens(text.replace(mention, " ")))
    best, number = 0.0, 0
    for heading in sections:
        words = _heading_words(heading)
        shared = len(words & asked)
        if words and shared >= 2 and shared / len(words) > best:
            best, number = shared / len(words), heading.number
    if best >= HEADING_SHARE:
        return (Naming.WORDS, -best), OutlineRequest("point", number, point)
    called = _called_heading(text, sections)
    if called is not None:  # a longer name is surer: "党的建设" over 建设
        return (Naming.CALLED, -len(called[1])), OutlineRequest("point", called[0].number, point)
    described = _described(asked, [_named(heading) for heading in sections])
    return ((Naming.DESCRIBED, 0.0), OutlineRequest("point", sections[described].number, point)) if described >= 0 else None


def _about(question: str) -> dict[str, float]:
    """The distinctive words a question says beside its outline reference ("第一部分说今年有三个特殊性，第一个是什么"
    → 特殊性, 特殊), weighted by their rarity in general Chinese."""
    words = [w for w in tokens(question) if not _REFERENCE_WORD.search(w) and not ASKING.search(w)]
    return {w: weight for w in words if (weight := rarity(w)) > 0}


def _described_by_content(having: Found, question: str) -> tuple[Found, str]:
    """Of the documents that have the part asked for, those whose part holds the most of what the question
    says about it (by rarity weight), when that singles some out; the word that decided, for the answer."""
    about = _about(question)
    held = [sum(v for w, v in about.items() if any(w in p.text for p in passages)) for _, passages, _ in having]
    best = max(held, default=0.0)
    if best <= 0 or min(held) == best:
        return having, ""
    kept = [entry for entry, weight in zip(having, held) if weight == best]
    word = max((w for w in about if any(w in p.text for p in kept[0][1])), key=about.__getitem__)
    return kept, word


def topic_of(text: str) -> set[str]:
    """The words of a question that say what it is about: not how it asks, nor the outline words or counts
    ("三个", "第二个") that say where."""
    return {w for w in tokens(text) if len(w) >= 2 and not ASKING.search(w) and w not in OUTLINE_WORDS
            and not _REFERENCE_WORD.search(w)}


def names_an_outline_list(documents: Sequence[Document], count: int, question: str) -> bool:
    """Whether a count the question states ("分了三个方面") can mean a list in the outline of one of ``documents``
    (see :func:`~assistant.query.sections.lists_parts`); if not, the list is one the text sets out."""
    about = sorted(topic_of(question))
    return any(lists_parts(document, count, about) for document in documents)


def part_named_whole(document: Document, text: str) -> OutlineRequest | None:
    """"2014年重点工作有哪几项？": a question asking for several things, every word of which (interrogatives and
    outline words aside) is a word of one top-level heading, asks for that part and its points."""
    asked = topic_of(text)
    if len(asked) < 2:
        return None
    named = [h for h in top_sections(document) if asked <= set(tokens(_named(h)))]
    return OutlineRequest("section", named[0].number) if len(named) == 1 else None


def part_named_in(documents: Sequence[Document], text: str, whole: bool) -> tuple[Document, OutlineRequest] | None:
    """The one document of ``documents`` with a part the question names by its heading, and the request: a point
    of it (:func:`point_in_named_part`) or, when ``whole`` may be asked for, the part itself
    (:func:`part_named_whole`). When several documents have such a part, the one named most surely
    (:class:`Naming`, then the share of heading words or the length of the name) if it alone is; else ``None``:
    "讲农业那部分的第二条" over several reports is no one's."""
    found: list[tuple[Sureness, Document, OutlineRequest]] = []
    for document in documents:
        if named := _point_in_named_part(document, text):
            found.append((named[0], document, named[1]))
        elif whole and (request := part_named_whole(document, text)):
            found.append(((Naming.WORDS, -1.0), document, request))
    if not found:
        return None
    surest = min(entry[0] for entry in found)
    chosen = [entry for entry in found if entry[0] == surest]
    return (chosen[0][1], chosen[0][2]) if len(chosen) == 1 else None


def find_each(documents: Sequence[Document], request: OutlineRequest, question: str = "") -> tuple[list[Passage], str]:
    """The passages and the one-line answer for ``request`` asked of every document in ``documents``; when the
    question also says what the part is about, only the documents whose part holds that."""
    if len(documents) == 1:
        return find(documents[0], request)
    if request.ask == "title":  # every document has one (its file's name when the text writes no title line)
        titles = [p for document in documents for p in find(document, request)[0]]
        return titles, wording.titles([f"《{d.title}》" for d in documents])
    # documents that number their points answer "第四点"; paragraphs are counted only when none does
    found = [(document, *find(document, request, count_paragraphs=False)) for document in documents]
    if not any(passages for _, passages, _ in found):
        found = [(document, *find(document, request)) for document in documents]
    having = [(d, passages, message) for d, passages, message in found if passages]
    if not having:
        return [], "这几份文档都没有这一部分。"
    kept, word = _described_by_content(having, question)
    narrowed = wording.narrowed(len(having), word) if word else ""
    having = kept
    if word and len(having) == 1:
        document, passages, message = having[0]
        return passages, f"《{document.title}》{message.removeprefix(f'《{document.title}》')}{narrowed}"
    missing = [] if word else [f"《{d.title}》" for d, passages, _ in found if not passages]
    parts = [(f"《{d.title}》", message.removeprefix(f"《{d.title}》")) for d, _, message in having]
    lead = [passages[0] for _, passages, _ in having]
    rest = [p for _, passages, _ in having for p in passages[1:PER_DOCUMENT]]
    return lead + rest, wording.per_document(parts, missing) + narrowed
