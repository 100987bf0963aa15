"""Load: N concurrent chat clients against ``python app.py`` on 127.0.0.1 for a fixed time, then it stops.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/load.py [--clients 20] [--seconds 60] [--port N] [--app-arg=--second-model=none]

It starts the app on a free loopback port (a temp copy of corpus/, a temp index, so a developer's index is
never touched), waits until the ``search`` API answers, then runs ``--clients`` threads, each with its own
gradio_client ``Client`` (its own session), asking the development questions (follow-ups with their history)
mixed with a few hostile ones (empty, 100 kB, control characters, markup), back to back, for ``--seconds``.
Each question gets a unique suffix (`` #<n>``) so that the app's query-vector cache never answers for the
encoders: the figures are for questions never asked before (``--repeat`` asks them verbatim instead).
No request starts after the deadline; in-flight ones get ``--grace`` seconds; then the app is stopped.

Reported: requests, errors (an exception, a record that breaks the batch contract, or a passage that is not
an exact slice of the corpus), throughput, latency p50 / p95 / p99 / max, and the app's resident memory
(before load, peak = VmHWM from /proc). A benchmark, never a test: figures belong to one machine and run.
Results are appended to ``bench/out/load.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
OUT = ROOT / "bench" / "out"
LOOPBACK = "127.0.0.1"
HOSTILE = ["", "   ", "招商队伍有什么要求？" * 10_000, "\x00\x1b[31m招商\u202e队伍", "<script>alert(1)</script>", "%s {0} ${HOME}"]
FALLBACK = ["招商队伍有什么要求？", "讲话分几部分？", "如何让制度“长牙”“带电”？", "牵头责任有什么要求？", "第五部分第二点讲了什么？"]


def requests_to_ask() -> list[tuple[str, list[str]]]:
    """(question, history) pairs: the development set when present, and one hostile input in ten."""
    asked: list[tuple[str, list[str]]] = []
    if DEV.is_file():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get("question"), str):
                asked.append((row["question"], [h for h in row.get("history") or [] if isinstance(h, str)]))
    asked = asked or [(q, []) for q in FALLBACK]
    mixed: list[tuple[str, list[str]]] = []
    for number, item in enumerate(asked):
        mixed.append(item)
        if number % 9 == 8:
            mixed.append((HOSTILE[(number // 9) % len(HOSTILE)], []))
    return mixed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak so far) of ``pid``, in KiB."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


class App:
    """``python app.py`` on a loopback port with a temp corpus copy and a temp index; stopped on exit."""

    def __init__(self, port: int, app_args: list[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
        shutil.copytree(ROOT / "corpus", self.folder / "corpus")
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
                   ASSISTANT_CORPUS=str(self.folder / "corpus"), ASSISTANT_INDEX=str(self.folder / "index"))
        self.log = (self.folder / "app.log").open("w+")
        self.url = f"http://{LOOPBACK}:{port}/"
        self.process = subprocess.Popen([sys.executable, "app.py", "--host", LOOPBACK, "--port", str(port), *app_args],
                                        cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float) -> float:
        """Seconds until the page serves and one ``search`` call has answered (models loaded, index built)."""
        from gradio_client import Client

        began = time.perf_counter()
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.process.returncode}: {self.tail()}")
            if time.perf_counter() - began > timeout:
                raise TimeoutError(f"app.py not ready after {timeout} s: {self.tail()}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        Client(self.url, verbose=False, analytics_enabled=False, download_files=False).predict(
            "招商队伍有什么要求？", [], api_name="/search")
        return time.perf_counter() - began

    def tail(self) -> str:
        self.log.flush()
        return (self.folder / "app.log").read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def check(record: Any, corpus: dict[str, str]) -> str:
    """Why ``record`` breaks the batch contract, or ""."""
    if not isinstance(record, dict) or not {"id", "answerable", "passages"} <= set(record):
        return f"not a batch record: {str(record)[:120]}"
    if "error" in record:
        return f"error record: {record['error']}"
    if len(record["passages"]) > 5:
        return "more than 5 passages"
    for passage in record["passages"]:
        if corpus.get(passage["doc"], "")[passage["start"] : passage["end"]] != passage["text"]:
            return f"passage not an exact slice of {passage['doc']}"
    return ""


def client_loop(url: str, number: int, deadline: float, asked: list[tuple[str, list[str]]], corpus: dict[str, str],
                latencies: list[float], errors: list[str], lock: threading.Lock, repeat: bool = False) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
    except Exception as error:  # noqa: BLE001 - counted, the run goes on
        with lock:
            errors.append(f"client {number}: could not connect: {type(error).__name__}: {error}")
        return
    turn = number * 7  # clients start at different questions
    while time.perf_counter() < deadline:
        question, history = asked[turn % len(asked)]
        turn += 1
        if question.strip() and not repeat:
            question = f"{question} #{number * 100_000 + turn}"
        began = time.perf_counter()
        try:
            record = client.predict(question, history, api_name="/search")
            problem = check(record, corpus)
        except Exception as error:  # noqa: BLE001 - counted, the run goes on
            problem = f"{type(error).__name__}: {str(error)[:160]}"
        elapsed = time.perf_counter() - began
        with lock:
            latencies.append(elapsed)
            if problem:
                errors.append(f"client {number}, {question[:30]!r}: {problem}")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--grace", type=float, default=120.0, help="seconds in-flight requests may take after the deadline")
    parser.add_argument("--port", type=int, default=0, help="loopback port for app.py (default: a free one)")
    parser.add_argument("--ready-timeout", type=float, default=900.0)
    parser.add_argument("--repeat", action="store_true", help="ask the questions verbatim (the app's vector cache then answers)")
    parser.add_argument("--app-arg", action="append", default=[], help="passed on to app.py (repeat), e.g. --app-arg=--second-model=none")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600:
        parser.error("--clients must be 1..200 and --seconds 0..600 (the run is bounded)")

    corpus = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*") if p.suffix in (".txt", ".md")}
    asked = requests_to_ask()
    app = App(args.port or free_port(), args.app_arg)
    try:
        ready = app.wait_ready(args.ready_timeout)
        before = memory_kb(app.process.pid)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        began = time.perf_counter()
        deadline = began + args.seconds
        threads = [threading.Thread(target=client_loop, args=(app.url, n, deadline, asked, corpus, latencies, errors, lock, args.repeat),
                                    daemon=True)
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        peak_rss = 0
        while any(t.is_alive() for t in threads) and time.perf_counter() < deadline + args.grace:
            peak_rss = max(peak_rss, memory_kb(app.process.pid).get("VmRSS", 0))
            time.sleep(0.25)
        unfinished = sum(t.is_alive() for t in threads)
        wall = time.perf_counter() - began
        after = memory_kb(app.process.pid)
    finally:
        app.stop()

    result = {
        "clients": args.clients, "seconds": args.seconds, "repeat": args.repeat, "app_args": args.app_arg, "ready_s": round(ready, 1),
        "requests": len(latencies), "errors": len(errors) + unfinished, "unfinished_clients": unfinished,
        "throughput_per_s": round(len(latencies) / wall, 2),
        "p50_s": round(percentile(latencies, 0.50), 3), "p95_s": round(percentile(latencies, 0.95), 3),
        "p99_s": round(percentile(latencies, 0.99), 3), "max_s": round(max(latencies, default=float("nan")), 3),
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else None,
        "rss_before_mb": round(before.get("VmRSS", 0) / 1024, 1), "rss_peak_mb": round(max(after.get("VmHWM", 0), peak_rss) / 1024, 1),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""), "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2), "first_errors": errors[:5],
    }
    for key, value in result.items():
        print(f"{key:>20}  {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "load.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(dict(result, at=time.strftime("%Y-%m-%d %H:%M:%S")), ensure_ascii=False) + "\n")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
