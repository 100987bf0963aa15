"""The real library parsed once per session (parsing only, no model) for the ingest checks that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.corpus import load_corpus
from assistant.records import Document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def library_documents() -> list[Document]:
    if not (SHARED / "library").is_dir():
        pytest.skip("../shared/library is not beside the project")
    documents, _ = load_corpus(SHARED / "library")
    return documents
