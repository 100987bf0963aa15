"""Dynamic int8 copies of m3e-small's ONNX export: cosine to the float graph on corpus texts, and speed.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/int8.py --export DIR [--texts 600] [--skip N] [--time-all]

Each variant (all MatMuls / per channel / reduce_range / feed-forward MatMuls only, and combinations) is made
from the same float export into a temp folder; its passage vectors are compared with the float graph's on
distinct paragraphs and sentences of the speech and of the library (min, 1st percentile and mean cosine,
the issue's rule: min ≥ 0.99); for a variant that passes (or all, ``--time-all``) paragraph-length texts are
encoded by float and by int8, length sorted, interleaved twice (best of two).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import LIBRARY, SPEECH, temp_dir  # noqa: E402

from assistant.encoders import onnx_passages  # noqa: E402
from assistant.encoders.onnx_passages import FFN, SHIPPED, PassageGraph, Quantisation, agreement  # noqa: E402

VARIANTS = (
    SHIPPED,
    Quantisation("all MatMuls, per channel", per_channel=True),
    Quantisation("all MatMuls, reduce_range", reduce_range=True),
    Quantisation("all MatMuls, per channel + reduce_range", per_channel=True, reduce_range=True),
    FFN,
    Quantisation("feed-forward, per channel", FFN.only, FFN.skip, per_channel=True),
    Quantisation("feed-forward, reduce_range", FFN.only, FFN.skip, reduce_range=True),
    Quantisation("feed-forward, per channel + reduce_range", FFN.only, FFN.skip, per_channel=True, reduce_range=True),
    Quantisation("intermediate (FFN up) only", only=("/intermediate/dense/",)),
)


def corpus_texts(limit: int) -> list[str]:
    """Distinct paragraphs and sentences of the speech and the library, a fixed spread sample of ``limit``."""
    from assistant.ingest.corpus import load_corpus
    from assistant.ingest.passages import embedding_text
    from assistant.index.build import number_passages, sentences_of

    folder = temp_dir("int8-corpus")
    for path in [SPEECH, *sorted(LIBRARY.glob("*.txt"))[::8]]:
        shutil.copy(path, folder / path.name)
    documents, _ = load_corpus(folder)
    passages = number_passages(documents)
    _, _, sentences = sentences_of(passages, documents)
    texts = list(dict.fromkeys([embedding_text(p) for p in passages] + sentences))
    return [texts[i] for i in np.linspace(0, len(texts) - 1, min(limit, len(texts))).astype(int)]


def timed(graph: PassageGraph, texts: list[str]) -> float:
    start = time.perf_counter()
    graph.encode(texts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, required=True, help="an m3e-small export folder (index/encoders/m3e-small/<fp>)")
    parser.add_argument("--texts", type=int, default=600)
    parser.add_argument("--skip", type=int, default=0, help="leave out the first SKIP variants")
    parser.add_argument("--time-all", action="store_true", help="time every variant, not only those that pass")
    args = parser.parse_args()
    texts = corpus_texts(args.texts)
    report = [t for t in corpus_texts(100000) if len(t) > 60][:140]  # paragraph-length texts, for the timing
    reference = PassageGraph(args.export, quantised=False)
    float_rows = reference.encode(texts)
    print(f"{len(texts)} corpus texts for the cosine, {len(report)} paragraph-length texts for the timing")
    print(f"{'variant':44s} {'min':>7s} {'p1':>7s} {'mean':>7s} {'float s':>8s} {'int8 s':>8s}")
    for how in VARIANTS[args.skip :]:
        folder = temp_dir("int8-" + how.name.replace(" ", "-").replace("/", "-"))
        for name in ("model.onnx", "tokenizer.json", "export.json"):
            shutil.copy(args.export / name, folder / name)
        onnx_passages._quantise(folder, how)  # noqa: SLF001
        quantised = PassageGraph(folder, quantised=True)
        cosines = agreement(quantised.encode(texts), float_rows)
        speed = "(not timed: fails the cosine rule)"
        if cosines.min() >= onnx_passages.INT8_AGREEMENT or args.time_all:
            times = [(timed(reference, report), timed(quantised, report)) for _ in range(2)]
            speed = f"{min(t[0] for t in times):8.2f} {min(t[1] for t in times):8.2f}"
        print(f"{how.name:44s} {cosines.min():7.4f} {np.percentile(cosines, 1):7.4f} {cosines.mean():7.4f} {speed}", flush=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
