"""The batch contract under hostile input: every input line gets exactly one output line, in order; a bad
line gets an error record and a one-line warning, and the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from assistant.batch import MAX_NESTING, answer_item, parse_line, read_items, request_item
from assistant.render.record import dumps
from assistant.cli import main
from assistant import Assistant, Settings
from assistant.query.question import MAX_HISTORY_TURNS

# (raw line, part of the error it must get)
BAD_LINES: list[tuple[bytes, str]] = [
    (b"this is not json", "not JSON"),
    (b'{"id": "a", "question": "unterminated', "not JSON"),
    (b"", "empty line"),
    (b"   \t ", "empty line"),
    (b'"just a string"', "expected a JSON object"),
    (b"[1, 2, 3]", "expected a JSON object"),
    (b"null", "expected a JSON object"),
    (b'{"id": "m"}', "'question' is missing"),
    (b'{"id": "n", "question": null}', "must be a string, not null"),
    (b'{"id": "i", "question": 42}', "must be a string, not a number"),
    (b'{"id": "o", "question": {"text": "q"}}', "must be a string, not an object"),
    (b'{"id": "l", "question": ["q"]}', "must be a string, not a list"),
    (b'{"id": "h1", "question": "q", "history": "earlier"}', "'history' must be a list of strings"),
    (b'{"id": "h2", "question": "q", "history": ["ok", 3]}', "'history' must be a list of strings"),
    (b'{"id": "h3", "question": "q", "history": {"a": 1}}', "'history' must be a list of strings"),
    (b'{"id": "u", "question": "\xff\xfe bad bytes"}', "not valid UTF-8 (byte 25)"),
    (b"\xef\xbb\xbf\xef\xbb\xbf{}", "not JSON"),  # two byte order marks: only one is forgiven
    (b'{"id": NaN, "question": "q"}', "NaN is not JSON"),
    (b'{"id": 1e999, "question": "q"}', "out of range"),
    (b'{"id": -Infinity, "question": "q"}', "-Infinity is not JSON"),
    (b"[" * 100_000, f"nested deeper than {MAX_NESTING}"),
    (b'{"id": "d", "question": "q", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", f"nested deeper than {MAX_NESTING}"),
]

GOOD_LINES: list[tuple[bytes, str]] = [
    (b'{"id": "g1", "question": "\\u62db\\u5546\\u961f\\u4f0d\\u6709\\u4ec0\\u4e48\\u8981\\u6c42"}', "招商队伍有什么要求"),
    (b"\xef\xbb\xbf" + '{"id": "bom", "question": "招商"}'.encode(), "招商"),  # a Windows editor's byte order mark
    ('{"id": "s", "question": "招商\\ud800队伍"}'.encode(), "招商\ud800队伍"),  # a lone surrogate escape is valid JSON
    ('{"id": "b", "question": "' .encode() + b"[" * 200 + b'"}', "[" * 200),  # brackets in a string are no nesting
    (b'{"id": 7, "question": "q", "history": null, "extra": [1, {"a": 2}]}', "q"),
]


@pytest.mark.parametrize(("raw", "error"), BAD_LINES, ids=[f"bad{i}" for i in range(len(BAD_LINES))])
def test_bad_line_gets_a_one_line_error(raw: bytes, error: str) -> None:
    item = parse_line(9, raw)
    assert item.error.startswith("line 9: ") and error in item.error and "\n" not in item.error


@pytest.mark.parametrize(("raw", "question"), GOOD_LINES, ids=[f"good{i}" for i in range(len(GOOD_LINES))])
def test_good_line_is_read(raw: bytes, question: str) -> None:
    item = parse_line(1, raw)
    assert not item.error and item.question == question


def test_long_history_keeps_the_latest_turns() -> None:
    history = [f"问题{i}" for i in range(500)]
    item = parse_line(1, json.dumps({"question": "那第三点呢？", "history": history}).encode())
    assert item.history == tuple(history[-MAX_HISTORY_TURNS:])


def test_docs_field_chooses_documents() -> None:
    item = parse_line(1, json.dumps({"question": "q", "docs": ["2019年政府工作报告.txt", "speech"]}).encode())
    assert item.documents == ("2019年政府工作报告.txt", "speech") and not item.error
    assert "'docs' must be a list of strings" in parse_line(2, b'{"question": "q", "docs": "speech.txt"}').error


def test_request_item_checks_web_api_arguments() -> None:
    assert request_item("q", None).history == ()
    assert "'question' must be a string" in request_item(None, []).error
    assert "'history' must be a list" in request_item("q", "abc").error


def test_crlf_lines_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 1, "question": "a"}\r\n{"id": 2, "question": "b"}')
    with path.open("rb") as stream:
        items = list(read_items(stream))
    assert [(i.id, i.question, i.error) for i in items] == [(1, "a", ""), (2, "b", "")]


class _Failing:
    """An assistant whose answering fails for one question, as an unforeseen bug would."""

    def __init__(self, inner: Assistant) -> None:
        self.inner = inner

    def answer(self, question: str, history: Any = (), documents: Any = ()) -> Any:
        if question == "boom":
            raise RuntimeError("injected failure")
        return self.inner.answer(question, history, documents)


def test_a_failing_line_does_not_end_the_batch(assistant: Assistant) -> None:
    items = [parse_line(1, b'{"id": "x", "question": "boom"}'), parse_line(2, b'{"id": "y", "question": "\\u62db\\u5546"}')]
    records = [answer_item(_Failing(assistant), item) for item in items]  # type: ignore[arg-type]
    assert records[0] == {"id": "x", "answerable": False, "passages": [],
                          "error": "line 1: could not be answered (RuntimeError: injected failure)"}
    assert records[1]["passages"] and "error" not in records[1]


def test_dumps_survives_lone_surrogates_in_ids() -> None:
    line = dumps({"id": "a\udcffb", "answerable": False, "passages": []})
    line.encode("utf-8")  # writable as UTF-8
    assert "\\udcff" in line and json.loads(line)["id"] == "a\udcffb"  # kept as a JSON escape: the id round-trips


def test_cli_batch_answers_every_line_in_order(settings: Settings, tmp_path: Path) -> None:
    good = [json.dumps({"id": f"q{i}", "question": q}, ensure_ascii=False).encode() for i, q in enumerate(
        ["招商队伍有什么要求？", "", "   ", "<script>alert(1)</script>", "'; DROP TABLE passages; --", ".*+?[(|^$\\1",
         "%s %d {0} {__class__} ${HOME}", "招\x00商\x1b[31m队伍", "\u202e\u200f招商\u061c队伍", "🙂👍🏽👨‍👩‍👧",
         "问" * 100_000]
    )]
    lines = [*good[:3], BAD_LINES[0][0], *good[3:7], BAD_LINES[8][0], BAD_LINES[15][0], *good[7:], BAD_LINES[20][0]]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(main, ["search", "--batch", str(source), "--corpus", str(settings.corpus),
                                       "--index", str(settings.index), "--model", settings.model,
                                       "--second-model", settings.second_model])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert [r["id"] for r in out if "error" not in r] == [f"q{i}" for i in range(len(good))]
    assert [i for i, r in enumerate(out) if "error" in r] == [3, 8, 9, 14]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: line ")]
    assert len(warnings) == 4 and "Traceback" not in result.output + result.stderr
    speech = (settings.corpus / "speech.txt").read_text(encoding="utf-8")
    for record in out:
        assert set(record) <= {"id", "answerable", "passages", "error"} and len(record["passages"]) <= 5
        for passage in record["passages"]:
            assert speech[passage["start"] : passage["end"]] == passage["text"]
    assert out[0]["answerable"] and out[1]["passages"] == [] and out[2]["passages"] == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_make_an_item_never_an_exception(raw: bytes) -> None:
    item = parse_line(1, raw)
    assert item.error or isinstance(item.question, str)
    json.loads(dumps({"id": item.id, "error": item.error}))


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "question", "history", "other"]), json_values, max_size=4))
def test_any_json_object_makes_an_item_never_an_exception(data: dict[str, Any]) -> None:
    item = parse_line(1, json.dumps(data).encode())
    valid = isinstance(data.get("question"), str) and (data.get("history") is None or (
        isinstance(data["history"], list) and all(isinstance(h, str) for h in data["history"])))
    assert bool(item.error) != valid
