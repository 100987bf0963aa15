"""The chat in a real browser: Debian's headless Chromium, driven by Playwright, against the app served
in-process. Set WEB_SCREENSHOTS=docs to also write docs/screenshot-desktop.png and docs/screenshot-phone.png."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from assistant.settings import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (run `make browser`); Playwright never downloads its own", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WAIT = 60_000  # ms; generous for a slow CI machine, never a measured limit
HOSTILE = "如何让制度“长牙”“带电”？<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FOREIGN: list[str] = []  # requests any page made to somewhere other than the app


@pytest.fixture(scope="module")
def url(served: str) -> str:
    return served


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser: sync_api.Browser, url: str, viewport: dict[str, int]) -> sync_api.Page:
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.on("request", lambda request: FOREIGN.extend([request.url] if not is_local(request.url, url) else []))
    page.goto(url)
    page.wait_for_selector("#qa-outline td")  # the outline arrives once the assistant is ready
    return page


def is_local(requested: str, url: str) -> bool:
    """The page should load nothing from the network (no CDN fonts, no telemetry), only from the app."""
    return requested.startswith((url.rstrip("/"), "data:", "blob:"))


def ask(page: sync_api.Page, question: str) -> sync_api.Locator:
    before = page.locator(".qa-answer").count()
    page.fill("#qa-box textarea", question)
    page.click("#qa-send")
    page.wait_for_function(f"document.querySelectorAll('.qa-answer').length > {before}")
    return page.locator(".qa-answer").nth(before)


def test_ask_copy_expand_outline_and_script_shown_as_text(browser: sync_api.Browser, url: str) -> None:
    page = open_page(browser, url, DESKTOP)
    assert "问问这篇讲话说了什么" in page.inner_text("#qa-chat")  # the empty state says what to ask
    assert page.locator("#qa-chat button.example").count() >= 3
    assert "本文系作者原创投稿" in page.inner_text("#qa-header")  # the source notice as attribution

    answer = ask(page, HOSTILE)
    card = answer.locator(".qa-card").first
    assert card.locator("mark.qa-hl").count() >= 1
    assert "四、把握四中全会精神，用制度破题解难 › 三要狠抓执行落实" in card.locator(".qa-section").inner_text()
    assert card.locator(".qa-rel").inner_text() in ("高度相关", "相关", "可能相关")

    question = page.locator(".qa-question").last
    assert "<script>window.__pwned = 1</script>" in question.inner_text()  # shown as text …
    assert question.locator("script, img").count() == 0  # … never as markup
    assert page.evaluate("window.__pwned") is None

    card.locator(".qa-copy").click()
    page.wait_for_function("document.querySelector('.qa-copy.qa-copied') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("《在领导干部务虚会上的讲话》四、把握四中全会精神，用制度破题解难 · 三要狠抓执行落实")
    assert "：“三要狠抓执行落实" in copied and copied.endswith("”")

    card.locator("details.qa-context summary").click()
    assert card.locator(".qa-ctx").first.is_visible() and card.locator(".qa-ctx-self").count() == 1

    page.locator("#qa-outline td", has_text="二是牵头责任要积极有效抓起来").click()
    page.wait_for_function("document.querySelectorAll('.qa-answer').length >= 2")
    picked = page.locator(".qa-answer").nth(1)
    assert "七、把握职责使命，切实履职尽责 › 二是牵头责任要积极有效抓起来" in picked.locator(".qa-section").first.inner_text()
    assert "第七部分第二点" in picked.locator(".qa-message").first.inner_text()

    follow = ask(page, "那第三点呢？")  # a follow-up leans on the outline click
    assert "三是首问责任要不推不让抓到底" in follow.locator(".qa-section").first.inner_text()
    page.context.close()
    assert FOREIGN == []


def test_phone_width_has_no_sideways_scroll(browser: sync_api.Browser, url: str) -> None:
    page = open_page(browser, url, PHONE)
    answer = ask(page, "牵头责任有什么要求？")
    assert answer.locator(".qa-card").count() >= 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    box = answer.locator(".qa-card").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    page.context.close()


@pytest.mark.skipif(not os.environ.get("WEB_SCREENSHOTS"), reason="set WEB_SCREENSHOTS=docs to write the screenshots")
def test_screenshots(browser: sync_api.Browser, url: str) -> None:
    folder = PROJECT_ROOT / os.environ["WEB_SCREENSHOTS"]
    folder.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = open_page(browser, url, viewport)
        ask(page, "招商队伍有什么要求？")
        page.locator(".qa-question").last.scroll_into_view_if_needed()
        page.evaluate("document.fonts.ready")
        target = Path(folder) / f"screenshot-{name}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
        page.context.close()
