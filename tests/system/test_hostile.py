"""Hostile questions through every front door — the pipeline, the CLI and the HTTP API — each get a clear
answer or message; no traceback reaches a user; long questions are cut to MAX_QUESTION_CHARS with a notice.
(The batch mode's own hostile lines are in test_batch.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant import Assistant, Settings
from assistant.settings import PROJECT_ROOT
from assistant.query.question import MAX_QUESTION_CHARS, analyse, prepare
from assistant.records import Answer

EMPTY_MESSAGE = "请输入一个问题"
TOO_LONG = "问题过长"

HOSTILE: dict[str, str] = {
    "empty": "",
    "spaces": " \t\r\n\u3000\u00a0 ",
    "newlines": "\n" * 10_000,
    "100kB": "招商队伍有什么要求？" * 3_500,
    "1MB": "a" * 1_000_000,
    "1MB-cjk-tail": " " * 999_990 + "招商队伍",
    "nul": "招商\x00队伍\x00有什么要求",
    "only-nul": "\x00\x00\x00",
    "controls": "\x01\x02\x07\x08\x1b[31m招商队伍\x1b[0m\x7f\x9f",
    "lone-surrogate": "招商\ud800队伍",
    "surrogate-escape": "\udcff\udcfe 招商",  # what Python makes of invalid UTF-8 on a command line
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "private-use": "\ue000\U000f0000",
    "bom": "\ufeff",
    "emoji": "🙂👍🏽 招商队伍？👨‍👩‍👧 🇨🇳",
    "rtl": "\u202e招商队伍\u202c\u200f\u061c\u2067",
    "zero-width": "招\u200b商\u200d队\u2060伍",
    "combining": "e\u0301" * 3_000,
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "attribute": '" onmouseover="alert(1)" x="',
    "sql": "'; DROP TABLE passages; -- OR 1=1",
    "regex": ".*+?[](){}^$|\\1 (a+)+$ (?P<x>",
    "format": "%s %d %n {0} {__class__.__init__} ${HOME} $(rm -rf /) `id`",
    "path": "../../../../etc/passwd\x00.txt",
    "quotes": "“" * 300 + "”" * 300,
    "brackets": "【" * 200 + "《" * 200,
    "outline-huge-number": "第99999999999999999999部分第3点",
    "traditional": "招商隊伍有什麼要求？",
    "english": "What does the speech say about the investment team?",
}


def check_answer(answer: Answer, question: str, assistant: Assistant) -> None:
    """Whatever came in: a whole answer, exact passages, and the notices the input calls for."""
    text, truncated = prepare(question)
    if not text:
        assert answer.mode == "empty" and EMPTY_MESSAGE in answer.message and not answer.hits
        return
    assert len(answer.hits) <= 5
    for hit in answer.hits:
        document = assistant.index.documents[hit.passage.doc]
        assert document.text[hit.passage.start : hit.passage.end] == hit.passage.text
    assert (TOO_LONG in answer.message) == truncated


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_pipeline_answers_hostile_questions(assistant: Assistant, name: str) -> None:
    question = HOSTILE[name]
    check_answer(assistant.answer(question), question, assistant)


def test_hostile_history_is_replayed_safely(assistant: Assistant) -> None:
    history = [HOSTILE["lone-surrogate"], HOSTILE["1MB"], HOSTILE["empty"], HOSTILE["html"]]
    check_answer(assistant.answer("那配套设施呢？", history), "那配套设施呢？", assistant)


def test_long_question_is_cut_to_the_documented_limit_with_a_notice(assistant: Assistant) -> None:
    answer = assistant.answer("招商队伍" * 1_000)
    assert answer.message.startswith(f"{TOO_LONG}，只按前{MAX_QUESTION_CHARS}个字检索。")
    assert len(answer.resolved) <= MAX_QUESTION_CHARS
    assert answer.hits and "招商" in answer.hits[0].passage.text


# ---------------------------------------------------------------- property-based: the question path

surrogate = st.integers(0xD800, 0xDFFF).map(chr)
nasty = st.sampled_from(list("\x00\x1b\u202e\u200b\ufeff\ufffe“”\"'《》【】{}%$\\<>&\n\t") + ["第三部分", "第二点", "呢？", "那"])
questions = st.lists(st.one_of(st.characters(), surrogate, nasty, st.sampled_from(["招商", "队伍", "制度", "安全"])), max_size=60).map("".join)


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(questions, st.text(max_size=2_000)))
def test_prepare_and_analyse_accept_any_string(question: str) -> None:
    text, truncated = prepare(question)
    assert len(text) <= MAX_QUESTION_CHARS
    assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\x00\x1b\u202e\u200b" for c in text)
    text.encode("utf-8")
    parsed = analyse(text, raw=question, truncated=truncated)
    assert all(isinstance(t, str) and t for t in parsed.tokens)


@hypothesis_settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(questions, st.lists(questions, max_size=2))
def test_assistant_answers_any_string(assistant: Assistant, question: str, history: list[str]) -> None:
    check_answer(assistant.answer(question, history), question, assistant)


# ---------------------------------------------------------------- the command line

CLI_CASES = ["empty", "spaces", "1MB", "nul", "lone-surrogate", "surrogate-escape", "rtl", "html", "format", "path"]


@pytest.fixture(scope="module")
def cli_args(settings: Settings, assistant: Assistant) -> list[str]:  # ``assistant``: the index is built first
    return ["--corpus", str(settings.corpus), "--index", str(settings.index), "--model", settings.model,
            "--second-model", settings.second_model]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_search_json_and_ask(cli_args: list[str], name: str) -> None:
    runner = CliRunner()
    found = runner.invoke(main, ["search", "--json", *cli_args, "--", HOSTILE[name]])
    assert found.exit_code == 0 and found.exception is None, found.output
    record = json.loads(found.stdout)
    assert set(record) == {"id", "answerable", "passages"}
    asked = runner.invoke(main, ["ask", *cli_args, "--", HOSTILE[name]])
    assert asked.exit_code == 0 and asked.exception is None, asked.output
    if not prepare(HOSTILE[name])[0]:
        assert EMPTY_MESSAGE in asked.stdout


def test_cli_usage_errors_are_one_line(cli_args: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["search", *cli_args], ["search", "q", "--batch", "-", *cli_args], ["search", "--batch", str(tmp_path / "none.jsonl")],
                 ["ask", "q", "--corpus", str(tmp_path / "missing")]):
        result = runner.invoke(main, args)
        assert result.exit_code in (1, 2) and "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)
        assert result.stderr.strip().splitlines()[-1].startswith("Error:")


def test_invalid_utf8_on_a_real_command_line(cli_args: list[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape): answered, not a traceback."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(PROJECT_ROOT))
    argv = [os.fsencode(sys.executable), b"-m", b"assistant", b"search", b"--json", b"\xff\xfe\xe6\x8b\x9b\xe5\x95\x86 \xc3(",
            *(os.fsencode(a) for a in cli_args)]
    done = subprocess.run(argv, capture_output=True, env=env, timeout=300)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr[-2000:]
    assert set(json.loads(done.stdout)) == {"id", "answerable", "passages"}


# ---------------------------------------------------------------- the HTTP API (Gradio, 127.0.0.1)

def call_raw(url: str, *data: Any) -> tuple[str, Any]:
    """The API called over plain HTTP with any JSON (gradio_client cannot send lone surrogates):
    returns the server-sent event name ("complete" or "error") and its data."""
    url = url.rstrip("/")
    body = json.dumps({"data": list(data)}).encode("ascii")  # lone surrogates go out as \\udXXX escapes
    request = urllib.request.Request(f"{url}/gradio_api/call/search", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/call/search/{event_id}", timeout=120) as response:
        stream = response.read().decode("utf-8")
    event = next(line[7:] for line in stream.splitlines() if line.startswith("event: "))
    payload = next(line[6:] for line in reversed(stream.splitlines()) if line.startswith("data: "))
    return event, json.loads(payload)


API_CASES = ["empty", "spaces", "1MB", "nul", "lone-surrogate", "surrogate-escape", "noncharacters", "rtl", "emoji",
             "html", "sql", "regex", "format", "path", "combining"]


@pytest.mark.parametrize("name", API_CASES)
def test_api_answers_hostile_questions(served: str, assistant: Assistant, name: str) -> None:
    event, data = call_raw(served, HOSTILE[name], [])
    assert event == "complete", data
    record = data[0]
    assert set(record) >= {"id", "answerable", "passages"} and len(record["passages"]) <= 5
    for passage in record["passages"]:
        assert assistant.index.documents[passage["doc"]].text[passage["start"] : passage["end"]] == passage["text"]
    if not prepare(HOSTILE[name])[0]:
        assert record["passages"] == [] and record["answerable"] is False


@pytest.mark.parametrize(
    ("arguments", "error"),
    [((None, []), "'question' must be a string, not null"), ((42, []), "'question' must be a string, not a number"),
     (({"q": 1}, []), "'question' must be a string, not an object"), (("招商", "not a list"), "'history' must be a list"),
     (("招商", [1, None]), "'history' must be a list"), (("招商", {"a": 1}), "'history' must be a list"),
     (("招商", None), ""), (("招商", [HOSTILE["lone-surrogate"]] * 50), "")],
    ids=["null-question", "number-question", "object-question", "string-history", "non-string-history",
         "object-history", "null-history", "long-history"],
)
def test_api_wrong_argument_types_get_the_error_record(served: str, arguments: tuple[Any, Any], error: str) -> None:
    event, data = call_raw(served, *arguments)
    assert event == "complete" and "Traceback" not in json.dumps(data)
    record = data[0]
    assert set(record) >= {"id", "answerable", "passages"}
    if error:
        assert error in record["error"] and record["passages"] == [] and record["answerable"] is False
    else:
        assert "error" not in record and record["passages"]
    follow = call_raw(served, "招商队伍有什么要求？", [])  # the server is still there and still right
    assert follow[0] == "complete" and follow[1][0]["answerable"] is True
