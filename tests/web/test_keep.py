"""The browser's copy of a conversation: one secret per index folder, kept across starts, never in the corpus."""

from __future__ import annotations

import stat
from pathlib import Path

from assistant.settings import Settings
from assistant.web.keep import SECRET_FILE, browser_secret, storage_key


def test_the_secret_is_made_once_private_and_the_same_at_the_next_start(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index")
    first = browser_secret(settings)
    assert first and len(first) >= 24
    assert browser_secret(Settings(corpus=tmp_path / "corpus", index=tmp_path / "index")) == first  # a restart
    assert stat.S_IMODE((tmp_path / "index" / SECRET_FILE).stat().st_mode) == 0o600
    assert browser_secret(Settings(corpus=tmp_path / "corpus", index=tmp_path / "other")) != first


def test_the_storage_key_names_the_corpus(tmp_path: Path) -> None:
    one = storage_key(Settings(corpus=tmp_path / "a", index=tmp_path / "index"))
    assert one == storage_key(Settings(corpus=tmp_path / "a", index=tmp_path / "elsewhere"))
    assert one != storage_key(Settings(corpus=tmp_path / "b", index=tmp_path / "index"))


def test_nothing_is_written_inside_the_corpus_folder(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    assert browser_secret(Settings(corpus=tmp_path / "corpus", index=tmp_path / "corpus" / "index")) is None
    assert list((tmp_path / "corpus").iterdir()) == []
