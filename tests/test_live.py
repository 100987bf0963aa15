"""A running app follows corpus edits: documents edited, added or removed while it serves are noticed, the
index is rebuilt atomically, and every answer comes from one whole index, never a mixture."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from assistant.encoders import Encoder
from assistant.live import CorpusStamp, LiveAssistant
from assistant import Assistant, Settings

NEW_LINE = "此外，要建设一座专门培育蓝鲸科技的孵化园区，每年评选十佳蓝鲸创客。"
NEW_QUESTION = "蓝鲸科技的孵化园区是做什么的？"


@pytest.fixture()
def live(pristine: tuple[Path, Path], tmp_path: Path, encoders: list[Encoder]):  # type: ignore[no-untyped-def]
    shutil.copytree(pristine[0], tmp_path / "corpus")
    shutil.copytree(pristine[1], tmp_path / "index")
    lines: list[str] = []
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="m3e-small", second_model="none")
    with LiveAssistant(settings, report=lines.append, check_every=0, encoders=encoders) as app:
        app.lines = lines  # type: ignore[attr-defined]
        yield app


def consistent(assistant: Assistant, question: str) -> str:
    """Answer ``question`` and check every passage against the documents of the same assistant."""
    answer = assistant.answer(question)
    for hit in answer.hits:
        assert assistant.index.documents[hit.passage.doc].text[hit.passage.start : hit.passage.end] == hit.passage.text
    return "".join(hit.passage.text for hit in answer.hits)


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_unchanged_corpus_keeps_the_same_assistant(live: LiveAssistant) -> None:
    first = live.current()
    assert live.current() is first
    speech = live.settings.corpus / "speech.txt"
    os.utime(speech)  # touched, content unchanged: looked at, not rebuilt
    speech.write_text(speech.read_text(encoding="utf-8"), encoding="utf-8")
    assert live.current() is first and not live.lines  # type: ignore[attr-defined]


def test_edit_while_running_is_answered_from_the_new_index(live: LiveAssistant) -> None:
    old = live.current()
    assert "蓝鲸" not in consistent(old, NEW_QUESTION)
    append(live.settings.corpus / "speech.txt", NEW_LINE)
    new = live.current()
    assert new is not old and new.index.generation != old.index.generation
    assert "蓝鲸科技的孵化园区" in consistent(new, NEW_QUESTION)
    assert "蓝鲸" not in consistent(old, NEW_QUESTION), "a request that began on the old index finishes on it, whole"
    assert live.lines[0] == "corpus changed (edited ['speech.txt'], added [], removed []): updating the index"  # type: ignore[attr-defined]
    # the searchable generation is served at once; the background completion reports after it
    assert f"now serving index {new.index.generation}" in live.lines[1:]  # type: ignore[attr-defined]


def test_document_added_and_removed_while_running(live: LiveAssistant) -> None:
    notes = live.settings.corpus / "notes.md"
    notes.write_text("# 补充说明\n\n园区的名字叫做翠湖智造谷，位于城市东部。\n", encoding="utf-8")
    added = live.current()
    assert set(added.index.documents) == {"speech.txt", "notes.md"}
    assert "翠湖智造谷" in consistent(added, "翠湖智造谷在哪里？")
    notes.unlink()
    removed = live.current()
    assert set(removed.index.documents) == {"speech.txt"}
    assert all(h.passage.doc == "speech.txt" for h in removed.answer("翠湖智造谷在哪里？").hits)


def test_failed_rebuild_keeps_serving_the_last_index_with_a_notice(live: LiveAssistant) -> None:
    old = live.current()
    speech = live.settings.corpus / "speech.txt"
    saved = speech.read_bytes()
    speech.unlink()  # the corpus is now empty: nothing can be built
    assert live.current() is old
    assert live.notice.startswith("语料已更改，但索引未能更新") and "\n" not in live.notice
    assert "could not be rebuilt" in live.lines[-1]  # type: ignore[attr-defined]
    speech.write_bytes(saved + NEW_LINE.encode())
    assert live.check(force=True) and live.notice == ""  # retried (here at once; on its own after RETRY_AFTER_S)


def test_corpus_folder_removed_while_running(live: LiveAssistant, tmp_path: Path) -> None:
    old = live.current()
    live.settings.corpus.rename(tmp_path / "moved")
    assert live.current() is old and "corpus folder not found" in live.notice


def test_concurrent_requests_during_edits_never_mix(live: LiveAssistant) -> None:
    """Readers answer in a loop while the corpus is edited twice; every answer is whole and consistent."""
    stop = threading.Event()
    errors: list[BaseException] = []
    generations: set[str] = set()

    def reader() -> None:
        while not stop.is_set():
            try:
                assistant = live.current()
                consistent(assistant, NEW_QUESTION)
                generations.add(assistant.index.generation)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
                return

    def answered_from_a_new_generation(seen: set[str]) -> bool:
        """Wait until some reader has answered from a generation not in ``seen`` (a first answer may take
        seconds; the searchable generation or the completed one that replaces it)."""
        deadline = time.monotonic() + 120
        while not generations - seen and not errors and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(generations - seen)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    speech = live.settings.corpus / "speech.txt"
    for line in (NEW_LINE, "另外，翠湖智造谷要在年底前完成一期建设。"):
        seen = set(generations)
        append(speech, line)
        live.check(force=True)
        assert answered_from_a_new_generation(seen), errors
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    events = "\n".join(live.lines)  # type: ignore[attr-defined]
    assert not errors, errors
    assert live.notice == "", events
    assert "翠湖智造谷" in consistent(live.current(), "翠湖智造谷什么时候建成？"), events


def test_watcher_rebuilds_without_a_request(live: LiveAssistant) -> None:
    swapped = threading.Event()
    old = live.current()
    live._report = lambda line: swapped.set() if line.startswith("now serving") else None  # type: ignore[method-assign]
    live.watch(every=0.05)
    append(live.settings.corpus / "speech.txt", NEW_LINE)
    assert swapped.wait(timeout=120), "the background look noticed the edit"
    assert live.generation != old.index.generation
    live.close()


def test_stamp_sees_size_and_content_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一", encoding="utf-8")
    first = CorpusStamp.take(tmp_path)
    (tmp_path / "a.txt").write_text("二二", encoding="utf-8")
    assert CorpusStamp.take(tmp_path) != first
    assert CorpusStamp.take(tmp_path / "missing").error
