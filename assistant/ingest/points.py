"""Which body paragraphs are numbered points, decided over a whole section rather than line by line.

A marker alone does not make a point: "最后，…" or "首先，…" opening an ordinary sentence is a
discourse marker, a point only when the section has another point it follows or precedes. And a list
whose first marker was written inside the paragraph before it ("深化企业改革，一要…" then "二要…")
gets its first point back from that paragraph. A section's points are the list that carries it (the items
that run on for paragraphs), or parallel lists of one kind each counting from one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..text import CHINESE_NUMERAL, int_to_chinese
from .outline_rules import PointMatch, longer_label, point_label

#: How many paragraphs before point two its point one may be written in ("…政策。一是…" then a paragraph).
RECOVER_BACK = 3
#: A list whose items run on this many times as long as another's (points with bodies against one-paragraph
#: items) carries the section; the other is the content of its introduction or of one of its points.
CARRY_RATIO = 2.0
_CLAUSE_BEFORE = "[，,：:；;。]"
_NUMBER = re.compile(rf"{CHINESE_NUMERAL}|\d+|[①-⑳]")


@dataclass(frozen=True)
class Point:
    """A paragraph's place in a list: its number (0 to count on), its label, whether a "——" bullet."""

    number: int
    label: str
    match: PointMatch

    @property
    def bullet(self) -> bool:
        return self.match.marker == "——"

    @property
    def family(self) -> str:
        """What a list's markers share once the number is taken out ("第#，", "#是", "（#）", "#"); "" for 首先/最后."""
        return "" if self.match.discourse else _NUMBER.sub("#", self.match.marker, count=1)


def point_of(text: str, match: PointMatch) -> Point:
    return Point(match.number, point_label(text, match), match)


def _first_marker(second: PointMatch) -> str:
    """The marker of point one in the list ``second`` belongs to ("二要" → "一要", "第二，" → "第一，")."""
    two = int_to_chinese(2)
    return second.marker.replace(two, int_to_chinese(1), 1) if two in second.marker else ""


def _recovered_first(text: str, second: PointMatch) -> Point | None:
    """Point one written inside ``text`` (the paragraph before point two), after a clause mark."""
    marker = _first_marker(second)
    found = re.search(_CLAUSE_BEFORE + re.escape(marker), text) if marker else None
    if not found:
        return None
    first = PointMatch(1, marker, second.takes_next_clause)
    return Point(1, point_label(text[found.start() + 1 :], first), first)


def _recover_first(texts: Sequence[str], points: list[Point | None], sections: Sequence[int], second: int) -> None:
    """Point one of the list point ``second`` is two of, written inside one of the few paragraphs before it."""
    match = points[second].match  # type: ignore[union-attr]
    for index in range(second - 1, max(second - 1 - RECOVER_BACK, -1), -1):
        if sections[index] != sections[second] or points[index] is not None:
            return
        first = _recovered_first(texts[index], match)
        if first is not None:
            points[index] = first
            return


def _lists(points: Sequence[Point | None], sections: Sequence[int]) -> list[list[int]]:
    """The lists of each section: runs of one family counting up; "首先" joins the list after it,
    "其次"/"最后" the section's first list."""
    lists: list[list[int]] = []
    last: dict[tuple[int, str], list[int]] = {}  # the open run of each family, per section
    numbered = [i for i, p in enumerate(points) if p is not None and not p.bullet]
    for index in numbered:
        point = points[index]
        assert point is not None
        family = point.family
        if not family:
            near = [i for i in numbered if sections[i] == sections[index] and points[i].family]  # type: ignore[arg-type]
            # "首先" opens the list after it; "其次"/"最后" continue the list the section opened with.
            joined = [i for i in near if i > index] if point.number == 1 else [i for i in near if i < index]
            family = points[joined[0]].family if joined else ""  # type: ignore[arg-type]
        key = (sections[index], family)
        run = last.get(key)
        if run is None or point.number == 1 and point.family:
            run = last[key] = []
            lists.append(run)
        run.append(index)
    return lists


