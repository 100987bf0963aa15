"""How often each word occurs in policy prose: the library's reports counted with the package's own tokenizer,
shipped as ``assistant/data/policy_terms.tsv`` for the answerability signal ``term_missing`` (the shipped model's
veto, docs/retrieval.md).

A near-topic question ("what does the 1982 report say about 碳达峰?") names a topic of the policy domain that the
asked documents never mention. A colloquial paraphrase also has words the documents lack ("泼冷水", "当家人"),
but those are everyday words, not policy terms. What separates them is how much more often a missing word
occurs in policy prose than in general Chinese (jieba's dictionary counts). Only words found in at least
``MIN_DOCUMENTS`` reports are kept: a word of one report alone says nothing about the domain.

Beside its counts, a word that names a new thing of policy gets the year policy prose began to write it
(``policy_terms.PolicyTerms.first``; 0 for any other word): the year of the earliest dated report that writes it,
when it is a name (``tokens.nominal``, not a verb-like noun) and at least ``KEPT_UP`` of the dated reports from
that year on write it too. Policy prose that has a name for something keeps using it (互联网, 计划生育, 一带一路);
an everyday word turns up in a report now and then (交代, 意思, 礼貌), and its first year is chance. A report's
date is read as the assistant reads it, from its own name and cover (``query.documents.describe``); a congress
report that writes none gives no year.

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_policy_terms
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bench.learn.package import REPO, SHARED
from assistant.ingest.corpus import load_corpus
from assistant.query.documents import describe
from assistant.search.policy_terms import HEADER, TERMS_FILE
from assistant.tokens import general_count, nominal, tokens, word_tag, written_words

MIN_DOCUMENTS = 2
#: The share of the dated reports from a word's first year on that must write it for that year to count.
KEPT_UP = 0.5
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
OUT = REPO / "assistant" / "data" / TERMS_FILE


@dataclass
class Library:
    """What the library's reports write: tokens counted, and the years of the dated reports."""

    reports: int = 0
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # word → tokens
    spread: Counter[str] = field(default_factory=Counter)  # word → reports that write it
    dated: list[int] = field(default_factory=list)  # the year of every dated report
    written_in: dict[str, list[int]] = field(default_factory=dict)  # word as written → the dated reports' years


def count() -> Library:
    """The library counted (the speech stays out). Counts are of the package's search tokens; the years are of
    the words as written (jieba's default cut) and the words at their ends (``_words_and_ends``), so a fragment
    from inside a longer word (场主 of 市场主体) gets none."""
    documents, problems = load_corpus(SHARED / "library")
    if problems:
        raise SystemExit("; ".join(problems))
    library = Library(reports=len(documents))
    for document in documents:
        words = [w for p in document.passages for w in tokens(p.text) if _HAN.match(w)]
        library.total += len(words)
        library.counts.update(words)
        library.spread.update(set(words))
        dated = describe(document).years
        if not dated:
            continue
        library.dated.append(min(dated))
        for word in {w for p in document.passages for w in _words_and_ends(p.text)}:
            library.written_in.setdefault(word, []).append(min(dated))
    return library


def _words_and_ends(text: str) -> set[str]:
    """The words of ``text`` as written, and the dictionary words that begin or end one (股票 of 股票市场): a
    compound is built of whole words at its ends, while a word inside it may straddle two (场主 of 市场主体)."""
    words = {w for w in written_words(text) if _HAN.match(w)}
    ends = {w[:n] for w in words for n in range(2, len(w))} | {w[-n:] for w in words for n in range(2, len(w))}
    return words | {e for e in ends if general_count(e)}


def first_year(word: str, library: Library) -> int:
    """The year policy prose began to write ``word``, when it is a name (``tokens.nominal``: a noun of jieba's
    dictionary, or a word it does not know, as new terms are: 雄安, 放管服) that it kept writing from then on (else 0).
    Words jieba cobbles from common characters seldom pass: they must be written in two reports and kept up."""
    written = library.written_in.get(word)
    if not written or not nominal(word) or word_tag(word).startswith("v"):  # a 名动词 (监管, 防控) names an activity
        return 0
    since = [year for year in library.dated if year >= min(written)]
    return min(written) if len(written) >= KEPT_UP * len(since) else 0


def main() -> None:
    library = count()
    kept = sorted((w for w in library.counts if library.spread[w] >= MIN_DOCUMENTS), key=lambda w: (-library.counts[w], w))
    lines = [HEADER.format(reports=library.reports, tokens=library.total)]
    lines += [f"{w}\t{library.spread[w]}\t{library.counts[w]}\t{first_year(w, library)}" for w in kept]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kept)} words from {library.reports} reports ({library.total} tokens)")


if __name__ == "__main__":
    main()
