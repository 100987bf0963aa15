"""An app started after the corpus changed (a file added while it was down) answers at once from the index it
has, rebuilds in the background and then answers from the new one; a damaged index is no usable index: the
first start builds before answering and says why, in Chinese."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from assistant.encoders import Encoder
from assistant.index import snapshot, storage
from assistant.index.load import open_index
from assistant.live import LiveAssistant
from assistant.settings import Settings
from assistant.web.loader import Loader
from assistant.web.progress import BuildProgress, CountingEncoder

ADDED = "# 补充说明\n\n园区的名字叫做翠湖智造谷，位于城市东部。\n"
QUESTION = "翠湖智造谷在哪里？"


def copied(pristine: tuple[Path, Path], root: Path) -> Settings:
    shutil.copytree(pristine[0], root / "corpus")
    shutil.copytree(pristine[1], root / "index")
    return Settings(corpus=root / "corpus", index=root / "index", model="m3e-small", second_model="none")


def test_a_start_after_a_file_was_added_answers_from_the_previous_index_while_it_rebuilds(
        pristine: tuple[Path, Path], tmp_path: Path, encoders: list[Encoder]) -> None:
    settings = copied(pristine, tmp_path)
    assert (storage.current_generation(settings.index) / snapshot.FILE).is_file()  # type: ignore[operator]
    (settings.corpus / "notes.md").write_text(ADDED, encoding="utf-8")  # added while the app was down
    gate = threading.Event()  # holds any embedding: a start that built first would hang here, not answer
    held = [CountingEncoder(encoders[0], lambda _: gate.wait(60))]
    lines: list[str] = []
    with LiveAssistant(settings, report=lines.append, encoders=held) as live:
        old = live.current()
        assert old.index.stale.startswith("the corpus changed since the index was built (added notes.md)")
        assert live.building and set(old.index.documents) == {"speech.txt"}
        assert any(line.startswith("serving the previous index") for line in lines)
        assert old.answer("招商队伍有什么要求？").hits, "the previous index answers"
        live.watch(every=0.05)
        deadline = time.monotonic() + 60
        while not any(line.startswith("corpus changed") for line in lines) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert live.current() is old and live.building  # the rebuild runs; questions still get the previous index
        gate.set()
        while live.current() is old and time.monotonic() < deadline:
            time.sleep(0.05)
        new = live.current()
        assert new is not old and not new.index.stale and not live.building
        assert "翠湖智造谷" in new.answer(QUESTION).hits[0].passage.text


def test_the_loader_says_answers_come_from_the_previous_index_until_the_new_one_is_ready(
        pristine: tuple[Path, Path], tmp_path: Path, encoders: list[Encoder]) -> None:
    settings = copied(pristine, tmp_path)
    (settings.corpus / "notes.md").write_text(ADDED, encoding="utf-8")
    live = LiveAssistant(settings, check_every=3600, encoders=encoders)  # not watching: rebuilt when told below
    loader = Loader(live=live)
    assert loader.ready and loader.building
    assert loader.notice.startswith("语料已更改，索引正在更新") and loader.notice.endswith("更新完成前，回答来自上一版索引。")
    assert live.check(force=True) and not loader.building and loader.notice == ""
    live.close()


def test_a_damaged_index_is_no_usable_index_and_the_build_says_so(
        pristine: tuple[Path, Path], tmp_path: Path, encoders: list[Encoder]) -> None:
    settings = copied(pristine, tmp_path)
    (settings.corpus / "notes.md").write_text(ADDED, encoding="utf-8")
    generation = storage.current_generation(settings.index)
    assert generation is not None
    bm25 = next(p for p in (generation / "bm25").iterdir() if p.is_file())
    bm25.write_bytes(bm25.read_bytes()[:-8] + b"damaged!")
    progress = BuildProgress()
    index = open_index(settings.corpus, settings.index, encoders, progress.report, previous=True)
    assert not index.stale and "notes.md" in index.documents  # built, not served damaged
    assert progress.line.startswith("原索引已损坏、无法使用，正在建立索引（m3e-small 计算")
