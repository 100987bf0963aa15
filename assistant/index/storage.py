"""Index folders on disk: one generation folder per build, a ``CURRENT`` pointer, a manifest, a lock.

A build writes a temporary folder, checksums every file into ``manifest.json``, renames the folder to its
generation name and then atomically replaces ``CURRENT`` (write + fsync + ``os.replace``). A reader follows
``CURRENT`` once and so sees a whole generation or the previous one, never a mixture. The previous
generation is kept, so a reader that started just before a swap can finish. Temporary names carry the
writing process's id: a publish removes another writer's leftovers only once that process has ended (a
background completion publishes while a rebuild of the same folder may be writing its workspace).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any, overload

from filelock import FileLock
from filelock import Timeout as LockTimeout  # noqa: F401 - re-exported: callers catch storage.LockTimeout

from ..errors import IndexCorruptError

MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LOCK = ".build.lock"
PUBLISH_LOCK = ".publish.lock"
_TMP_PREFIX = ".tmp-"
_GEN_PREFIX = "gen-"
KEEP_GENERATIONS = 2
LOCK_TIMEOUT_S = 600
#: Where a process cannot be asked whether it still runs (Windows), its temporary files go after this long.
ABANDONED_AFTER_S = 24 * 3600


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def build_lock(index_dir: Path) -> FileLock:
    """Held while building, so two processes never build into the same index folder at once."""
    index_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(str(index_dir / LOCK), timeout=LOCK_TIMEOUT_S)


def current_generation(index_dir: Path) -> Path | None:
    """The folder ``CURRENT`` names, or ``None`` when there is no published index."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    folder = index_dir / name
    if not name.startswith(_GEN_PREFIX) or "/" in name or not folder.is_dir():
        return None
    return folder


def new_workspace(index_dir: Path) -> Path:
    """A fresh temporary folder inside ``index_dir`` (same file system, so the final rename is atomic)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    folder = index_dir / f"{_TMP_PREFIX}{_owned_name()}"
    folder.mkdir()
    return folder


def _owned_name() -> str:
    """A unique temporary name that says which process writes it (see :func:`_abandoned`)."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


def _abandoned(path: Path, name: str) -> bool:
    """Whether the temporary ``path`` (``name``: without its prefix) was left by a writer that has ended: its
    process is gone, or it is older than :data:`ABANDONED_AFTER_S` (no build takes a day; a container's app is
    often pid 1 at every start, so a live pid alone does not say its own writer lives). A name without a process
    id (an older version's) counts as abandoned. Windows has no harmless "is it alive" signal (``os.kill`` ends
    the process there), so there the age alone decides."""
    pid = name.split("-", 1)[0]
    if not pid.isdigit() or "-" not in name:
        return True
    try:
        if time.time() - path.stat().st_mtime > ABANDONED_AFTER_S:
            return True
    except OSError:
        return False  # gone already, or unreadable: leave it
    if os.name == "nt":
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OverflowError, ValueError):  # no process can have this id
        return True
    except OSError:  # PermissionError: alive, another user's
        return False
    return False


def write_json(path: Path, data: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())


def seal(workspace: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest with a checksum of every file already in ``workspace``."""
    files = sorted(p for p in workspace.rglob("*") if p.is_file())
    manifest = dict(manifest, files={p.relative_to(workspace).as_posix(): file_sha256(p) for p in files})
    write_json(workspace / MANIFEST, manifest)


@overload
def publish(index_dir: Path, workspace: Path) -> Path: ...
@overload
def publish(index_dir: Path, workspace: Path, over: Path) -> Path | None: ...
def publish(index_dir: Path, workspace: Path, over: Path | None = None) -> Path | None:
    """Make ``workspace`` the current generation atomically and prune old generations and leftovers.

    ``over``: publish only while that generation is still current (a background completion adding vectors to
    it), else return ``None``. Checking and swapping happen under one short lock, so a completion never puts its
    older corpus back over a rebuild published a moment before."""
    with _publishing(index_dir):
        if over is not None and current_generation(index_dir) != over:
            return None
        generation = _swap_in(index_dir, workspace)
    prune(index_dir, keep=generation.name)
    return generation


def _publishing(index_dir: Path) -> FileLock:
    """Held only while ``CURRENT`` is checked and replaced (the build lock is held for a whole build)."""
    return FileLock(str(index_dir / PUBLISH_LOCK), timeout=LOCK_TIMEOUT_S)


def _swap_in(index_dir: Path, workspace: Path) -> Path:
    generation = index_dir / f"{_GEN_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    workspace.rename(generation)
    pointer_tmp = index_dir / f"{CURRENT}.{_owned_name()}.tmp"
    with pointer_tmp.open("w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    return generation


def prune(index_dir: Path, keep: str) -> None:
    """Remove leftovers of killed builds and generations older than the last :data:`KEEP_GENERATIONS`.
    A workspace of a build still running (in this process or another) is left alone."""
    generations = sorted((p for p in index_dir.glob(f"{_GEN_PREFIX}*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    current = current_generation(index_dir)
    kept = {keep, current.name if current else ""}  # what a concurrent publish made current stays too
    stale = [p for p in generations if p.name not in kept][: max(0, len(generations) - KEEP_GENERATIONS)]
    workspaces = [p for p in index_dir.glob(f"{_TMP_PREFIX}*") if _abandoned(p, p.name[len(_TMP_PREFIX):])]
    pointers = [p for p in index_dir.glob(f"{CURRENT}.*.tmp") if _abandoned(p, p.name[len(CURRENT) + 1 : -len(".tmp")])]
    leftovers = workspaces + pointers
    for path in stale + leftovers:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def read_manifest(generation: Path, verify: bool = True) -> dict[str, Any]:
    """The manifest of ``generation``; with ``verify``, every file's checksum is checked against it."""
    try:
        manifest = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IndexCorruptError(f"index manifest unreadable in {generation.name}: {error}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise IndexCorruptError(f"index manifest malformed in {generation.name}")
    if verify:
        present = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()} - {MANIFEST}
        missing, unlisted = sorted(set(manifest["files"]) - present), sorted(present - set(manifest["files"]))
        if missing or unlisted:
            raise IndexCorruptError(f"index files in {generation.name} do not match its manifest "
                                    f"(missing: {', '.join(missing) or '-'}; not listed: {', '.join(unlisted) or '-'})")
        for name, checksum in manifest["files"].items():
            if file_sha256(generation / name) != checksum:
                raise IndexCorruptError(f"index file {name} in {generation.name} is corrupted (checksum mismatch)")
    return manifest


def _fsync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
