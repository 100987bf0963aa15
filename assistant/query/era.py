"""When a question is set, and which documents were written about then.

A question that names no document may still say when it speaks of: "1955年国库进账…",
"九十年代末政府大把借钱修路…", "八十年代初农村把地分给各家各户…". A document that speaks of those years —
dated within the reach a report looks back and ahead over, or writing them itself — is likelier to answer than
one written decades apart. The search leans on such documents (``Policy.era_weight``); it never leaves the
others out, since a year can also be a topic of any document ("1978年以来的改革").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Collection, Mapping, Sequence

from ..text import CHINESE_DIGITS, chinese_to_int, normalise
from .documents import full_year, year_of

#: How many years before its own date a document looks back over, and how many ahead.
LOOKS_BACK = 5
LOOKS_AHEAD = 1
#: A year the text writes this often is one it speaks of (once can be a date in passing).
MENTIONS = 2

#: A year as a date, not a span of years: four figures ("1955年", "一九八二年"), or two whose first is 5–9 or 0
#: ("98年", "九八年", "〇五年"). "近10年来", "改革开放30年", "用了三四年", "七八年前" and "第15届" are no dates.
_YEAR = re.compile(
    rf"(?<![\d{CHINESE_DIGITS}十])((?:19|20)\d\d|[一二][九〇零][{CHINESE_DIGITS}]{{2}}|[05-9]\d|[〇零五六七八九][{CHINESE_DIGITS}])\s*年"
    r"(?!代|来|前|内|后|间|多|左右|以来|以内)")
_DECADE = re.compile(r"(?<![\d一二三四五六七八九十])([一二三四五六七八九]十|[1-9]0|(?:19|20)\d0)\s*年代\s*(初|中|末)?")
#: An English question writes a year after a preposition ("in 1960", "by 1975", "between 2008 and 2012") and a
#: decade with an s ("the 1950s", "the early 1980s"); read only in English, where no 年 follows a date ("the 2000
#: villages" is a count).
_YEAR_EN = re.compile(r"\b(?:in|by|since|before|after|between|from|to|until|till|through|during|around|year|and)\s+"
                      r"((?:19|20)\d\d)\b(?![.,]\d)", re.I)
_DECADE_EN = re.compile(r"\b(?:(early|mid|late)[- ]?)?((?:19|20)\d0)s\b", re.I)
_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}")
#: Which years of a decade "初", "中" and "末" mean.
_PART = {"初": (0, 3), "中": (4, 6), "末": (7, 9), None: (0, 9)}
_PART_EN = {"early": "初", "mid": "中", "late": "末"}


def dates_in(text: str) -> list[int]:
    """Every year ``text`` writes as a date, as full years, in order (a decade not among them)."""
    return [year_of(match.group(1)) for match in _YEAR.finditer(text)]


def years_asked(text: str) -> frozenset[int]:
    """The years ``text`` speaks of: its dates ("1955年", "九八年") and the years of its decades ("九十年代末" =
    1997–1999); empty when it names no time."""
    years = set(dates_in(_DECADE.sub(" ", text)))
    for match in _DECADE.finditer(text):
        decade = match.group(1)
        start = full_year(int(decade) if decade.isdigit() else (chinese_to_int(decade) or 0))
        first, last = _PART[match.group(2)]
        years |= set(range(start + first, start + last + 1))
    if len(_ENGLISH_WORDS.findall(text)) >= 3:
        years |= {int(match.group(1)) for match in _YEAR_EN.finditer(text)}
        for match in _DECADE_EN.finditer(text):  # "the early 1980s" = 1980–83, as 八十年代初
            first, last = _PART[_PART_EN.get((match.group(1) or "").lower())]
            years |= set(range(int(match.group(2)) + first, int(match.group(2)) + last + 1))
    return frozenset(years)


def years_spoken_of(text: str, dated: Collection[int]) -> frozenset[int]:
    """The years a document is about: those within reach of its date (``dated``: the years its name and cover
    write; a report reviews its term and plans ahead) and the dates its ``text`` writes :data:`MENTIONS` times or
    more (an undated congress report writes the years it reviews and the years its goals are set for)."""
    written = Counter(dates_in(normalise(text)))
    reach = {y for date in dated for y in range(date - LOOKS_BACK, date + LOOKS_AHEAD + 1)}
    return frozenset(reach | {year for year, count in written.items() if count >= MENTIONS})


def written_by(dated: Collection[int]) -> int | None:
    """The year a document was written, as its name or cover gives it (the latest, if several); ``None`` when they
    give none. Not read from the text: a report that looks back writes past years most often (十六大's text writes
    1989 more than 2002), so a text's own years could date it early."""
    return max(dated) if dated else None


def documents_of(eras: Mapping[str, frozenset[int]], asked: Collection[int], searched: Sequence[str]) -> tuple[str, ...]:
    """The documents of ``searched`` that speak of one of the ``asked`` years (``eras``: each document's
    :func:`years_spoken_of`). ``()`` when none does, or all do: nothing to lean on."""
    near = tuple(d for d in searched if eras.get(d, frozenset()) & set(asked))
    return near if len(near) < len(searched) else ()
