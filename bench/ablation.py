"""What each technique adds: the eval set scored with techniques switched off one at a time.

    .venv/bin/python bench/ablation.py ../shared/eval/dev.jsonl

Each row removes one technique from the full pipeline (the "full" row) and shows the scores without it.
Weights and the cascade are varied through the :class:`~assistant.policy.Policy`; techniques that are code,
not numbers (follow-ups, outline answers, lists, typos, the glossary) are switched off by patching them.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import replace
from typing import Callable
from unittest import mock

from assistant import Assistant, Policy
from assistant.batch import answer_item, read_items
from assistant.evaluate import evaluate
from assistant.query import conversation

Change = Callable[[Assistant], Policy]


def weights(**changes: object) -> Change:
    return lambda assistant: replace(assistant.policy, weights=replace(assistant.policy.weights, **changes))  # type: ignore[arg-type]


def without_second_encoder(**changes: object) -> Change:
    """The second encoder's channels count zero (its encodes still run: the index holds both)."""
    return lambda assistant: weights(muted=tuple(e.model_id for e in assistant.encoders[1:]), **changes)(assistant)


def no_cascade(assistant: Assistant) -> Policy:
    return replace(assistant.policy, cascade=False)


NO_TYPOS = ("assistant.query.reader.Reader.corrector", property(lambda self: mock.Mock(correct=lambda t: (t, ()))))
ROWS: list[tuple[str, Change | None, list[tuple[str, object]]]] = [
    ("full pipeline", None, []),
    ("− second encoder", without_second_encoder(), []),
    ("− encoder cascade (both encoders for every question)", no_cascade, []),
    ("− sentence-level dense", weights(sentence=0.0), []),
    ("− passage-level dense", weights(dense=0.0), []),
    ("− BM25", weights(bm25=0.0), []),
    ("− verbatim overlap", weights(overlap=0.0), []),
    ("− quote matching", weights(quote=0.0), []),
    ("− titles/headings only when quoted", weights(title=0.0, heading=0.0), []),
    ("− follow-up resolution", None, [("assistant.assistant.resolve", lambda text, turns, **_: conversation.resolve(text, ()))]),
    ("− outline answers", None, [("assistant.query.conversation.parse_request", lambda text: None)]),
    ("− list expansion", None, [("assistant.search.searcher.expand_list", lambda passages, ranked: ranked)]),
    ("− typo correction", None, [NO_TYPOS]),
    ("− English glossary", None, [("assistant.query.glossary.Glossary.translate", lambda self, text, known=None: {})]),
    ("dense first encoder only (peer-like)",
     without_second_encoder(bm25=0.0, overlap=0.0, quote=0.0, title=0.0, heading=0.0), []),
]


def main(path: str) -> None:
    shipped = Assistant.load()
    with open(path, "rb") as handle:
        items = [item for item in read_items(handle) if not item.error]
    documents = {name: d.text for name, d in shipped.index.documents.items()}
    print("| variant | hit@1 | hit@3 | MRR@5 | refusal | false refusal |\n|---|---|---|---|---|---|")
    for label, change, patches in ROWS:
        assistant = shipped.with_policy(change(shipped)) if change else shipped
        with ExitStack() as stack:
            for target, replacement in patches:
                stack.enter_context(mock.patch(target, replacement))
            assistant.searcher.dense.cache_clear()  # policies do not change vectors, but patches may
            report = evaluate(((i.fields, answer_item(assistant, i)) for i in items), documents)
        m = report.overall.metrics()
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@3']:.3f} | {m['mrr@5']:.3f} | {m['refusal']:.2f} | {m['false_refusal']:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
