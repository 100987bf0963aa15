"""data/everyday/questions.txt (hand-written by category) → data/everyday/questions.jsonl with 5 fixed
category folds, so a probe is always scored on categories it never saw.

Run: /work/main/.venv/bin/python -m bench.learn.make_everyday
"""

from __future__ import annotations

import json
import random
import re

from bench.learn.package import REPO, write_jsonl

FOLDS = 5
SEED = 17
LANGS = {"zh": "zh", "hant": "zh-Hant", "en": "en"}
FOLDER = REPO / "data" / "everyday"


def parse(text: str) -> list[dict]:
    """Rows of the source file: '## category' starts a section, 'lang question' lines follow."""
    rows: list[dict] = []
    category = ""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("## "):
            category = line[3:].strip()
            continue
        tag, _, question = line.partition(" ")
        if tag not in LANGS or not question or not category:
            raise SystemExit(f"questions.txt:{number}: expected 'zh|hant|en question' under a '## category'")
        rows.append({"category": category, "lang": LANGS[tag], "question": question.strip()})
    return rows


def dealt_folds(names: list[str]) -> dict[str, int]:
    """Names (everyday categories, or documents) shuffled once with a fixed seed and dealt round-robin into
    FOLDS folds: the one rule by which every learned part is split."""
    order = sorted(set(names))
    random.Random(SEED).shuffle(order)
    return {category: i % FOLDS for i, category in enumerate(order)}


#: Sets written blind to test what is learned from these questions: none of theirs may be trained on.
BLIND = (REPO / "bench" / "qa" / "fresh-everyday.jsonl", REPO / "bench" / "qa" / "fresh-refusal.jsonl")
_NOT_WORD = re.compile(r"[\W_]+")


def _same(question: str) -> str:
    """A question as compared with another: lower case, without spaces or punctuation."""
    return _NOT_WORD.sub("", question.lower())


def blind_questions() -> set[str]:
    missing = [str(path) for path in BLIND if not path.exists()]
    if missing:
        raise SystemExit(f"the blind sets to check against are missing: {missing}")
    return {_same(json.loads(line)["question"]) for path in BLIND
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def main() -> None:
    rows = parse((FOLDER / "questions.txt").read_text(encoding="utf-8"))
    blind = blind_questions()
    copied = [r["question"] for r in rows if _same(r["question"]) in blind]
    if copied:
        raise SystemExit(f"questions.txt holds questions of the blind sets: {copied}")
    folds = dealt_folds([r["category"] for r in rows])
    seen: set[str] = set()
    out = []
    for i, row in enumerate(rows):
        if row["question"] in seen:
            raise SystemExit(f"duplicate question: {row['question']}")
        seen.add(row["question"])
        out.append({"id": f"ev-{i:04d}", **row, "fold": folds[row["category"]]})
    write_jsonl(FOLDER / "questions.jsonl", out)
    print(f"everyday: {len(out)} questions, {len(folds)} categories in {FOLDS} folds → {FOLDER / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
