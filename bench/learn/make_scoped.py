"""Scoped near-topic data: questions asked of ONE document (as a user's filter or a named document would
scope them), half of which that document never addresses, made by the same templates on both sides so that
only coverage tells them apart.

- ``scoped-absent`` (unanswerable): a heading/point topic of another report whose distinctive words
  (``topics.py``: rare in general Chinese, not shared by most reports) occur nowhere in the asked document.
- ``scoped-present`` (answerable): a heading/point topic of the asked document itself, with at least one
  distinctive word.
- ``figure-absent`` (unanswerable): "<topic words>具体是多少？" / "…是哪一年…？" about a sentence of the asked
  document when no passage of it holding those words writes a figure (a date) at all.
- ``figure-present`` (answerable): the same templates about a sentence that itself writes the figure (date).

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_scoped
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.learn.package import REPO, Document, documents, holds, write_jsonl
from bench.learn.templates import sentences, titles, topic_of, topic_questions
from bench.learn.topics import absent, distinctive_words

SEED = 17
PER_DOC = {"scoped-absent": 6, "scoped-present": 6, "figure-absent": 3, "figure-present": 3}
OUT = REPO / "data" / "near_topic" / "scoped.jsonl"
ASKS = {"number": ("{x}具体是多少？", "{x}的数字是多少？", "{x}要达到多少？"), "date": ("{x}是哪一年的事？", "{x}是什么时候提出的？")}


def _topic_rows(asked: Document, sources: list[Document], library: list[str], rng: random.Random, want: bool, limit: int) -> list[dict]:
    """Topics of ``sources`` asked of ``asked``: kept when their distinctive words are all absent (``want``
    False) or, for its own topics, when it has any (``want`` True)."""
    rows: list[dict] = []
    lines = [(source, line) for source in sources for _, line in titles(source)]
    for source, line in rng.sample(lines, len(lines)):
        topic = topic_of(line)
        words = distinctive_words(topic, library) if topic else []
        if len(words) < (1 if want else 2) or (not want and not absent(words, [asked.text])):
            continue
        made = topic_questions(line, rng, english_rate=0.0)
        if made:
            rows.append({"source_doc": source.name, "question": made[0].question, "source_text": line, "words": words})
        if len(rows) >= limit:
            break
    return rows


def _figure_rows(asked: Document, library: list[str], rng: random.Random, want: bool, limit: int) -> list[dict]:
    """Figure/date questions on the asked document's sentences (see the module docstring)."""
    rows: list[dict] = []
    pool = [s for p in asked.passages if p.kind in ("paragraph", "point") for s in sentences(p.text)]
    for sentence in rng.sample(pool, len(pool)):
        words = distinctive_words(sentence, library)[:2]
        if len(words) < 2:
            continue
        kind = rng.choice(tuple(ASKS))
        near = [p.text for p in asked.passages if all(w in p.text for w in words)]
        if (holds(kind, sentence) if want else not any(holds(kind, t) for t in near)):
            question = rng.choice(ASKS[kind]).format(x="".join(words))
            rows.append({"source_doc": asked.name, "question": question, "source_text": sentence, "words": words})
        if len(rows) >= limit:
            break
    return rows


def main() -> None:
    rng = random.Random(SEED)
    everything = documents()
    library = [d.text for d in everything if d.name != "speech.txt"]
    out: list[dict] = []
    for asked in everything:
        others = [d for d in everything if d.name != asked.name]
        made = {
            "scoped-absent": _topic_rows(asked, others, library, rng, False, PER_DOC["scoped-absent"]),
            "scoped-present": _topic_rows(asked, [asked], library, rng, True, PER_DOC["scoped-present"]),
            "figure-absent": _figure_rows(asked, library, rng, False, PER_DOC["figure-absent"]),
            "figure-present": _figure_rows(asked, library, rng, True, PER_DOC["figure-present"]),
        }
        stem = Path(asked.name).stem
        for how, rows in made.items():
            for i, row in enumerate(rows):
                out.append({"id": f"scoped-{stem}-{how}-{i}", "asked_of": asked.name, "how": how,
                            "answerable": how.endswith("present"), **row})
    write_jsonl(OUT, out)
    print(f"scoped: {len(out)} rows → {OUT}")


if __name__ == "__main__":
    main()
