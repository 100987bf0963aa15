"""One headless Chromium for every browser test of the session (starting one takes seconds)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from browser_kit import ARGS, CHROMIUM, sync_api  # skips the test when Chromium or Playwright is missing

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
