"""Patterns that recognise headings and numbered points in Chinese official texts.

Kept apart from the parser so the rules can be read, tested and extended on their own. None of them
knows a particular text: they describe conventions shared by speeches, work reports and congress reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import CHINESE_NUMERAL, chinese_to_int

#: A heading line is short and holds no full stop inside: longer lines are paragraphs that start with a number.
MAX_HEADING_CHARS = 60

_LEVEL1 = re.compile(rf"^(?:({CHINESE_NUMERAL})、|第({CHINESE_NUMERAL})(?:部分|章|篇)[\s、：:，,]?)")
_LEVEL2 = re.compile(rf"^[（(]({CHINESE_NUMERAL})[）)]")
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
class HeadingMatch:
    level: int
    number: int
    marker: str


@dataclass(frozen=True)
class PointMatch:
    number: int  # 0 when the marker carries no number (bullets, "最后"): the parser counts instead
    marker: str
    takes_next_clause: bool


def match_heading(line: str) -> HeadingMatch | None:
    """``一、标题`` (level 1) or ``（一）标题`` (level 2), only when the line is short and unpunctuated."""
    if len(line) > MAX_HEADING_CHARS or "。" in line.rstrip("。"):
        return None
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2)):
        found = pattern.match(line)
        if found:
            numeral = next(group for group in found.groups() if group)
            number = chinese_to_int(numeral)
            if number and found.end() < len(line):
                return HeadingMatch(level, number, found.group(0))
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
        return PointMatch(_ORDER_WORDS.get(found.group(1), 0), found.group(0), True)
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
