"""The browser chat from outside: page ready time from a cold start, and the ``search`` API round trip.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/web.py [--calls 30] [--no-fresh]

Each start spawns ``python app.py`` on a free port (a temp copy of corpus/speech.txt, a temp index) and polls:
  page serves      GET / answers 200: what a person sees first (the progress message while loading)
  first answer     the first ``/search`` call returns: model loaded and index opened (or built)
  fresh start      the same with an empty index folder, so the first start builds the index
  floor            a bare ``gr.Blocks()`` page spawned the same way: what Gradio alone costs to serve
Then, against the warm app, ``--calls`` dev questions through gradio_client (p50, p90), beside the floor
``Assistant.answer`` of the same questions in this process (the HTTP, queue and JSON overhead is the gap).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import PYTHON, ROOT, SPEECH, Figure, p50, p90, questions, report, temp_copy, temp_dir  # noqa: E402

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
BARE_APP = """import sys
import gradio as gr
with gr.Blocks() as app:
    gr.Markdown("bare")
app.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), ssr_mode=False)
"""
POLL = 0.05


def _serves(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Started:
    """A spawned server: the seconds until its page served, and the process to stop."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, timeout: float = 600) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.began = time.perf_counter()
        self.log = tempfile.TemporaryFile(mode="w+")  # a pipe could fill up during an index build and stall the app
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        while not _serves(self.url):
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"{command} exited: {self.log.read()[-2000:]}")
            if time.perf_counter() - self.began > timeout:
                raise TimeoutError(self.url)
            time.sleep(POLL)
        self.page_s = time.perf_counter() - self.began

    def first_answer_s(self) -> float:
        """Seconds from spawn until the first ``/search`` call returned (it waits while the assistant loads)."""
        from gradio_client import Client

        Client(self.url, verbose=False, analytics_enabled=False, download_files=False).predict("讲话分几部分？", [], api_name="/search")
        return time.perf_counter() - self.began

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def app_env(corpus: Path, index: Path) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(index), "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


def round_trips(url: str, asked: list[str]) -> list[float]:
    from gradio_client import Client

    client = Client(url, verbose=False, analytics_enabled=False, download_files=False)
    samples = []
    for question in asked:
        began = time.perf_counter()
        client.predict(question, [], api_name="/search")
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def in_process(corpus: Path, index: Path, asked: list[str]) -> list[float]:
    from assistant import Assistant, Settings

    assistant = Assistant.load(Settings(corpus=corpus, index=index))
    assistant.answer("讲话分几部分？")  # as the server had its first answer before the timed calls
    samples = []
    for question in asked:
        began = time.perf_counter()
        assistant.answer(question)
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def main() -> None:
    from assistant.web.app import free_port

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30, help="API round trips to time")
    parser.add_argument("--no-fresh", action="store_true", help="skip the first start that builds the index")
    args = parser.parse_args()
    corpus, index = temp_copy([SPEECH], "web-corpus"), temp_dir("web-index")
    env, app = app_env(corpus, index), [PYTHON, "app.py", "--port"]
    figures: list[Figure] = []

    for _ in range(2):  # the first start only warms the disk cache for the imports
        port = free_port()
        bare = Started([PYTHON, "-c", BARE_APP, str(port)], env, port)
        bare.stop()
    if args.no_fresh:
        from assistant import Assistant, Settings

        Assistant.load(Settings(corpus=corpus, index=index))  # build it here, untimed
    else:
        port = free_port()
        fresh = Started([*app, str(port)], env, port)
        fresh_answer = fresh.first_answer_s()
        fresh.stop()
        figures += [
            Figure("fresh start: page serves", fresh.page_s, "s", bare.page_s, "bare gr.Blocks page", note="progress shown"),
            Figure("fresh start: first answer (builds index)", fresh_answer, "s"),
        ]
    port = free_port()
    warm = Started([*app, str(port)], env, port)
    warm_answer = warm.first_answer_s()
    asked = questions(args.calls)
    api = round_trips(warm.url, asked)
    warm.stop()
    floor = in_process(corpus, index, asked)
    figures += [
        Figure("cold start: page serves", warm.page_s, "s", bare.page_s, "bare gr.Blocks page"),
        Figure("cold start: first answer", warm_answer, "s", note="model load + index open"),
        Figure(f"API round trip p50 ({len(api)} calls)", p50(api), "ms", p50(floor), "Assistant.answer in process"),
        Figure(f"API round trip p90 ({len(api)} calls)", p90(api), "ms", p90(floor), "Assistant.answer in process"),
    ]
    report("web", figures, {"calls": len(api), "python": sys.version.split()[0]})


if __name__ == "__main__":
    main()
