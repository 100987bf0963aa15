"""Where the browser keeps a conversation, so it survives a reload and a restart of the app.

Gradio's ``BrowserState`` encrypts the browser's copy with a secret it draws anew at every start, so a restart
lost every conversation. Here the secret is drawn once and kept beside the index (``chat-secret``, mode 0600),
and the storage key names the corpus, so two apps on one address keep their conversations apart. The secret
only scrambles the browser's own copy (the page receives it to read that copy back); no conversation is ever
stored on the server.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from ..errors import AssistantError
from ..index.load import check_apart
from ..settings import Settings

SECRET_FILE = "chat-secret"


def storage_key(settings: Settings) -> str:
    """The browser storage key of this corpus's conversation."""
    folder = str(settings.corpus.resolve()).encode("utf-8", "surrogatepass")
    return f"qa-conversation-{hashlib.sha256(folder).hexdigest()[:12]}"


def browser_secret(settings: Settings) -> str | None:
    """The secret kept in the index folder, made on the first start; ``None`` (Gradio then draws one per start:
    the chat survives reloads only) when it can be neither read nor written there."""
    path = settings.index / SECRET_FILE
    try:
        check_apart(settings.corpus, settings.index)  # nothing is ever written under the corpus folder
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return _make(path)
    except (AssistantError, OSError, UnicodeDecodeError):
        return None


def _make(path: Path) -> str | None:
    secret = secrets.token_urlsafe(24)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use that one
        return path.read_text(encoding="ascii").strip() or None
    except OSError:
        return None
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(secret + "\n")
    return secret
