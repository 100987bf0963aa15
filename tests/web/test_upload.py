"""Adding and removing documents while the app runs, through the HTTP API (``/add_document``,
``/remove_document``) and the upload control in a real browser: checked, stored, indexed, searchable in
the same session, and refused without a trace when hostile."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from gradio_client import Client, handle_file

from assistant.assistant import Settings
from assistant.live import LiveAssistant
from assistant.web.app import Loader, build_app, free_port, launch

NEW_DOCUMENT = "蓝鲸园区建设方案\n\n一、建设目标\n\n蓝鲸科技孵化园区每年评选十佳蓝鲸创客，首期面积三万平方米。\n"


@pytest.fixture(scope="module")
def app_url(pristine: tuple[Path, Path], encoders, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Loader]]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("live-app")
    shutil.copytree(pristine[0], root / "corpus")
    shutil.copytree(pristine[1], root / "index")
    (root / "corpus" / "scanned.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # unreadable: named, the rest loads
    settings = Settings(corpus=root / "corpus", index=root / "index", model="m3e-small", second_model="none")
    with LiveAssistant(settings, check_every=3600, encoders=encoders) as live:
        loader = Loader(live=live)
        app = build_app(loader)
        url = launch(app, port=free_port(), block=False)
        yield url, root, loader
        app.close()


@pytest.fixture(scope="module")
def client(app_url: tuple[str, Path, Loader]) -> Client:
    return Client(app_url[0], verbose=False, analytics_enabled=False, download_files=False)


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def corpus_state(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "corpus").iterdir()}


def test_an_unreadable_file_is_named_on_the_page(app_url: tuple[str, Path, Loader]) -> None:
    from assistant.web.app import ChatApp, refresh

    status = refresh(ChatApp(app_url[2]))[0]  # what the page's load event shows once the assistant is ready
    assert status.visible and "scanned.pdf" in status.value


def test_add_search_and_remove_through_the_api(client: Client, app_url: tuple[str, Path, Loader], tmp_path: Path) -> None:
    path = write(tmp_path, "蓝鲸方案.txt", NEW_DOCUMENT.encode("gb18030"))
    added: dict[str, Any] = client.predict([handle_file(str(path))], api_name="/add_document")
    assert added["ok"] and "蓝鲸方案.txt" in added["documents"] and "蓝鲸园区建设方案" in added["message"]
    found = client.predict("蓝鲸科技孵化园区每年评选什么？", [], api_name="/search")
    assert found["passages"][0]["doc"] == "蓝鲸方案.txt" and "十佳蓝鲸创客" in found["passages"][0]["text"]
    removed = client.predict("蓝鲸方案.txt", api_name="/remove_document")
    assert removed["ok"] and "蓝鲸方案.txt" not in removed["documents"]
    assert not (app_url[1] / "corpus" / "蓝鲸方案.txt").exists()


@pytest.mark.parametrize("name, data", [("empty.txt", b""), ("fake.pdf", b"\x7fELF" + bytes(range(256)) * 4)])
def test_hostile_files_are_refused_through_the_api(client: Client, app_url: tuple[str, Path, Loader], tmp_path: Path,
                                                   name: str, data: bytes) -> None:
    before = corpus_state(app_url[1])
    result = client.predict([handle_file(str(write(tmp_path, name, data)))], api_name="/add_document")
    assert not result["ok"] and name in result["message"]
    assert corpus_state(app_url[1]) == before
    missing = client.predict("../../etc/passwd", api_name="/remove_document")
    assert not missing["ok"] and corpus_state(app_url[1]) == before


def test_upload_in_the_browser(app_url: tuple[str, Path, Loader], tmp_path: Path, browser: Any) -> None:
    """Through the session's one Chromium (``browser`` in tests/conftest.py): a second Playwright in the same
    process cannot start while that one runs."""
    first = write(tmp_path, "园区一.txt", NEW_DOCUMENT.encode())
    second = write(tmp_path, "园区二.md", "# 翠湖智造谷\n\n翠湖智造谷要在年底前完成一期建设，引进十家企业。\n".encode())
    page = browser.new_page()
    try:
        page.set_default_timeout(120_000)
        page.goto(app_url[0])
        page.wait_for_selector("#qa-outline td")
        page.locator("#qa-docs").get_by_text("添加或删除文件").click()
        page.locator("#qa-upload input[type=file]").set_input_files([str(first), str(second)])
        page.wait_for_function("document.querySelector('#qa-docs-status').innerText.includes('已加入并可检索')")
        page.fill("#qa-box textarea", "翠湖智造谷什么时候完成一期建设？")
        page.click("#qa-send")
        # textContent: the passage counts wherever the reply shows it (a card, or collapsed under 可能相关)
        page.wait_for_function("document.querySelector('#qa-chat').textContent.includes('年底前完成一期建设')")
    finally:
        page.close()
    assert (app_url[1] / "corpus" / "园区二.md").exists()
