"""When a question is set, and which documents were written about then.

A question that names no document may still say when it speaks of: "1955年国库进账…", "九十年代末政府大把借钱修路…",
"八十年代初农村把地分给各家各户…". A document that speaks of those years — dated within the reach a report
looks back and ahead over, or writing them itself — is likelier to answer than one written decades apart. The search leans on such documents (``Policy.era_weight``); it never
leaves the others out, since a year can also be a topic of any document ("1978年以来的改革").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Collection, Mapping, Sequence

from ..text import chinese_to_int, normalise
from .documents import full_year, years_in

#: How many years before its own date a document looks back over, and how many ahead.
LOOKS_BACK = 5
LOOKS_AHEAD = 1
#: A year the text writes this often is one it speaks of (once can be a date in passing).
MENTIONS = 2

_DECADE = re.compile(r"(?<![\d一二三四五六七八九十])([一二三四五六七八九]十|[1-9]0|(?:19|20)\d0)\s*年代\s*(初|中|末)?")
_WRITTEN_YEAR = re.compile(r"[\d〇零一二三四五六七八九]{2,4}年")
#: Which years of a decade "初", "中" and "末" mean.
_PART = {"初": (0, 3), "中": (4, 6), "末": (7, 9), None: (0, 9)}


def years_asked(text: str) -> tuple[int, int] | None:
    """The first and last year ``text`` speaks of: its years ("1955年", "九八年") and decades ("九十年代末"),
    ``None`` when it names no time."""
    years = set(years_in(_DECADE.sub(" ", text)))
    for match in _DECADE.finditer(text):
        decade = match.group(1)
        start = full_year(int(decade)) if decade.isdigit() else full_year(chinese_to_int(decade[0]) * 10)
        first, last = _PART[match.group(2)]
        years |= {start + first, start + last}
    return (min(years), max(years)) if years else None


def years_spoken_of(text: str, dated: Collection[int]) -> frozenset[int]:
    """The years a document is about: those within reach of its date (``dated``: the years its name and cover
    write; a report reviews its term and plans ahead) and those its ``text`` writes :data:`MENTIONS` times or
    more (an undated congress report writes the years it reviews and the years its goals are set for)."""
    written = Counter(year for match in _WRITTEN_YEAR.finditer(normalise(text)) for year in years_in(match.group(0)))
    reach = {y for date in dated for y in range(date - LOOKS_BACK, date + LOOKS_AHEAD + 1)}
    return frozenset(reach | {year for year, count in written.items() if count >= MENTIONS})


def documents_of(eras: Mapping[str, frozenset[int]], asked: tuple[int, int] | None, searched: Sequence[str]) -> tuple[str, ...]:
    """The documents of ``searched`` that speak of one of the ``asked`` years (``eras``: each document's
    :func:`years_spoken_of`). ``()`` when none does, or all do: nothing to lean on."""
    if asked is None:
        return ()
    years = set(range(asked[0], asked[1] + 1))
    near = tuple(d for d in searched if years & eras.get(d, frozenset()))
    return near if len(near) < len(searched) else ()
