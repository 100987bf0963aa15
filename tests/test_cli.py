"""The command line, in process (click's CliRunner), on the real model and the real speech."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assistant.cli import main

from conftest import SHARED

CONTRACT_FIELDS = {"doc", "section", "point", "text", "start", "end", "score", "highlights"}


@pytest.fixture(scope="module")
def run(settings, assistant):  # noqa: ARG001 - `assistant` builds the index once before the CLI uses it
    env = {"ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(settings.index)}

    def invoke(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=False)

    invoke.corpus, invoke.index = env["ASSISTANT_CORPUS"], env["ASSISTANT_INDEX"]  # type: ignore[attr-defined]
    return invoke


@pytest.mark.parametrize("command", ["build", "ask", "search", "eval"])
def test_every_command_has_help(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "--model" in result.output


def test_ask_prints_citations_and_highlights(run, speech_text):
    result = run("ask", "招商队伍有什么要求？")
    assert result.exit_code == 0
    assert "[1] 《在领导干部务虚会上的讲话》 · 五、把握发展根基" in result.output
    assert "【" in result.output and "】" in result.output


def test_ask_refusal_line(run):
    result = run("ask", "红酒和白酒哪个更健康？")
    assert "《在领导干部务虚会上的讲话》没有谈到这个问题" in result.output  # names what was searched


def test_doc_option_chooses_documents_and_rejects_unknown_ones(run):
    assert run("search", "首问负责是什么意思？", "--json", "--doc", "speech").exit_code == 0
    result = CliRunner().invoke(main, ["search", "首问负责是什么意思？", "--doc", "no-such-report"],
                                env={"ASSISTANT_CORPUS": run.corpus, "ASSISTANT_INDEX": run.index})
    assert result.exit_code == 2 and "no such document" in result.output and "speech.txt" in result.output


def test_search_json_is_one_contract_record(run):
    result = run("search", "首问负责是什么意思？", "--json")
    record = json.loads(result.output)
    assert set(record) == {"id", "answerable", "passages"}
    assert record["passages"][0]["point"] == "三是首问责任要不推不让抓到底"


def test_batch_contract_line_by_line(run, speech_text):
    lines = [
        {"id": "a", "question": "债务风险底线怎么守？", "kind": "ignored", "evidence": [["x"]]},
        {"id": 7, "question": "第二点呢？", "history": ["第八部分讲了什么？"]},
        {"id": "c", "question": "火星上有水吗？"},
    ]
    stdin = ("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n").encode("utf-8")
    result = run("search", "--batch", "-", stdin=stdin)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", 7, "c"]
    for record in out:
        assert set(record) == {"id", "answerable", "passages"} and len(record["passages"]) <= 5
        for passage in record["passages"]:
            assert set(passage) == CONTRACT_FIELDS and passage["doc"] == "speech.txt"
            assert speech_text[passage["start"] : passage["end"]] == passage["text"]
            assert all(passage["start"] <= a < b <= passage["end"] for a, b in passage["highlights"])
    assert "债务风险底线" in out[0]["passages"][0]["text"] and out[0]["answerable"] is True
    assert out[1]["passages"][0]["point"].startswith("二要坚决防范重大群体性事件")
    assert out[2]["answerable"] is False


def test_eval_matches_the_shared_scorer(run, tmp_path):
    evalset = SHARED / "eval" / "dev.jsonl"
    if not evalset.is_file():
        pytest.skip("../shared/eval is not beside the project")
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(evalset.read_text(encoding="utf-8").splitlines(keepends=True)[::8]), encoding="utf-8")
    ours = json.loads(run("eval", str(sample), "--json").output)
    batch = run("search", "--batch", str(sample)).stdout
    (tmp_path / "out.jsonl").write_text(batch, encoding="utf-8")
    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    (project / "corpus" / "speech.txt").write_text((SHARED / "corpus" / "speech.txt").read_text(encoding="utf-8"), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(sample), str(tmp_path / "out.jsonl"), str(project), "--json"],
        capture_output=True, text=True, check=True,
    )
    theirs = json.loads(scored.stdout)
    for key in ("hit@1", "hit@3", "mrr@5", "refusal", "false_refusal"):
        assert ours["all"][key] == pytest.approx(theirs[key], abs=1e-3), key
    assert theirs["exact"] == 1.0


def test_missing_model_is_one_clear_line(settings, tmp_path):
    env = {"ASSISTANT_CORPUS": str(settings.corpus), "ASSISTANT_INDEX": str(tmp_path / "index")}
    result = CliRunner().invoke(main, ["ask", "问题", "--model", str(tmp_path / "no-such-model"), "--second-model", "none"], env=env)
    assert result.exit_code == 1
    assert "is not available" in result.output and "Traceback" not in result.output
