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
when it is a name (jieba tags it a noun, ``tokens.nominal``) and at least ``KEPT_UP`` of the dated reports from
that year on write it too. Policy prose that has a name for something keeps using it (互联网, 计划生育, 一带一路);
an everyday word turns up in a report now and then (交代, 意思, 礼貌), and its first year is chance. A report's
date is read as the assistant reads it, from its own name and cover (``query.documents.describe``); a congress
report that writes none gives no year.

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_policy_terms
"""

from __future__ import annotations

import re
from collections import Counter

from bench.learn.package import REPO, SHARED
from assistant.ingest.corpus import load_corpus
from assistant.query.documents import describe
from assistant.search.policy_terms import HEADER, TERMS_FILE
from assistant.tokens import nominal, tokens

MIN_DOCUMENTS = 2
#: The share of the dated reports from a word's first year on that must write it for that year to count.
KEPT_UP = 0.5
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
OUT = REPO / "assistant" / "data" / TERMS_FILE


def count() -> tuple[int, int, Counter[str], Counter[str], dict[str, list[int]]]:
    """(reports, tokens counted, count per word, reports per word, the dated reports' years per word) over the
    library; the speech stays out."""
    documents, problems = load_corpus(SHARED / "library")
    if problems:
        raise SystemExit("; ".join(problems))
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    years: dict[str, list[int]] = {"": []}  # "": every dated report
    total = 0
    for document in documents:
        words = [w for p in document.passages for w in tokens(p.text) if _HAN.match(w)]
        total += len(words)
        counts.update(words)
        spread.update(set(words))
        dated = describe(document, [p.text for p in document.passages if p.kind == "title"]).years
        for word in set(words) | {""} if dated else ():
            years.setdefault(word, []).append(min(dated))
    return len(documents), total, counts, spread, years


def first_year(word: str, years: dict[str, list[int]]) -> int:
    """The year policy prose began to write ``word``, when it is a name it kept writing from then on (else 0)."""
    written = years.get(word)
    if not written or not nominal(word):
        return 0
    since = [year for year in years[""] if year >= min(written)]
    return min(written) if len(written) >= KEPT_UP * len(since) else 0


def main() -> None:
    reports, total, counts, spread, years = count()
    kept = sorted((w for w in counts if spread[w] >= MIN_DOCUMENTS), key=lambda w: (-counts[w], w))
    lines = [HEADER.format(reports=reports, tokens=total)] + [f"{w}\t{spread[w]}\t{counts[w]}\t{first_year(w, years)}" for w in kept]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kept)} words from {reports} reports ({total} tokens)")


if __name__ == "__main__":
    main()
