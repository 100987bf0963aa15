"""Patterns that recognise headings and numbered points in Chinese official texts.

Kept apart from the parser so the rules can be read, tested and extended on their own. None of them
knows a particular text: they describe conventions shared by speeches, work reports and congress reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import CHINESE_NUMERAL, chinese_to_int, shortened

#: A heading line is short and holds no full stop inside: longer lines are paragraphs that start with a number.
MAX_HEADING_CHARS = 60

#: The numberings of parts and sub-sections, by style: "一、", "（一）", "第一部分" (or 章, 篇).
_NUMBERINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("、", re.compile(rf"^({CHINESE_NUMERAL})、")),
    ("（）", re.compile(rf"^[（(]({CHINESE_NUMERAL})[）)]")),
    ("部分", re.compile(rf"^第({CHINESE_NUMERAL})(?:部分|章|篇)[\s、：:，,]?")),
)
#: A sub-section written inline ("（一）构建….正文…") has a title sentence this short, without a clause inside.
MAX_INLINE_TITLE_CHARS = 40
_SENTENCE_STOP = re.compile(r"[。！？!?]")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_POINT_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern, the marker is followed by a separator so the label takes the next clause too)
    (re.compile(rf"^第({CHINESE_NUMERAL})[，,、：:]"), True),
    (re.compile(rf"^({CHINESE_NUMERAL})(?:是|要|则|须|来)"), False),
    (re.compile(rf"^[（(]({CHINESE_NUMERAL})[）)]"), True),
    (re.compile(r"^(\d{1,2})[.．、](?!\d)"), True),
    (re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩])"), True),
)
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "第三": 3}
_ORDER = re.compile(r"^(首先|其次|再次|最后)[，,]")
_BULLET = re.compile(r"^——(?=\S)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True)
class Numbered:
    """A paragraph that opens with a part or sub-section number, whether or not it is a heading line."""

    style: str  # which numbering it belongs to: "、", "（）" or "部分"
    number: int
    marker: str
    heading: bool  # short and without a full stop inside: a heading line
    title_chars: int = 0  # a heading written inline with its body: the length of its title sentence
    sentence_chars: int = 0  # the first sentence's length when short, clauses or not: a title among inline ones
    clause_chars: int = 0  # the first clause's length: where a part's title glued to its body ends at the latest
    full_stop: bool = False  # the line ends a sentence ("一、兴修水利。"), as list items do and part titles do not


@dataclass(frozen=True)
class PointMatch:
    number: int  # 0 when the marker carries no number (bullets, "最后"): the parser counts instead
    marker: str
    takes_next_clause: bool
    discourse: bool = False  # 首先/其次/再次/最后: a point only as part of a sequence


def inline_title_chars(line: str, marker: str, clauses: bool = False) -> int:
    """The length of the title of a sub-section written inline with its body ("（一）构建….正文…"): the
    first sentence when it is short and (unless ``clauses``) has no clause inside; 0 when it is not."""
    stop = _SENTENCE_STOP.search(line, len(marker))
    if not stop or stop.end() >= len(line) or stop.end() > MAX_INLINE_TITLE_CHARS:
        return 0
    title = line[len(marker) : stop.start()]
    return stop.end() if len(title) >= 2 and (clauses or not _CLAUSE_MARK.search(title)) else 0


def _first_clause_chars(line: str, marker: str) -> int:
    """The marker and the first clause, without the mark that ends it, when that is short enough for a heading
    ("三、深入改革经济体制和扩大对外开放国民经济的长期稳定发展，既要…": a title whose line break was lost)."""
    stop = _CLAUSE_END.search(line, len(marker))
    end = stop.start() if stop else 0
    return end if len(marker) + 2 <= end <= MAX_HEADING_CHARS else 0


def match_numbered(line: str) -> Numbered | None:
    """``一、…`` ``（一）…`` ``第一部分…``: the numbering a paragraph opens with, and whether it is a heading
    line (short, no full stop inside) or a sub-section written inline with its body."""
    for style, pattern in _NUMBERINGS:
        found = pattern.match(line)
        if not found:
            continue
        number = chinese_to_int(found.group(1))
        if not number or found.end() >= len(line):
            return None
        # An item ending in "；" is one of a list of clauses, never a heading.
        heading = len(line) <= MAX_HEADING_CHARS and "。" not in line.rstrip("。") and not line.endswith(("；", ";"))
        marker = found.group(0)
        if heading:
            return Numbered(style, number, marker, True, full_stop=bool(_SENTENCE_STOP.search(line[-1])))
        return Numbered(style, number, marker, False, inline_title_chars(line, marker), inline_title_chars(line, marker, True),
                        clause_chars=_first_clause_chars(line, marker))
    return None


def match_point(line: str) -> PointMatch | None:
    """A numbered point opening a paragraph: ``第一，`` ``一是`` ``一要`` ``（一）`` ``1.`` ``首先，`` ``——``."""
    for pattern, takes_next in _POINT_PATTERNS:
        found = pattern.match(line)
        if found:
            raw = found.group(1)
            number = _CIRCLED.index(raw) + 1 if raw in _CIRCLED else chinese_to_int(raw)
            if number:
                return PointMatch(number, found.group(0), takes_next)
    found = _ORDER.match(line)
    if found:
        return PointMatch(_ORDER_WORDS.get(found.group(1), 0), found.group(0), True, discourse=True)
    if _BULLET.match(line):
        return PointMatch(0, "——", False)
    return None


_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
MAX_LABEL_CHARS = 30


def point_label(line: str, point: PointMatch) -> str:
    """The point's name as people cite it: its first sentence when short, else its first clause."""
    body_start = len(point.marker) if point.takes_next_clause or point.marker == "——" else 0
    first_sentence = re.split(r"[。！？!?；;]", line, maxsplit=1)[0]
    if len(first_sentence) <= MAX_LABEL_CHARS:
        label = first_sentence
    else:
        clause_end = _CLAUSE_END.search(line, body_start)
        label = line[: clause_end.start()] if clause_end else line
    if len(label) > MAX_LABEL_CHARS + len(point.marker):
        label = label[: MAX_LABEL_CHARS + len(point.marker)] + "…"
    return label


def longer_label(line: str, label: str) -> str:
    """``label`` (a point's first clause) with the clause after it, when its siblings open alike."""
    if not line.startswith(label) or label.endswith("…"):
        return label
    clause_end = _CLAUSE_END.search(line, len(label) + 1)
    longer = line[: clause_end.start()] if clause_end else line
    return shortened(longer, 2 * MAX_LABEL_CHARS)
