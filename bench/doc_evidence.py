"""A document's own evidence as a ranking prior, tried in stop 24 and not kept (docs/retrieval.md, "Three more tried").

    HF_HUB_OFFLINE=1 .venv/bin/python bench/doc_evidence.py [K]

For every answerable question that names no document (no follow-ups, outline, multi or compare questions) of the
development sets and the blind sets, each over its own corpus, the fused scores of the assistant's candidates are
re-ranked by score + β × the mean of the K (default 3) best fused scores of the candidate's document, for every β
shown; hit@1 and hit@3 are read on the candidates (a passage counts when it holds the first evidence item and is in
the evidence's document). Corpora: ``/tmp/dev-library`` from ``../shared/eval/dev-library-corpus.sh``, the blind
sets' as ``bench/qa/README.md`` builds them (``/tmp/b2`` … ``/tmp/b5``, ``/tmp/heldout``); each with ``corpus/`` and
``index/``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from assistant import Assistant, Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = [(EVAL / "dev-library.jsonl", "/tmp/dev-library"), (EVAL / "dev.jsonl", "/tmp/dev-library"),
        (ROOT / "bench/qa/blind-2.jsonl", "/tmp/b2"), (ROOT / "bench/qa/blind-3.jsonl", "/tmp/b3"),
        (ROOT / "bench/qa/blind-4.jsonl", "/tmp/b4"), (ROOT / "bench/qa/blind-5.jsonl", "/tmp/b5"),
        (ROOT / "bench/qa/held-out.jsonl", "/tmp/heldout")]
BETAS = (0.0, 0.25, 0.5, 1.0, 2.0)
SKIPPED = ("structure", "compare", "multi")


def hits(assistant: Assistant, question: dict, top: int) -> dict[float, tuple[bool, bool]] | None:
    """hit@1 and hit@3 per β for one question, or ``None`` when it is out of scope or its evidence is not a candidate."""
    reading = assistant.read(question["question"])
    if reading is None or len(reading.scope.documents) == 1:
        return None
    scores, found = assistant.searcher.ranked(reading.question, assistant.encoders, reading.scope.documents)
    passages = [assistant.index.passages[int(i)] for i in found.ids]
    fused = np.array([scores[int(i)] for i in found.ids])
    wanted = question.get("doc") or "speech.txt"
    relevant = np.array([p.doc == wanted and len(p.text) <= 600 and any(a in p.text for a in question["evidence"][0])
                         for p in passages])
    if not relevant.any():
        return None
    documents = np.array([p.doc for p in passages])
    mean_best = {d: np.sort(fused[documents == d])[::-1][:top].mean() for d in set(documents)}
    prior = np.array([mean_best[d] for d in documents])
    result = {}
    for beta in BETAS:
        order = np.argsort(-(fused + beta * prior), kind="stable")
        result[beta] = (bool(relevant[order[0]]), bool(relevant[order[:3]].any()))
    return result


def main() -> None:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for path, root in SETS:
        assistant = Assistant.load(Settings(Path(root) / "corpus", Path(root) / "index"))
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            question = json.loads(line)
            if question["answerable"] and not question.get("history") and question["kind"] not in SKIPPED:
                if (found := hits(assistant, question, top)) is not None:
                    rows.append(found)
        for beta in BETAS:
            rate = np.array([row[beta] for row in rows], dtype=float).mean(axis=0)
            print(f"{path.name:20s} β={beta:<4} n={len(rows):3d} hit@1 {rate[0]:.3f} hit@3 {rate[1]:.3f}")


if __name__ == "__main__":
    main()
