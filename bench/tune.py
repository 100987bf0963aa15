"""Grid over fusion weights on an eval set (query vectors cached, so each setting costs only fusion).

    .venv/bin/python bench/tune.py ../shared/eval/dev.jsonl

Prints hit@1 / hit@3 / MRR@5 for each setting, best last. Use it to choose *few, round* weights; a
setting that wins by one question is noise, not a finding.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys

from assistant.batch import answer_item, read_items
from assistant.evaluate import evaluate
from assistant import DEFAULT_POLICY, Assistant

GRID = {
    "dense": [0.0, 0.5, 1.0],
    "sentence": [0.0, 0.5, 1.0],
    "bm25": [0.5, 1.0],
    "overlap": [0.25, 0.5, 1.0],
}


def main(path: str) -> None:
    shipped = Assistant.load()
    with open(path, "rb") as handle:
        items = [item for item in read_items(handle) if not item.error]
    documents = {name: d.text for name, d in shipped.index.documents.items()}
    results = []
    for values in itertools.product(*GRID.values()):
        weights = dataclasses.replace(DEFAULT_POLICY.weights, **dict(zip(GRID, values)))
        assistant = shipped.with_policy(dataclasses.replace(DEFAULT_POLICY, weights=weights))  # shares the encodes
        report = evaluate(((i.fields, answer_item(assistant, i)) for i in items), documents)
        metrics = report.overall.metrics()
        results.append((metrics["hit@1"] + metrics["hit@3"], metrics, dict(zip(GRID, values))))
    for _, metrics, setting in sorted(results, key=lambda r: r[0])[-20:]:
        print(json.dumps(setting), {k: metrics[k] for k in ("hit@1", "hit@3", "mrr@5")})


if __name__ == "__main__":
    main(sys.argv[1])
