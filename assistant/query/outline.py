"""What a question asks of the outline: "第五部分第二点讲了什么", "第三部分的标题", "讲话分几部分", "最后一点是什么",
"what is part 7 about" — read into an :class:`OutlineRequest` (answered from the parsed structure, ``sections.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..text import CHINESE_NUMERAL, ENGLISH_ORDINALS, chinese_to_int, int_to_chinese
from ..tokens import tokens, word_ends, word_tag, written_words

Ask = Literal["title", "count", "section", "point", "scope"]
LAST = -1  # "最后一部分" / "最后一点"

_NUM = rf"(?:{CHINESE_NUMERAL}|\d{{1,2}})"
_SECTION_WORDS = r"(?:个)?(?:部分|方面|大方面|章|篇|板块|大块|块)"
_POINT_WORDS = r"(?:个)?(?:点|条|项|要求|方面|层意思|步|个|是|要)"
_SECTION = re.compile(rf"第({_NUM}){_SECTION_WORDS}|(最后|末尾)一?{_SECTION_WORDS}")
#: "第三点", "第（三）点", "（三）那一条": a point, its number bracketed as the text numbers it or not.
_POINT = re.compile(rf"第[（(]?({_NUM})[）)]?{_POINT_WORDS}|[（(]({_NUM})[）)](?:那|这)?一?(?:个|条|点|项)|(最后|末尾)一?(?:个)?(?:点|条|项|要求)|(最后|末尾)一个(?=是|呢|[？?]|$)|(另)一方面(?=是|呢|[？?]|$)")
#: An ordinal of 方面 or 块, which name parts and also the things an answer lists ("第三个方面", "第4块", "最后一个方面").
ASPECT_ORDINAL = re.compile(rf"第{_NUM}个?(?:方面|块)|(?:最后|末尾)一个?(?:方面|块)")
#: A part called by a name, not counted: "回顾去年工作的那部分", "外交部分", "那部分" — not "几部分", "大部分".
_NAMED_PART = re.compile(r"(?:^|[\u4e00-\u9fff](?<![几大一两三四五六七八九十多第个些]))(?:那|这)?一?个?部分")
_THING = re.compile(rf"第({_NUM})件|(最后)一件")
_EN_ORDINALS = ENGLISH_ORDINALS[:12]  # a twelfth part is the most a text has
_EN_SECTION = re.compile(rf"\b(?:part|section|chapter)\s+(\d{{1,2}})\b|\b({'|'.join(_EN_ORDINALS)}|last)\s+(?:part|section|chapter)\b", re.I)
_EN_POINT = re.compile(rf"\b(?:point|item)\s+(\d{{1,2}})\b|\b({'|'.join(_EN_ORDINALS)}|last)\s+(?:point|item|requirement)\b", re.I)
#: A count the question states ("重点抓好的八个方面工作中，第四个方面"), not an ordinal's ("第四个方面").
_STATED = re.compile(rf"(?<![第0-9{CHINESE_NUMERAL.strip('[]+')}])({_NUM})(?:个|大)?(?:方面|部分|点|条|项)")
_COUNT = re.compile(
    r"(?<![第哪])(?:几|多少)个?大?的?(?:部分|方面|大方面|章|篇|板块|一级标题|大标题)|(?:一级|大)标题(?:一共|总共|共)?有?(?:几|多少)个|(?:几|多少)大块|分(?:为|成|了)?几(?:个|大)*(?:块|板块)?(?=[，,；;？?。！!呢吗\s]|$)"
    r"|(?:分为|分成|包括|包含)哪(?:几|些)个?大?的?(?:部分|方面)|有哪(?:几|些)个?大?的?部分|how many (?:parts|sections)",
    re.I,
)
#: A part followed by what it says of a topic ("第五部分说产业要协同提升，是什么意思？", "第三部分提到的稳中求进指什么"):
#: the question asks about that topic inside the part, not about the part ("第五部分说了什么" asks the part).
_SAYS_OF = re.compile(r"^(?:里|中|里面)?(?:说|提到|讲到|谈到|提出)(?!(?:的|了)?是?(?:什么|啥|哪))(?:的|了)?[\u4e00-\u9fff“「\"]")
#: jieba's tags of nouns that can be a topic (not 一共, "j"; not an unknown word such as 这篇).
_NOUNS = ("n", "vn", "nz", "l", "an")
#: Nouns for the text and its make-up: what a count of its parts may have for its subject ("全文包括哪几个部分",
#: "讲话的主要内容包括哪些方面").
_TEXTS = ("文", "报告", "讲话", "文件", "文章", "全篇", "本篇", "内容", "结构", "框架", "部分", "方面")
#: A section named in a question that asks about the section itself, not about something inside it.
_ABOUT_SECTION = re.compile(r"讲(?:了|的)?是?(?:什么|啥|哪些)|说(?:了|的)?是?(?:什么|啥)|主要|内容|标题|题目|主题|意思|是(?:什么|啥)|关于什么|哪(?:个|一)?方面|概括|大意|几(?:个|条|点|项)|多少(?:个|条|点)|\babout\b|\btitle\b|\bheading\b", re.I)
_EN_TITLE = re.compile(r"\b(?:title|heading)\b", re.I)
#: A question that starts with a sub-section's marker: "（五）讲什么", "(5)的内容是什么".
_MARKER = re.compile(rf"^\s*[（(]({_NUM})[）)]")
MAX_MARKER_REST = 12
#: The text's title asked for; the words naming the text may have been cut as a reference ("讲话的标题叫什么？" is read
#: as "的标题叫什么？", "What is the title of the speech?" as "What is the title of the ?").
_DOC_TITLE = re.compile(r"(?:讲话|文章|这篇|本文|全文|报告)[^，。？?]{0,6}(?:标题|题目)|(?:标题|题目)(?:分别|都|各)?(?:是|叫)(?:什么|啥)"
                        r"|(?:什么|啥)(?:标题|题目)|^[的\s]*(?:标题|题目)[？?。\s]*$|title of the (?:speech|text|\s*[?？.]?\s*$)", re.I)
#: Which documents there are ("有哪些文档", "一共几份文件", "what documents are loaded"): answered with their titles.
_DOCUMENTS = re.compile(r"^(?:请问|你们?|这里|系统|现在|目前|一共|总共|都|里面|已经)*有(?:哪些|哪几[份篇个]|几[份篇个]|多少[份篇个]|什么)"
                        r"(?:文档|文件)[？?。！!吗呢\s]*$"
                        r"|^\s*(?:what|which) (?:documents|files|texts)(?: are)?(?: there| here| loaded| available| do you have)?\s*\??\s*$", re.I)


@dataclass(frozen=True)
class OutlineRequest:
    """What a structure question asks: ``section``/``point`` are 1-based numbers, :data:`LAST`, or 0 (none).

    ``scope`` is a content question limited to one section ("第一部分提到的三个特殊性是哪些"): it is
    answered by search inside that section rather than from the outline."""

    ask: Ask
    section: int = 0
    point: int = 0
    marker: str = ""  # a sub-section named by its marker alone ("（五）讲什么"): found in whichever part has it
    of: int = 0  # how many the question says there are ("八个方面中的第四个"): the list of that length is meant

    @property
    def names_a_part(self) -> bool:
        """It asks for a part or point of the outline itself (not a count, a title, or a search inside a part)."""
        return self.ask in ("section", "point")


def _number(match: re.Match[str]) -> int:
    """The 1-based number a section or point match names; :data:`LAST` for "最后" / "last"."""
    word = next((group for group in match.groups() if group), "").lower()
    if word in ("最后", "末尾", "last"):
        return LAST
    if word == "另":  # "另一方面" after "一方面…": the second
        return 2
    if word in _EN_ORDINALS:
        return _EN_ORDINALS.index(word) + 1
    return int(word) if word.isdigit() else chinese_to_int(word) or 0


def _section(text: str) -> re.Match[str] | None:
    """The ordinal that names a part ("第三部分", "part 3"), if any. "第三方面" after a part the question names in
    other words ("回顾去年工作的那部分，…第三方面") counts within that part: it is a point, not the third part."""
    found = _SECTION.search(text) or _EN_SECTION.search(text)
    if found and found.re is _SECTION and "方面" in found.group(0) and _NAMED_PART.search(text[: found.start()]):
        return None
    return found


def parse_request(text: str) -> OutlineRequest | None:
    """The outline request in ``text``, or ``None`` when it asks about content rather than structure."""
    section_match = _section(text)
    section = _number(section_match) if section_match else 0
    rest = text[section_match.end():] if section_match else text
    point_match = _point(rest) or _EN_POINT.search(rest)
    point = _number(point_match) if point_match else 0
    if section and point:
        return OutlineRequest("point", section, point)
    marked = _MARKER.match(text)
    if not section and marked and _ABOUT_SECTION.search(text[marked.end():]) and len(text) - marked.end() <= MAX_MARKER_REST:
        number = _number(marked)
        return OutlineRequest("point", 0, number, f"（{int_to_chinese(number)}）")
    if section:
        stated = next((m for m in _STATED.finditer(text) if m.end() <= section_match.start()), None)
        # English may ask for the part's title before naming it: "what is the title of part 2"
        title_first = section_match.re is not _SECTION and _EN_TITLE.search(text[:section_match.start()]) is not None
        asked = _ABOUT_SECTION.search(rest) is not None and not _SAYS_OF.search(rest)
        about = title_first or asked or not rest.strip("？?。！! ")
        return OutlineRequest("section" if about else "scope", section, of=_number(stated) if stated else 0)
    count = _COUNT.search(text)
    if count and not point_match and not _of_a_topic(text, count):  # "做了几方面工作，第三方面是什么" asks a point
        return OutlineRequest("count")
    # "第五点的标题是什么" asks a point's title, not the document's
    if (_DOC_TITLE.search(text) and not re.search(r"[“「\"]", text) and not point_match) or lists_documents(text):
        return OutlineRequest("title")
    return None


def _of_a_topic(text: str, count: re.Match[str]) -> bool:
    """"社会治理体系包括哪些方面": what 包括 has for its subject (a noun by jieba's tag) is a topic of the text, whose
    content is asked, not the text's parts; "（讲话）包括哪几个部分" has only the document, cut from the question as a
    reference, or a word for the text or its make-up ("全文一共…", "（讲话的）主要内容包括哪些方面")."""
    if not count.group(0).startswith(("包括", "包含")):
        return False
    clause = re.split(r"[，,。；;？?！!]", text[: count.start()])[-1]
    return any(len(word) >= 2 and word_tag(word) in _NOUNS and not word.endswith(_TEXTS) for word in written_words(clause))


def lists_documents(text: str) -> bool:
    """"有哪些文档": a title question about every document, whatever the conversation was about."""
    return bool(_DOCUMENTS.search(text))


def parse_bare_point(text: str) -> OutlineRequest | None:
    """An ordinal point asked with no section and nothing else ("最后一点是什么？"): with no conversation to
    lean on, "最后" means the speech's last point and a number the first section's."""
    found = _point(text)
    if not found or found.group(0).startswith("另") or _SECTION.search(text) or tokens(text[: found.start()] + text[found.end() :]):
        return None  # "另一方面" counts only after an answer that said "一方面"
    number = _number(found)
    return OutlineRequest("point", LAST if number == LAST else 1, number)


def parse_point_only(text: str) -> int:
    """An ordinal with no section ("第三点呢？", "那第三个呢？"): the point number, or 0."""
    if _section(text):
        return 0
    found = _point(text) or _EN_POINT.search(text)
    return _number(found) if found else 0


def thing_ordinal(text: str) -> tuple[int, str]:
    """"第三件是什么？": the Nth (-1: last) of the things an answer listed, and the words saying so, or (0, ""). 件 counts
    things done or to do, never the outline's points ("第四件" after "做了哪几件事")."""
    found = _THING.search(text)
    return (_number(found), found.group(0)) if found else (0, "")


def point_mention(text: str) -> str:
    """The words of ``text`` that ask for a point by its ordinal ("第五点", "第六个"), or ""."""
    found = _point(text) or _EN_POINT.search(text)
    return found.group(0) if found else ""


def _point(text: str) -> re.Match[str] | None:
    """The first Chinese ordinal that asks for a point and ends where a word ends: "第一要义", "第一要务" are words
    of their own, not "第一" + "要" (point words such as 要, 是, 个 also begin longer words)."""
    ends: set[int] | None = None
    for found in _POINT.finditer(text):
        ends = word_ends(text) if ends is None else ends
        if found.end() in ends:
            return found
    return None
