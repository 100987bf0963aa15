"""Done-means check of issue 13 over the library and the speech, parsing only (no model):
``python tests/check_passages.py [CORPUS_DIR…]`` prints every offending passage and exits 1 if any.

A passage is junk when it is licence or copyright text, has no Chinese character, is under four
characters without being a heading, starts with a closing bracket or quote, ends with an opening one,
or its text is not the source span with the line breaks inside it removed."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

from assistant.ingest.boilerplate import is_notice
from assistant.ingest.corpus import load_corpus
from assistant.records import Document, Passage
from assistant.text import shown_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LICENCE = re.compile(r"版权|著作权|公有领域|copyright|public domain|licen[cs]e|false", re.I)
_CLOSING_START = re.compile(r"^[）)》”’」』】〕\]〉、，,。；;：:]")
_OPENING_END = re.compile(r"[（(《“‘「『【〔\[〈]$")


def problems(document: Document, passage: Passage) -> list[str]:
    """What is wrong with one passage (empty when nothing is)."""
    found: list[str] = []
    text = passage.text
    if is_notice(text) or (_LICENCE.search(text) and len(text) < 200 and not _CJK.search(text)):
        found.append("licence")
    if not _CJK.search(text):
        found.append("no-chinese")
    if len(text) < 4 and passage.kind not in ("heading", "title"):
        found.append("short")
    if _CLOSING_START.search(text):
        found.append("starts-closing")
    if _OPENING_END.search(text):
        found.append("ends-opening")
    if shown_text(document.text[passage.start : passage.end]) != text:
        found.append("span")
    return found


def check(documents: Iterable[Document]) -> Iterator[tuple[str, Passage, list[str]]]:
    for document in documents:
        for passage in document.passages:
            wrong = problems(document, passage)
            if wrong:
                yield document.name, passage, wrong


def library_documents(folders: list[Path]) -> list[Document]:
    documents: list[Document] = []
    for folder in folders:
        found, _ = load_corpus(folder)
        documents.extend(found)
    return documents


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [SHARED / "library", SHARED / "corpus"]
    documents = library_documents(folders)
    bad = list(check(documents))
    for name, passage, wrong in bad:
        print(f"{name}\t{passage.start}\t{','.join(wrong)}\t{passage.text[:60]!r}")
    total = sum(len(d.passages) for d in documents)
    print(f"{len(documents)} documents, {total} passages, {len(bad)} with problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
