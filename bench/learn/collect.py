"""Ask labelled questions of several corpora and write one row per (question, corpus): the answerability
signals, the label, whether the first passages were right, and the fold group (the document asked about).

    .venv/bin/python bench/learn/collect.py OUT.jsonl [--data data] [--corpus NAME ...]

Corpora (each with its own index folder): the speech alone, the six dev-library documents
(/tmp/dev-library, searched through a copy of its index), and a four-report library subset (/tmp/learn-lib3). Questions: dev.jsonl on the
speech; dev-library.jsonl on the six documents; near-topic negatives = each answerable dev question asked
of the library *without* its document (document filter, so the vocabulary is that of the others too);
everyday questions asked of every corpus; corpus-made positives (``data/positives``) on the corpus their
document is in, and asked of the library without their document as near-topic negatives; everyday-worded
questions written by hand (``data/colloquial``) on the corpus their document is in; generated near-topic
questions asked of the speech (``data/near_topic/speech.jsonl``); scoped questions asked of one
document through the filter (``data/near_topic/scoped.jsonl``). Document-left-out negatives are kept only
when the question's distinctive words occur in no remaining document (``topics.py``). Each row keeps the question's
vector per encoder, so ``folds.py`` can cross-fit the domain probe by the same folds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant import Assistant, Settings  # noqa: E402
from assistant.evaluate import hit_rank  # noqa: E402
from bench.learn.topics import absent, distinctive_words  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path(os.environ.get("ASSISTANT_SHARED", "/work/shared")) / "library"
EVAL = Path(os.environ.get("ASSISTANT_SHARED", "/work/shared")) / "eval"
CORPORA = {
    "speech": (ROOT / "corpus", Path("/tmp/learn-port-speech")),
    "library": (Path("/tmp/dev-library/corpus"), Path("/tmp/learn-devlib-index")),  # a copy: never touch the shared one
    "lib4": (Path("/tmp/learn-lib3/corpus"), Path("/tmp/learn-lib4-index")),
}
#: Kinds whose question could be answered by any document of the same genre: no near-topic negative.
GENERIC_KINDS = {"structure", "followup", "compare"}


@dataclass(frozen=True)
class Job:
    source: str  # which set the question comes from
    corpus: str
    item: dict[str, Any]
    label: bool  # does the searched part of the corpus answer it?
    group: str  # fold group: the document asked about, or an everyday category
    documents: tuple[str, ...] = ()  # document filter (empty: all)
    extra: dict[str, Any] = field(default_factory=dict)


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _unanswerable_group(item: dict[str, Any]) -> str:
    """Unanswerable library questions name no document: spread them over folds by a stable hash."""
    return f"unanswerable:{zlib.crc32(str(item['id']).encode()) % 6}"


def _corpus_of(doc: str) -> str | None:
    for name, (folder, _) in CORPORA.items():
        if (folder / doc).exists():
            return name
    return None


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")}


def left_out(question: str, rest: tuple[str, ...], texts: dict[str, str], library: list[str]) -> bool:
    """A document-left-out negative is kept only when the question's distinctive words occur in none of the
    remaining documents (reports overlap: a topic left out with its document is often in a sibling)."""
    return absent(distinctive_words(question, library), [texts[d] for d in rest])


def jobs(data: Path | None) -> Iterator[Job]:
    library_docs = sorted(p.name for p in CORPORA["library"][0].iterdir())
    texts = _texts(CORPORA["library"][0])
    library = list(_texts(LIBRARY).values())
    for item in _read(EVAL / "dev.jsonl"):
        yield Job("dev", "speech", item, bool(item["answerable"]), "speech.txt")
        rest = tuple(d for d in library_docs if d != "speech.txt")
        if item["answerable"] and item["kind"] not in GENERIC_KINDS and left_out(item["question"], rest, texts, library):
            yield Job("near_topic", "library", item, False, "speech.txt", rest)
    for item in _read(EVAL / "dev-library.jsonl"):
        doc = item.get("doc") or (item.get("docs") or [None])[0]
        group = doc if item["answerable"] else _unanswerable_group(item)
        yield Job("dev-library", "library", item, bool(item["answerable"]), group)
        rest = tuple(d for d in library_docs if d != doc)
        if item["answerable"] and item["kind"] not in GENERIC_KINDS and left_out(item["question"], rest, texts, library):
            yield Job("near_topic", "library", item, False, doc, rest)
    if data is None:
        return
    for item in _read(data / "everyday" / "questions.jsonl"):
        for corpus in CORPORA:
            yield Job("everyday", corpus, item, False, "everyday:" + item["category"])
    for path in sorted((data / "positives").glob("*.jsonl")):
        for row in _read(path):
            corpus = _corpus_of(row["doc"])
            if corpus is None:
                continue
            item = dict(row, kind="positive:" + row["how"], evidence=[[row["source_text"].rstrip("。；;")]])
            yield Job("positive", corpus, item, True, row["doc"])
            rest = tuple(d for d in library_docs if d != row["doc"])
            if corpus == "library" and row["doc"] != "speech.txt" and left_out(row["question"], rest, texts, library):
                yield Job("near_topic", "library", item, False, row["doc"], rest)
    for row in _read(data / "english" / "questions.jsonl"):
        corpus = _corpus_of(row["doc"])
        if corpus is not None:
            yield Job("english", corpus, dict(row, kind="english:" + row["style"], lang="en"), True, row["doc"])
    for row in _read(data / "colloquial" / "questions.jsonl"):
        corpus = _corpus_of(row["doc"])
        if corpus is not None:
            item = dict(row, kind="colloquial:" + row["style"], evidence=[row["evidence"]])
            yield Job("colloquial", corpus, item, True, row["doc"])
    for row in _read(data / "near_topic" / "scoped.jsonl"):
        corpus = _corpus_of(row["asked_of"])
        if corpus is None:
            continue
        evidence = [[row["source_text"].rstrip("。；;")]] if row["answerable"] else []
        item = dict(row, kind="scoped:" + row["how"], evidence=evidence)
        yield Job("scoped", corpus, item, row["answerable"], row["asked_of"], (row["asked_of"],))
    for row in _read(data / "near_topic" / "speech.jsonl"):
        yield Job("near_topic", "speech", dict(row, kind="near_topic:generated"), False, row["source_doc"])


def run(job: Job, assistant: Assistant) -> dict[str, Any]:
    turns: list = []
    for earlier in job.item.get("history") or []:
        turns.append(assistant.converse(earlier, turns, job.documents))
    answer = assistant.converse(job.item["question"], turns, job.documents).answer
    vectors = {}
    if answer.signals:  # the question the model judged (a follow-up's own, or the one it asks more of)
        content = assistant.reader.analyse(answer.resolved).content
        dense = assistant.searcher.dense  # cached: the same hits the search used
        vectors = {e.model_id: [round(float(v), 4) for v in dense(e.model_id, content).vector] for e in assistant.encoders}
    wanted = set(job.item.get("docs") or [job.item.get("doc") or ""]) - {""}
    texts = [h.passage.text if not wanted or h.passage.doc in wanted else "" for h in answer.hits]
    rank = hit_rank(texts, job.item["evidence"]) if job.label and job.item.get("evidence") else None
    return {
        "source": job.source, "corpus": job.corpus, "id": job.item.get("id"), "kind": job.item.get("kind", job.source),
        "lang": job.item.get("lang", ""), "group": job.group, "label": job.label, "rank": rank,
        "declared": answer.answerable, "signals": dict(answer.signals), "vectors": vectors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, help="the learning data folder (everyday/, positives/, near_topic/)")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="only these corpora (repeatable; "
                        "several processes can collect different corpora at once)")
    args = parser.parse_args()
    by_corpus: dict[str, list[Job]] = {}
    for job in jobs(args.data):
        if not args.corpus or job.corpus in args.corpus:
            by_corpus.setdefault(job.corpus, []).append(job)
    with args.out.open("w", encoding="utf-8") as out:
        for corpus, todo in by_corpus.items():
            folder, index = CORPORA[corpus]
            assistant = Assistant.load(Settings(folder, index)).collecting()  # every signal, read or not
            for job in todo:
                out.write(json.dumps(run(job, assistant), ensure_ascii=False) + "\n")
            print(f"{corpus}: {len(todo)} questions", file=sys.stderr)


if __name__ == "__main__":
    main()
