"""Fusion weights chosen out of fold: a small grid, every development question, folds split by document.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/tune_folds.py --library-corpus /tmp/dev-library/corpus \
        --library-index /tmp/dev-library/index [--speech-index DIR]

Three sets are answered under every setting of the grid: ``dev.jsonl`` on the speech, ``dev-library.jsonl`` on its
six documents, and ``dev.jsonl`` asked of the same six documents (the crowding check). Each answerable question
belongs to the document its evidence is in. For each document, the setting is chosen on the *other* documents'
questions (most hit@1 + hit@3; ties go to the setting nearest the shipped one) and scored on this document's: the
out-of-fold figure says what choosing weights this way is worth on documents it never saw. Query vectors are encoded
once and shared by every setting (only fusion and what follows it run again).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import DEFAULT_POLICY, Assistant, Settings  # noqa: E402
from assistant.batch import BatchItem, answer_item, read_items  # noqa: E402
from assistant.evaluate import hit_rank  # noqa: E402
from assistant.search import searcher  # noqa: E402

EVAL = Path(os.environ.get("ASSISTANT_SHARED", "/work/shared")) / "eval"
GRID = {
    "dense": [0.5, 1.0, 1.5],
    "sentence": [0.25, 0.5, 1.0],
    "bm25": [0.25, 0.5, 1.0],
    "overlap": [0.25, 0.5, 1.0],
}
Setting = tuple[float, ...]
Row = tuple[str, int, int]  # (document, hit@1, hit@3) of one answerable question
SHIPPED: Setting = tuple(getattr(DEFAULT_POLICY.weights, name) for name in GRID)


def items(path: Path) -> list[BatchItem]:
    with path.open("rb") as handle:
        return [item for item in read_items(handle) if not item.error]


def outcome(item: BatchItem, record: dict[str, Any]) -> Row | None:
    """(document, hit@1, hit@3) of an answerable question; ``None`` for an unanswerable one."""
    fields = item.fields
    if not fields.get("answerable"):
        return None
    doc = fields.get("doc") or "speech.txt"
    shown = [p["text"] if p["doc"] in (fields.get("docs") or [doc]) else "" for p in record.get("passages", [])]
    rank = hit_rank(shown, fields["evidence"])
    return doc, int(rank == 1), int(rank is not None and rank <= 3)


def run(assistant: Assistant, questions: list[BatchItem], setting: Setting) -> list[Row]:
    weights = dataclasses.replace(DEFAULT_POLICY.weights, **dict(zip(GRID, setting)))
    tuned = assistant.with_policy(dataclasses.replace(DEFAULT_POLICY, weights=weights))
    found = (outcome(item, answer_item(tuned, item)) for item in questions)
    return [row for row in found if row is not None]


def distance(setting: Setting) -> float:
    return sum(abs(a - b) for a, b in zip(setting, SHIPPED))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library-corpus", type=Path, required=True)
    parser.add_argument("--library-index", type=Path, required=True)
    parser.add_argument("--speech-index", type=Path, default=None, help="default: the project's index/")
    args = parser.parse_args()
    searcher.DENSE_CACHE = 1 << 14  # every question's encodes stay cached across the grid
    speech = Assistant.load(Settings(index=args.speech_index) if args.speech_index else Settings())
    library = Assistant.load(Settings(corpus=args.library_corpus, index=args.library_index))
    sets = {"dev": (speech, items(EVAL / "dev.jsonl")), "library": (library, items(EVAL / "dev-library.jsonl")),
            "crowding": (library, items(EVAL / "dev.jsonl"))}
    grid = list(itertools.product(*GRID.values()))
    if SHIPPED not in grid:
        grid.append(SHIPPED)
    results: dict[Setting, dict[str, list[Row]]] = {s: {name: run(a, qs, s) for name, (a, qs) in sets.items()} for s in grid}
    documents = sorted({doc for rows in results[SHIPPED].values() for doc, _, _ in rows})

    def score(setting: Setting, keep: set[str]) -> int:
        return sum(h1 + h3 for rows in results[setting].values() for doc, h1, h3 in rows if doc in keep)

    def figures(name: str, pick: Callable[[str], Setting]) -> str:
        """hit@1 / hit@3 of one set, each document's questions answered under the setting ``pick`` gives it."""
        rows = [row for doc in documents for row in results[pick(doc)][name] if row[0] == doc]
        return f"{sum(r[1] for r in rows) / len(rows):.3f} / {sum(r[2] for r in rows) / len(rows):.3f}"

    chosen: dict[str, Setting] = {}
    for held in documents:
        rest = set(documents) - {held}
        chosen[held] = max(grid, key=lambda s: (score(s, rest), -distance(s)))
    overall = max(grid, key=lambda s: (score(s, set(documents)), -distance(s)))
    print("document | setting chosen on the others (dense, sentence, bm25, overlap)")
    for held in documents:
        print(f"{held} | {chosen[held]}")
    print(f"chosen on every document: {dict(zip(GRID, overall))}; shipped: {dict(zip(GRID, SHIPPED))}")
    print("set | shipped hit@1 / hit@3 | out of fold hit@1 / hit@3 | chosen-on-all (in sample) hit@1 / hit@3")
    for name in sets:
        print(f"{name} | {figures(name, lambda d: SHIPPED)} | {figures(name, chosen.__getitem__)} | {figures(name, lambda d: overall)}")
    out = Path(__file__).resolve().parent / "out" / "tune_folds.jsonl"
    out.parent.mkdir(exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"chosen": {d: list(s) for d, s in chosen.items()}, "overall": list(overall)}) + "\n")


if __name__ == "__main__":
    main()
