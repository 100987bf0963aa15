"""An upload being indexed says how far the build has got, in Chinese with a percentage and the time left,
through the same :class:`BuildProgress` line the waiting app shows (no model: the rebuild is played by a
stand-in that reports the build's lines and embeds in steps)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.errors import AssistantError
from assistant.web import progress as progress_module
from assistant.web.documents import DocumentActions
from assistant.web.progress import BuildProgress, follow


class _Rebuild:
    """Stands in for :class:`LiveAssistant`: ``check`` reports a build of 200 passages, embedded in four steps."""

    def __init__(self, corpus: Path, progress: BuildProgress, fail: str = "") -> None:
        self.settings = SimpleNamespace(corpus=corpus)
        self.progress = progress
        self.notice = ""
        self._fail = fail

    def check(self, force: bool = False) -> None:
        self.progress.report("corpus changed (edited 0, added 1, removed 0): updating the index")
        self.progress.report("embedding 200 distinct texts with m3e-small (200 new)")
        for _ in range(4):
            time.sleep(0.05)
            self.progress.embedded(50)
        time.sleep(0.05)
        self.notice = self._fail
        self.progress.report("now serving index g2")


@pytest.fixture
def actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(progress_module, "UPDATE_S", 0.01)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "旧报告.txt").write_text("旧报告\n\n一、回顾\n\n去年的工作做得很好，成绩来之不易。\n", encoding="utf-8")
    progress = BuildProgress()
    live = _Rebuild(corpus, progress)
    upload = tmp_path / "新报告.txt"
    upload.write_text("新报告\n\n一、任务\n\n今年要把工作做得更好，继续努力奋斗。\n", encoding="utf-8")
    return DocumentActions(SimpleNamespace(live=live, progress=progress)), upload, live


def test_upload_status_shows_percent_and_time_left(actions) -> None:  # type: ignore[no-untyped-def]
    documents, upload, _ = actions
    lines = list(documents.upload([str(upload)]))
    building = [line for line in lines if "已完成" in line]
    assert building, lines
    assert all(re.search(r"已完成 \d+%，(?:约剩 \d+ (?:秒|分钟)|正在估算剩余时间)", line) for line in building)
    percents = [int(re.search(r"(\d+)%", line)[1]) for line in building]  # type: ignore[index]
    assert percents == sorted(percents) and percents[-1] >= 50
    assert lines[-1].startswith("已加入并可检索：《新报告》")


def test_a_failed_update_is_said_after_its_progress(actions) -> None:  # type: ignore[no-untyped-def]
    documents, upload, live = actions
    live._fail = "索引更新失败：磁盘已满"
    lines = list(documents.upload([str(upload)]))
    assert lines[-1] == "未添加：索引更新失败：磁盘已满"


def test_follow_re_raises_and_stays_quiet_without_a_build() -> None:
    def broken() -> None:
        raise AssistantError("坏了")

    with pytest.raises(AssistantError, match="坏了"):
        list(follow(broken, BuildProgress(), step_s=0.01))
    assert list(follow(lambda: time.sleep(0.03), BuildProgress(), step_s=0.01)) == []