def _item_chars(texts: Sequence[str], items: Sequence[int]) -> float:
    """How much text an item of a list runs over on average, up to the next item (the last item's end is
    unknown, so it is left out); 0 for a list of one."""
    sizes = [sum(len(texts[k]) for k in range(a, b)) for a, b in zip(items, items[1:])]
    return sum(sizes) / len(sizes) if sizes else 0.0


@dataclass(frozen=True)
class _List:
    """One list of a section: its paragraphs, its markers' kind ("" when only 首先/最后), its items' length,
    whether it counts from one (not the tail of a list whose first items were written inline)."""

    items: list[int]
    family: str
    item_chars: float
    from_one: bool

    @property
    def counted(self) -> bool:
        """A list of numbered items counting from one, as a parallel list is."""
        return len(self.items) > 1 and bool(self.family) and self.from_one


def _yields(items: _List, rival: _List) -> bool:
    """Whether ``items`` gives way to ``rival``, a list one after the other with it in the same section. A list
    whose items run on for paragraphs carries the section's argument; the short items before or after it are
    the content of its introduction or of one of its points. Lists of comparable items each counting from one
    ("继续实施财政政策。一是…" then "货币政策。一是…") are parallel: both are points. Else the longer counts."""
    own, other = items.item_chars, rival.item_chars
    if own and other and max(own, other) >= CARRY_RATIO * min(own, other):
        return other > own
    if items.counted and rival.counted:
        return False
    longer = len(rival.items) - len(items.items)
    return longer > 0 or longer == 0 and rival.items[0] < items.items[0]


def _settle_lists(texts: Sequence[str], points: list[Point | None], sections: Sequence[int]) -> None:
    """Decide which lists of a section are its points. A list written between two items of another ("一、"
    lines inside "第一，") is a finer level: plain paragraphs. Of lists one after the other, see :func:`_yields`."""
    lists = [_List(items, next((f for i in items if (f := points[i].family)), ""), _item_chars(texts, items),  # type: ignore[arg-type]
                   points[items[0]].number == 1) for items in _lists(points, sections)]  # type: ignore[union-attr]
    same = [[o for o in lists if o is not one and sections[o.items[0]] == sections[one.items[0]]] for one in lists]
    nested = [any(o.items[0] < one.items[0] < o.items[-1] for o in others) for one, others in zip(lists, same)]
    kept = [o for o, inner in zip(lists, nested) if not inner]
    for one, others, inner in zip(lists, same, nested):
        if inner or any(_yields(one, o) for o in others if o in kept):
            for index in one.items:
                points[index] = None


def settle_points(texts: Sequence[str], points: Sequence[Point | None], sections: Sequence[int]) -> list[Point | None]:
    """``points`` (one per paragraph, ``None`` for plain text) with lone discourse markers dropped and a
    first point recovered; ``sections`` gives each paragraph's section, so lists never cross a heading."""
    settled = list(points)
    for index, point in enumerate(points):
        if point is None or point.bullet:
            continue
        same = [i for i, p in enumerate(points) if p and not p.bullet and sections[i] == sections[index]]
        before = [i for i in same if i < index]
        kin = [points[i].number for i in before if points[i].family == point.family]  # type: ignore[union-attr]
        if point.match.discourse and not (before if point.number != 1 else [i for i in same if i > index]):
            settled[index] = None
        elif point.number == 2 and (not kin or kin[-1] != 1):  # no list of its kind open: its one is missing
            _recover_first(texts, settled, sections, index)
    _settle_lists(texts, settled, sections)
    _distinct_labels(texts, settled, sections)
    return settled


def _distinct_labels(texts: Sequence[str], points: list[Point | None], sections: Sequence[int]) -> None:
    """Points of one list whose labels read alike ("（一）贯彻“三个代表”重要思想" four times, the rest of each
    first sentence saying which) are labelled with their next clause too."""
    for members in _lists(points, sections):  # every member is a point
        listed = [points[i] for i in members]
        said = [p.label.removeprefix(p.match.marker) for p in listed]  # type: ignore[union-attr]
        for index, point, words in zip(members, listed, said):
            if said.count(words) > 1:
                points[index] = replace(point, label=longer_label(texts[index], point.label))  # type: ignore[arg-type]
