"""Terms and sessions by number ("第六届全国人大第二次会议"): where a report was given, as its cover says it and
as a question may name it. A question numbering them otherwise than a cover does is not about that document."""

from __future__ import annotations

import re

from ..text import CHINESE_NUMERAL, chinese_to_int

#: "第六届", "八届", "第二次", "五次会议": 届 always numbers a term; a bare 次 only before a meeting ("讲了两次" counts).
_SESSION = re.compile(rf"第({CHINESE_NUMERAL}|\d{{1,2}})(届|次)|({CHINESE_NUMERAL}|\d{{1,2}})(届)"
                      rf"|({CHINESE_NUMERAL}|\d{{1,2}})(次)(?=全体会议|会议|大会)")


def sessions(text: str) -> dict[str, set[int]]:
    """The terms (届) and sessions (次) ``text`` numbers: "第六届全国人大第二次会议" → {"届": {6}, "次": {2}}."""
    found: dict[str, set[int]] = {}
    for match in _SESSION.finditer(text):
        number, measure = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
        found.setdefault(measure, set()).add(int(number) if number.isdigit() else chinese_to_int(number))
    return found


def contradicts(asked: dict[str, set[int]], cover: dict[str, set[int]]) -> bool:
    """Whether a question numbers a term or session otherwise than every one of the same kind a cover names (a
    cover that numbers none cannot be contradicted)."""
    return any(measure in cover and not numbers & cover[measure] for measure, numbers in asked.items())
