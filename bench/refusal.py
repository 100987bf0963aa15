"""The refusal trade-off on an eval set: refusal of unanswerable vs false refusal of answerable questions,
as each threshold of assistant/refusal.py moves (the others held at their shipped values).

    .venv/bin/python bench/refusal.py ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import sys
from unittest import mock

from assistant.search import refusal
from assistant.batch import answer_item, read_items
from assistant.evaluate import evaluate
from assistant.assistant import Assistant

SWEEPS = {
    "SIMILARITY_FLOOR": [0.0, 0.77, 0.78, 0.79, 0.80, 0.81, 0.82],
    "KNOWN_SHARE_FLOOR": [0.0, 0.1, 0.15, 0.2, 0.3],
    "TOPIC_KNOWN_FLOOR": [0.0, 0.15, 0.25, 0.35, 0.5],
    "SPECIFIC_IDF": [8.0, 9.0, 10.0, 11.0, 12.0, 99.0],
    "ENGLISH_KNOWN_FLOOR": [0.0, 0.2, 0.34, 0.5],
}


def main(path: str) -> None:
    assistant = Assistant.load()
    with open(path, "rb") as handle:
        items = [item for item in read_items(handle) if not item.error]
    documents = {name: d.text for name, d in assistant.index.documents.items()}
    for name, values in SWEEPS.items():
        shipped = getattr(refusal, name)
        for value in values:
            with mock.patch.object(refusal, name, value):
                metrics = evaluate(((i.fields, answer_item(assistant, i)) for i in items), documents).overall.metrics()
            mark = "  ← shipped" if value == shipped else ""
            print(f"{name:20s} {value:5.2f}  refusal={metrics['refusal']:.2f}  false_refusal={metrics['false_refusal']:.3f}{mark}")


if __name__ == "__main__":
    main(sys.argv[1])
