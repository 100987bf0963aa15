"""Near-topic negatives by leaving a document out: questions made (as in ``make_positives``) from one
library report's headings and point titles, kept only when their content words are missing from the
documents they are asked of (document frequency 0 for at least half of them, and no remaining document
holding most of them). Same domain, a topic the asked documents never address.

Three kinds of ``asked_of``: the speech alone; the speech with five other reports (a multi-document set
like a user's); every other document (the whole library without the source report).

Run: HF_HUB_OFFLINE=1 /work/main/.venv/bin/python -m bench.learn.make_near_topic
"""

from __future__ import annotations

import random
from pathlib import Path

import jieba

from bench.learn.package import REPO, Document, documents, write_jsonl
from bench.learn.templates import titles, topic_of, topic_questions

SEED = 17
PER_DOC = {"speech": 6, "set": 6, "rest": 3}
SET_SIZE = 5
OUT = REPO / "data" / "near_topic"
# Function words and outline words that say nothing about a topic.
_STOP = {"我们", "必须", "进一步", "继续", "问题", "工作", "方面", "有关", "关于", "以及", "进行", "要求", "同时", "一个", "这个", "我国", "全国", "今年"}


GENERIC_DF = 0.4  # a word found in this share of the library's reports is policy vocabulary, not a topic


def content_words(text: str, library: list[Document]) -> list[str]:
    """Topic words of ``text``: not function words, not vocabulary most reports share."""
    words = dict.fromkeys(w for w in jieba.cut(text) if len(w) >= 2 and w not in _STOP and not w.isdigit())
    return [w for w in words if sum(w in d.text for d in library) < GENERIC_DF * len(library)]


def absent_from(words: list[str], asked: list[Document]) -> list[str] | None:
    """The words no asked document contains, if the topic is missing there (else None)."""
    if len(words) < 2:
        return None
    absent = [w for w in words if not any(w in d.text for d in asked)]
    best_cover = max(sum(w in d.text for w in words) for d in asked) / len(words)
    return absent if len(absent) * 2 >= len(words) and best_cover < 0.5 else None


def negatives_for(source: Document, asked: list[Document], library: list[Document], limit: int, rng: random.Random,
                  kind: str) -> list[dict]:
    rows: list[dict] = []
    lines = [line for _, line in titles(source)]
    for line in rng.sample(lines, len(lines)):
        topic = topic_of(line)
        absent = absent_from(content_words(topic, library), asked) if topic else None
        if absent is None:
            continue
        question = topic_questions(line, rng, english_rate=0.0)[0].question
        stem = Path(source.name).stem
        rows.append({"id": f"near-{kind}-{stem}-{len(rows):02d}", "source_doc": source.name,
                     "asked_of": [d.name for d in asked], "question": question, "source_text": line, "absent": absent})
        if len(rows) >= limit:
            break
    return rows


def main() -> None:
    rng = random.Random(SEED)
    everything = documents()
    speech = [d for d in everything if d.name == "speech.txt"]
    library = [d for d in everything if d.name != "speech.txt"]
    made: dict[str, list[dict]] = {"speech": [], "set": [], "rest": []}
    for source in library:
        others = [d for d in library if d.name != source.name]
        made["speech"] += negatives_for(source, speech, library, PER_DOC["speech"], rng, "speech")
        made["set"] += negatives_for(source, speech + rng.sample(others, SET_SIZE), library, PER_DOC["set"], rng, "set")
        made["rest"] += negatives_for(source, speech + others, library, PER_DOC["rest"], rng, "rest")
    for kind, rows in made.items():
        write_jsonl(OUT / f"{kind}.jsonl", rows)
    print("near-topic:", {kind: len(rows) for kind, rows in made.items()}, "→", OUT)


if __name__ == "__main__":
    main()
