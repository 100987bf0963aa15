"""The refusal trade-off on an eval set: refusal of unanswerable vs false refusal of answerable questions,
as each floor of the refusal policy (assistant/policy.py, RefusalPolicy) moves, the others held at their shipped values.

    .venv/bin/python bench/refusal.py ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import dataclasses
import sys

from assistant import DEFAULT_POLICY, Assistant
from assistant.batch import answer_item, read_items
from assistant.evaluate import evaluate

SWEEPS = {
    "similarity_floor": [0.0, 0.77, 0.78, 0.79, 0.80, 0.81, 0.82],
    "known_share_floor": [0.0, 0.1, 0.15, 0.2, 0.3],
    "topic_known_floor": [0.0, 0.15, 0.25, 0.35, 0.5],
    "specific_idf": [8.0, 9.0, 10.0, 11.0, 12.0, 99.0],
    "english_known_floor": [0.0, 0.2, 0.34, 0.5],
}


def main(path: str) -> None:
    shipped = Assistant.load()
    with open(path, "rb") as handle:
        items = [item for item in read_items(handle) if not item.error]
    documents = {name: d.text for name, d in shipped.index.documents.items()}
    for name, values in SWEEPS.items():
        for value in values:
            policy = dataclasses.replace(DEFAULT_POLICY, refusal=dataclasses.replace(DEFAULT_POLICY.refusal, **{name: value}))
            assistant = shipped.with_policy(policy)
            metrics = evaluate(((i.fields, answer_item(assistant, i)) for i in items), documents).overall.metrics()
            mark = "  ← shipped" if value == getattr(DEFAULT_POLICY.refusal, name) else ""
            print(f"{name:20s} {value:5.2f}  refusal={metrics['refusal']:.2f}  false_refusal={metrics['false_refusal']:.3f}{mark}")


if __name__ == "__main__":
    main(sys.argv[1])
