"""The chat across restarts of the app, in a real browser: the conversation survives a server restart (not only
a reload), and an app started after a file was added answers at once from the previous index, says so, and
words the page from the new index once it is built."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant, Settings
from assistant.encoders import Encoder
from assistant.web import loader as loader_module
from assistant.web.app import Loader, build_app, free_port, launch
from assistant.web.progress import CountingEncoder
from browser_kit import DESKTOP, ask, open_page, opened, sync_api

#: Counts the page's writes of its stored conversation, so the test stops the server only once one is saved.
COUNT_WRITES = """
const setItem = Storage.prototype.setItem;
window.__qaWrites = 0;
Storage.prototype.setItem = function (key, value) {
  if (String(key).startsWith('qa-conversation-')) window.__qaWrites += 1;
  return setItem.call(this, key, value);
};
"""


def test_the_conversation_survives_a_server_restart(browser: sync_api.Browser, assistant: Assistant, settings: Settings) -> None:
    port = free_port()
    app = build_app(Loader(settings, assistant=assistant))
    url = launch(app, "127.0.0.1", port, block=False)
    page = open_page(browser, url, DESKTOP, script=COUNT_WRITES)
    ask(page, "招商队伍有什么要求？")
    page.wait_for_function("window.__qaWrites >= 1")
    app.close(verbose=False)  # the server stops …
    again = build_app(Loader(settings, assistant=assistant))
    assert launch(again, "127.0.0.1", port, block=False) == url  # … and starts again on the same port
    try:
        page.reload()
        page.wait_for_selector("#qa-outline td", state="attached")
        opened(page, 1)
        assert page.locator(".qa-question").inner_text() == "招商队伍有什么要求？"
        assert "招商队伍要增强产业的敏感度和判断力" in page.locator(".qa-answer .qa-text").first.inner_text()
        follow = ask(page, "那配套设施呢？")  # the restored exchange still carries follow-ups
        assert "接着上一问“招商队伍有什么要求？”" in follow.locator(".qa-reading").inner_text()
    finally:
        page.context.close()
        again.close(verbose=False)


def test_a_start_after_a_file_was_added_answers_from_the_previous_index_and_says_so(
        browser: sync_api.Browser, pristine: tuple[Path, Path], encoders: list[Encoder], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(pristine[0], tmp_path / "corpus")
    shutil.copytree(pristine[1], tmp_path / "index")
    (tmp_path / "corpus" / "notes.md").write_text("# 园区补充说明\n\n园区的名字叫做翠湖智造谷，位于城市东部。\n", encoding="utf-8")
    gate = threading.Event()  # holds the rebuild's embedding while the page is looked at

    def held(_: Any) -> list[Encoder]:
        return [CountingEncoder(encoders[0], lambda _: gate.wait(60))]

    monkeypatch.setattr(loader_module, "load_encoders", held)
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="m3e-small", second_model="none")
    loader = Loader(settings).start()
    app = build_app(loader)
    url = launch(app, "127.0.0.1", free_port(), block=False)
    try:
        page = open_page(browser, url, DESKTOP)  # ready at once: the previous index serves
        status = page.locator("#qa-status")
        assert "更新完成前，回答来自上一版索引" in status.inner_text()
        answer = ask(page, "招商队伍有什么要求？")
        assert "回答来自上一版索引" in page.locator("#qa-chat .qa-message.qa-hidden").last.inner_text()
        assert answer.locator(".qa-card").count() >= 1
        gate.set()
        status.wait_for(state="hidden")  # the new index serves: the banner goes …
        page.locator("#qa-outline td", has_text="园区补充说明").first.wait_for(state="attached")  # … the page knows the new file
        page.context.close()
    finally:
        gate.set()
        app.close(verbose=False)
        if loader.live is not None:
            loader.live.close()
