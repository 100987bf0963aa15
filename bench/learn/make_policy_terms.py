"""How often each word occurs in policy prose: the library's reports counted with the package's own tokenizer,
shipped as ``assistant/data/policy_terms.tsv`` for the answerability signal ``term_missing`` (the shipped model's
veto, docs/retrieval.md).

A near-topic question ("what does the 1982 report say about 碳达峰?") names a topic of the policy domain that the
asked documents never mention. A colloquial paraphrase also has words the documents lack ("泼冷水", "当家人"),
but those are everyday words, not policy terms. What separates them is how much more often a missing word
occurs in policy prose than in general Chinese (jieba's dictionary counts). Only words found in at least
``MIN_DOCUMENTS`` reports are kept: a word of one report alone says nothing about the domain.

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_policy_terms
"""

from __future__ import annotations

import re
from collections import Counter

from bench.learn.package import REPO, SHARED
from assistant.ingest.corpus import load_corpus
from assistant.search.policy_terms import HEADER, TERMS_FILE
from assistant.tokens import tokens

MIN_DOCUMENTS = 2
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
OUT = REPO / "assistant" / "data" / TERMS_FILE


def count() -> tuple[int, int, Counter[str], Counter[str]]:
    """(reports, tokens counted, count per word, reports per word) over the library; the speech stays out."""
    documents, problems = load_corpus(SHARED / "library")
    if problems:
        raise SystemExit("; ".join(problems))
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    total = 0
    for document in documents:
        words = [w for p in document.passages for w in tokens(p.text) if _HAN.match(w)]
        total += len(words)
        counts.update(words)
        spread.update(set(words))
    return len(documents), total, counts, spread


def main() -> None:
    reports, total, counts, spread = count()
    kept = sorted((w for w in counts if spread[w] >= MIN_DOCUMENTS), key=lambda w: (-counts[w], w))
    lines = [HEADER.format(reports=reports, tokens=total)] + [f"{w}\t{spread[w]}\t{counts[w]}" for w in kept]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kept)} words from {reports} reports ({total} tokens)")


if __name__ == "__main__":
    main()
