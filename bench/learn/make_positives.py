"""Policy-domain positives made from the corpus itself: each document's headings, point titles and
sentences turned into questions by general templates (``templates.py``). Training data only.

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_positives
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.learn.package import REPO, Document, documents, write_jsonl
from bench.learn.templates import sentence_question, sentences, titles, topic_questions

SEED = 17
TITLES_PER_DOC = 14
SENTENCES_PER_DOC = 16
OUT = REPO / "data" / "positives"


def positives_of(document: Document, rng: random.Random) -> list[dict]:
    """Up to TITLES_PER_DOC topics and SENTENCES_PER_DOC sentences of one document as question rows."""
    rows = []
    picked = rng.sample(titles(document), min(TITLES_PER_DOC, len(titles(document))))
    for _, line in picked:
        rows += topic_questions(line, rng)
    pool = [s for p in document.passages if p.kind in ("paragraph", "point") for s in sentences(p.text)]
    made = [q for q in (sentence_question(s, rng) for s in rng.sample(pool, len(pool))) if q is not None]
    rows += made[:SENTENCES_PER_DOC]
    stem = Path(document.name).stem
    return [{"id": f"pos-{stem}-{i:03d}", "doc": document.name, "question": g.question, "source_text": g.source_text,
             "lang": g.lang, "how": g.how} for i, g in enumerate(rows)]


def main() -> None:
    rng = random.Random(SEED)
    library, speech = [], []
    for document in documents():
        (speech if document.name == "speech.txt" else library).extend(positives_of(document, rng))
    write_jsonl(OUT / "library.jsonl", library)
    write_jsonl(OUT / "speech.jsonl", speech)
    print(f"positives: library {len(library)}, speech {len(speech)} → {OUT}")


if __name__ == "__main__":
    main()
