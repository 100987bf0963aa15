"""Generation folders, the CURRENT pointer, the checksummed manifest and the build lock (no model needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.index import storage
from assistant.errors import IndexCorruptError


def _generation(index_dir: Path, content: str) -> Path:
    workspace = storage.new_workspace(index_dir)
    (workspace / "sub").mkdir()
    (workspace / "sub" / "data.bin").write_bytes(content.encode() * 100)
    (workspace / "notes.json").write_text(json.dumps({"content": content}), encoding="utf-8")
    storage.seal(workspace, {"schema": 1})
    return storage.publish(index_dir, workspace)


def test_publish_points_current_at_a_whole_generation(tmp_path: Path) -> None:
    first = _generation(tmp_path, "a")
    assert storage.current_generation(tmp_path) == first
    manifest = storage.read_manifest(first)
    assert set(manifest["files"]) == {"sub/data.bin", "notes.json"}
    second = _generation(tmp_path, "b")
    assert storage.current_generation(tmp_path) == second
    assert first.is_dir(), "the previous generation stays for readers that started before the swap"
    assert not list(tmp_path.glob(".tmp-*")) and not list(tmp_path.glob("CURRENT.*.tmp"))


def _left_by_an_ended_process(index_dir: Path) -> Path:
    """A workspace and a pointer file named as a process that has ended names them, as a killed build leaves them."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    workspace = index_dir / f".tmp-{done.stdout.strip()}-0123456789ab"
    workspace.mkdir()
    (workspace / "half.bin").write_bytes(b"x")
    (index_dir / f"CURRENT.{done.stdout.strip()}-0123456789ab.tmp").write_text("gen-x", encoding="utf-8")
    return workspace


def test_only_the_last_generations_are_kept_and_leftovers_are_removed(tmp_path: Path) -> None:
    made = [_generation(tmp_path, str(i)) for i in range(4)]
    leftover = _left_by_an_ended_process(tmp_path)
    (tmp_path / "CURRENT.abc123.tmp").write_text("gen-x", encoding="utf-8")  # an older version's name: no owner
    newest = _generation(tmp_path, "new")
    remaining = sorted(p.name for p in tmp_path.glob("gen-*"))
    assert len(remaining) == storage.KEEP_GENERATIONS and newest.name in remaining and made[-1].name in remaining
    assert not leftover.exists() and not list(tmp_path.glob("CURRENT.*.tmp"))


def test_a_publish_leaves_a_running_build_s_workspace_alone(tmp_path: Path) -> None:
    """A background completion publishes while a rebuild of the same folder writes its workspace (a live app
    after two quick edits): the rebuild must still find its files when it publishes."""
    running = storage.new_workspace(tmp_path)
    (running / "half.bin").write_bytes(b"x")
    _generation(tmp_path, "completed meanwhile")
    assert (running / "half.bin").read_bytes() == b"x"
    storage.seal(running, {"schema": 1})
    published = storage.publish(tmp_path, running)
    assert storage.current_generation(tmp_path) == published


def test_a_leftover_of_a_live_pid_goes_once_it_is_a_day_old(tmp_path: Path) -> None:
    """A container's app is often pid 1 at every start: a killed build's workspace named after a pid that runs
    again must not stay forever."""
    old = tmp_path / f".tmp-{os.getpid()}-0123456789ab"
    old.mkdir()
    a_day_ago = time.time() - storage.ABANDONED_AFTER_S - 60
    os.utime(old, (a_day_ago, a_day_ago))
    fresh = storage.new_workspace(tmp_path)
    _generation(tmp_path, "published")
    assert not old.exists() and fresh.exists()


def test_pruning_never_removes_the_current_generation(tmp_path: Path) -> None:
    """Generations are pruned by age; the one CURRENT names stays whatever its folder's time (a workspace made
    early and published late is older than generations published before it)."""
    made = [_generation(tmp_path, str(i)) for i in range(3)]
    current = storage.current_generation(tmp_path)
    assert current is not None
    os.utime(current, (0, 0))  # the oldest folder of all
    storage.prune(tmp_path, keep=made[0].name)
    assert storage.current_generation(tmp_path) == current and current.is_dir()


def test_a_completion_publishes_only_over_the_generation_it_completes(tmp_path: Path) -> None:
    """A background completion of an older build must not put its corpus back over a newer rebuild."""
    older = _generation(tmp_path, "searchable")
    newer = _generation(tmp_path, "rebuilt after an edit")
    completion = storage.new_workspace(tmp_path)
    storage.seal(completion, {"schema": 1})
    assert storage.publish(tmp_path, completion, over=older) is None
    assert storage.current_generation(tmp_path) == newer and completion.is_dir()
    assert storage.publish(tmp_path, completion, over=newer) == storage.current_generation(tmp_path)


@pytest.mark.parametrize(
    "pointer",
    ["", "gen-does-not-exist", "../../etc", "gen-x/../../etc", "\x00\x01", "CURRENT"],
    ids=["empty", "missing", "escape", "escape2", "binary", "self"],
)
def test_a_bad_pointer_means_no_index(tmp_path: Path, pointer: str) -> None:
    _generation(tmp_path, "a")
    (tmp_path / storage.CURRENT).write_text(pointer, encoding="utf-8")
    assert storage.current_generation(tmp_path) is None


def test_a_pointer_that_is_not_utf8_means_no_index(tmp_path: Path) -> None:
    _generation(tmp_path, "a")
    (tmp_path / storage.CURRENT).write_bytes(b"\xff\xfe gen")
    assert storage.current_generation(tmp_path) is None


@pytest.mark.parametrize("fault", ["truncate", "flip", "delete", "extra", "manifest-json", "manifest-shape", "manifest-empty"])
def test_every_damage_to_a_generation_is_detected(tmp_path: Path, fault: str) -> None:
    generation = _generation(tmp_path, "payload")
    data = generation / "sub" / "data.bin"
    manifest = generation / storage.MANIFEST
    if fault == "truncate":
        data.write_bytes(data.read_bytes()[:10])
    elif fault == "flip":
        raw = bytearray(data.read_bytes())
        raw[len(raw) // 2] ^= 0x01
        data.write_bytes(bytes(raw))
    elif fault == "delete":
        data.unlink()
    elif fault == "extra":
        (generation / "sub" / "planted.bin").write_bytes(b"not built by us")
    elif fault == "manifest-json":
        manifest.write_text(manifest.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif fault == "manifest-shape":
        manifest.write_text(json.dumps(["not", "a", "manifest"]), encoding="utf-8")
    elif fault == "manifest-empty":  # a manifest that lists nothing must not pass for one that checks everything
        manifest.write_text(json.dumps({"schema": 1, "files": {}}), encoding="utf-8")
    with pytest.raises(IndexCorruptError) as raised:
        storage.read_manifest(generation)
    message = str(raised.value)
    assert "\n" not in message and generation.name in message


def test_manifest_names_outside_the_generation_are_refused(tmp_path: Path) -> None:
    generation = _generation(tmp_path, "a")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    manifest = json.loads((generation / storage.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["../outside.txt"] = storage.file_sha256(outside)
    (generation / storage.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="outside.txt"):
        storage.read_manifest(generation)


def test_the_build_lock_excludes_a_second_holder(tmp_path: Path) -> None:
    held = storage.build_lock(tmp_path)
    with held:
        other = storage.build_lock(tmp_path)  # another FileLock object: a different file description
        with pytest.raises(storage.LockTimeout):
            other.acquire(timeout=0.05)
    other.acquire(timeout=1)  # released with the first holder
    other.release()
