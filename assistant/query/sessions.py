"""Terms and sessions by number ("第六届全国人大第二次会议"): where a report was given, as its cover says it and
as a question may name it. A question numbering them otherwise than a cover does is not about that document."""

from __future__ import annotations

import re
from typing import Iterable

from ..text import CHINESE_NUMERAL, chinese_to_int

#: Cover words that only number ("第一", "一届", "第四次"): a session's numbers, not title words.
NUMBERING = re.compile(rf"^第?{CHINESE_NUMERAL}(?:届|次)?$")
#: "第六届", "八届", "第二次会议", "五次会议": 届 always numbers a term; 次 only before a meeting ("第一次提出" counts).
_SESSION = re.compile(rf"第?({CHINESE_NUMERAL}|\d{{1,2}})(届)|第?({CHINESE_NUMERAL}|\d{{1,2}})(次)(?=全体会议|会议|大会|全国代表大会)")


def sessions(text: str) -> set[tuple[str, int]]:
    """The terms (届) and sessions (次) ``text`` numbers: "第六届全国人大第二次会议" → {("届", 6), ("次", 2)}."""
    return {session for _, _, session in numbered(text)}


def numbered(text: str) -> list[tuple[int, int, tuple[str, int]]]:
    """Each term or session ``text`` numbers, with where it is written: (start, end, ("届", 6))."""
    found = []
    for match in _SESSION.finditer(text):
        number, measure = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        found.append((match.start(), match.end(), (measure, int(number) if number.isdigit() else chinese_to_int(number))))
    return found


def contradicts(asked: Iterable[tuple[str, int]], cover: Iterable[tuple[str, int]]) -> bool:
    """Whether a question numbers a term or session otherwise than every one of the same kind a cover names (a
    cover that numbers none cannot be contradicted)."""
    covered, wanted = _by_measure(cover), _by_measure(asked)
    return any(measure in covered and not numbers & covered[measure] for measure, numbers in wanted.items())


def _by_measure(sessions_: Iterable[tuple[str, int]]) -> dict[str, set[int]]:
    """("届", 1), ("次", 4) → {"届": {1}, "次": {4}}."""
    grouped: dict[str, set[int]] = {}
    for measure, number in sessions_:
        grouped.setdefault(measure, set()).add(number)
    return grouped
