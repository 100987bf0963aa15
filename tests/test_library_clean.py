"""Issue 13's done-means over the whole library plus the speech, parsing only: no licence text, no passage
without Chinese, no fragment under four characters, none starting with a closing mark or ending with an
opening one, and every text equal to its source span with the line breaks removed (tests/check_passages.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from check_passages import SHARED, check, library_documents

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (SHARED / "library").is_dir(), reason="../shared/library is not beside the project")
def test_no_passage_of_the_library_is_junk() -> None:
    documents = library_documents([SHARED / "library", SHARED / "corpus"])
    assert len(documents) >= 60 and sum(len(d.passages) for d in documents) > 5000
    bad = [(name, passage.text[:40], wrong) for name, passage, wrong in check(documents)]
    assert bad == []


def test_passages_command_parses_only_and_prints_json_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一份报告\n\n一、总体要求\n\n今年的要求是稳中求进，\n内容很多。\n", encoding="utf-8")
    probe = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from assistant.cli import main\n"
        f"result = CliRunner().invoke(main, ['passages', '--corpus', {str(tmp_path)!r}, '--json'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'onnxruntime', 'sentence_transformers', 'transformers'))\n"
        "print(json.dumps({'code': result.exit_code, 'out': result.output, 'heavy': heavy}))\n"
    )
    import json

    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["heavy"] == []
    lines = [json.loads(line) for line in report["out"].splitlines()]
    body = next(line for line in lines if line["text"].startswith("今年"))
    assert body == {"doc": "a.txt", "kind": "paragraph", "section": "一、总体要求", "point": "",
                    "text": "今年的要求是稳中求进，内容很多。", "start": body["start"], "end": body["end"]}
    source = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert source[body["start"] : body["end"]] == "今年的要求是稳中求进，\n内容很多。"
