"""What the browser tests share: Debian's headless Chromium (Playwright never downloads one), pages opened
at a size and colour scheme, asking, waiting on the page's own signals (never on a timer), the axe audit."""

from __future__ import annotations

import shutil

import pytest

from assistant.settings import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (run `make browser`); Playwright never downloads its own", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

AXE = PROJECT_ROOT / "tests" / "system" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WAIT = 60_000  # ms; generous for a slow CI machine, never a measured limit
HOSTILE = "如何让制度“长牙”“带电”？<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FOREIGN: list[str] = []  # requests any page made to somewhere other than the app
SPEECH = "《在领导干部务虚会上的讲话》"


def open_page(browser: sync_api.Browser, url: str, viewport: dict[str, int], dark: bool = False, ready: bool = True,
              script: str = "") -> sync_api.Page:
    """A fresh context (its own storage) at ``viewport``; ``script`` runs in the page before the app's own."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="zh-CN", accept_downloads=True,
                                  color_scheme="dark" if dark else "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(WAIT)
    if script:
        page.add_init_script(script)
    page.on("request", lambda request: FOREIGN.extend([request.url] if not is_local(request.url, url) else []))
    page.goto(url + ("?__theme=dark" if dark else ""))
    if ready:
        page.wait_for_selector("#qa-outline td", state="attached")  # the outline arrives once the assistant is ready
    return page


def is_local(requested: str, url: str) -> bool:
    """The page should load nothing from the network (no CDN fonts, no telemetry), only from the app."""
    return requested.startswith((url.rstrip("/"), "data:", "blob:"))


def ask(page: sync_api.Page, question: str) -> sync_api.Locator:
    before = page.locator(".qa-answer").count()
    page.fill("#qa-box textarea", question)
    page.click("#qa-send")
    opened(page, before + 1)
    return page.locator(".qa-answer").nth(before)


def opened(page: sync_api.Page, answers: int) -> None:
    """Wait until the page script has scrolled the chat to the ``answers``-th answer (it marks the body)."""
    page.wait_for_function(f"Number(document.body.dataset.qaOpened || 0) >= {answers}")


def in_view(page: sync_api.Page, locator: sync_api.Locator) -> bool:
    """The element's top is inside the window and inside the chat's scroll box."""
    return bool(page.evaluate(
        """(el) => {
            const r = el.getBoundingClientRect();
            const chat = document.querySelector('#qa-chat .bubble-wrap, #qa-chat [role=log]') || document.querySelector('#qa-chat');
            const c = chat.getBoundingClientRect();
            return r.top >= Math.max(0, c.top) - 1 && r.top < Math.min(window.innerHeight, c.bottom);
        }""",
        locator.element_handle(),
    ))


def audit(page: sync_api.Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules)."""
    if not page.evaluate("typeof window.axe === 'object'"):  # injected once per page
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:4]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


