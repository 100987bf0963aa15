"""Is a word the question needs, and the searched documents lack, a term of the policy domain?

A near-topic question ("what does the 1982 report say about 碳达峰?") names a policy topic the asked documents
never mention; a colloquial paraphrase also has words the documents lack ("泼冷水", "当家人"), but everyday
ones. The difference is read from how much more often the word occurs in policy prose (the library's reports,
counted by ``bench/learn/make_policy_terms.py`` into ``data/policy_terms.tsv``) than in general Chinese
(jieba's dictionary counts): its *keyness*, a log ratio of the two rates. The table is general domain
vocabulary, like jieba's dictionary: a word missing from the asked documents was, by construction, counted
only in other reports. The shipped model uses it as a veto (``answer_model.Model.term_veto``): as a feature it
refused more near-topic questions but fewer everyday ones (docs/retrieval.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Mapping, Sequence

from ..tokens import general_count, general_idf

TERMS_FILE = "policy_terms.tsv"
#: How many years after a document's year a word must have begun for the document not to know it: a report
#: named for a year may be given early the next (``era.LOOKS_AHEAD``).
LATER_BY = 1
HEADER = "# reports={reports} tokens={tokens}"
_HEADER = re.compile(r"^# reports=(\d+) tokens=(\d+)$")


@dataclass(frozen=True)
class PolicyTerms:
    """Word → how often the library's reports write it, out of ``total`` tokens, and the year of the earliest
    dated report that writes it (``first``; absent: only undated reports do)."""

    counts: Mapping[str, int]
    total: int
    first: Mapping[str, int] = field(default_factory=dict)

    def keyness(self, word: str) -> float:
        """log(rate in policy prose / rate in general Chinese), 0 for a word policy prose does not favour."""
        count = self.counts.get(word, 0)
        if not count:
            return 0.0
        return max(0.0, math.log(count / self.total) + general_rarity(word))


@lru_cache(maxsize=1)
def policy_terms() -> PolicyTerms:
    """The shipped table."""
    return read_terms(resources.files("assistant").joinpath("data", TERMS_FILE).read_text(encoding="utf-8"))


def read_terms(text: str) -> PolicyTerms:
    """The table, checked line by line: a broken package file is an error, not an empty table."""
    header, *rows = text.splitlines() or [""]
    match = _HEADER.match(header)
    if match is None:
        raise ValueError(f"{TERMS_FILE}: first line is not '{HEADER}'")
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        fields = row.split("\t")
        if len(fields) != 4 or not (fields[2].isdigit() and fields[3].isdigit()):
            raise ValueError(f"{TERMS_FILE}: line {number} is not 'word<TAB>reports<TAB>count<TAB>first year'")
        counts[fields[0]] = int(fields[2])
        if int(fields[3]):
            first[fields[0]] = int(fields[3])
    return PolicyTerms(counts, int(match.group(2)), first)


def general_rarity(word: str) -> float:
    """−log of the word's rate in general Chinese. A word jieba's dictionary lacks is not therefore rare: jieba's
    own guesses ("水利上要上马" → 上要) are common characters side by side, so it is read no rarer than its
    characters are together (碳达峰, 新冠 stay rare; 上要 does not)."""
    rarity = general_idf(word)
    return rarity if general_count(word) else min(rarity, sum(general_idf(c) for c in word))


def strongest_missing(words: Sequence[str], present: Callable[[str], bool]) -> tuple[str, float]:
    """The word of ``words`` with the largest keyness that is not ``present`` in the searched documents, and
    that keyness (``("", 0.0)`` when every word is there or none is a policy term)."""
    terms = policy_terms()
    scored = [(terms.keyness(w), w) for w in words if not present(w)]
    keyness, word = max(scored, default=(0.0, ""))
    return (word, keyness) if keyness > 0 else ("", 0.0)


def missing_since(words: Sequence[str], present: Callable[[str], bool], written_by: int) -> list[str]:
    """The words of ``words`` not ``present`` in the searched documents that policy prose began to write only after
    ``written_by``, the year the latest of them was written, newest first (empty when there is none). Such a
    document cannot speak of them in other words either: "1957年的报告对互联网…" is asked of a text forty years older
    than the word."""
    first = policy_terms().first
    late = [(first[w], w) for w in words if first.get(w, 0) > written_by and not present(w)]
    return [w for _, w in sorted(late, reverse=True)]
