"""Index-build progress in Chinese with a percentage and the time left, from a real build of an excerpt of
the speech; and a running app answering from the previous index while it rebuilds."""

from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from assistant.index.load import open_index
from assistant.live import LiveAssistant
from assistant.settings import Settings
from assistant.web import progress as progress_module
from assistant.web.progress import BuildProgress, CountingEncoder, duration


def test_a_real_build_reports_percent_and_time_left(pristine: tuple[Path, Path], encoders, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, _ = pristine
    # the searchable stage embeds the first encoder's distinct passages in one call; the excerpt's fit in one
    # CHUNK of 16, so smaller chunks make the percentage move
    monkeypatch.setattr(progress_module, "CHUNK", 4)
    progress = BuildProgress()
    wrapped = progress.wrap(encoders)
    lines: list[str] = []
    percents: list[int] = []

    def report(line: str) -> None:
        progress.report(line)
        lines.append(progress.line)

    def counted(count: int) -> None:
        progress.embedded(count)
        percents.append(progress.percent)

    wrapped[0]._done = counted  # type: ignore[attr-defined]  # this test's wrapper only: the encoder is shared
    open_index(corpus, tmp_path / "index", wrapped, report, force=True)
    assert progress.building and progress.percent >= 90  # every passage and sentence embedded
    assert any(line.startswith("正在建立索引（m3e-small 计算") for line in lines)
    assert percents == sorted(percents) and 0 < percents[0] < percents[-1]
    progress.report("now serving index x")
    assert progress.percent == 100 and progress.line == "索引已就绪"


def test_the_line_says_percent_and_time_left() -> None:
    now = [100.0]
    progress = BuildProgress(clock=lambda: now[0])
    progress.report("building the index: no index yet")
    progress.report("embedding 520 distinct texts with m3e-small (400 new)")  # the staged build's line
    assert progress.line.endswith("已完成 0%，正在估算剩余时间")
    assert progress.line.startswith("正在建立索引（m3e-small 计算 400 段文字的向量）")
    now[0] += 30
    progress.embedded(100)  # a quarter of the 400 new texts in 30 s: 90 s to go
    assert re.search(r"已完成 25%，约剩 2 分钟$", progress.line), progress.line
    assert duration(42) == "约 40 秒" and duration(3) == "约 5 秒"


def test_questions_during_a_rebuild_are_answered_from_the_previous_index(pristine: tuple[Path, Path], encoders,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    corpus, index = pristine
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(index, tmp_path / "index")
    gate = threading.Event()  # holds the rebuild's embedding until the question has been answered

    def held(count: int) -> None:
        gate.wait(60)

    slow = [CountingEncoder(encoders[0], held)]
    with LiveAssistant(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index"), encoders=slow) as live:
        old = live.current()
        live.watch(every=0.05)
        speech = tmp_path / "corpus" / "speech.txt"
        speech.write_text(speech.read_text(encoding="utf-8") + "园区的名字叫做翠湖智造谷。\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while not live.building and time.monotonic() < deadline:
            time.sleep(0.01)
        assert live.building, "the watcher started a rebuild"
        started = time.monotonic()
        assert live.current() is old and time.monotonic() - started < 0.5  # no waiting for the rebuild …
        assert "翠湖" not in "".join(h.passage.text for h in old.answer("翠湖智造谷在哪里？").hits)  # … answered whole
        gate.set()
        while live.current() is old and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.current() is not old and not live.building
        assert "翠湖智造谷" in live.current().answer("翠湖智造谷在哪里？").hits[0].passage.text
