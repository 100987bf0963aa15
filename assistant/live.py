"""Keep a long-running app answering from an index that matches ``corpus/`` as it is now.

:class:`LiveAssistant` wraps the :class:`~assistant.assistant.Assistant` of a web app. At most every
``check_every`` seconds (and from a background thread, if :meth:`LiveAssistant.watch` was called) it
compares the corpus files' ``stat`` (name, size, mtime, ctime, inode) with what it saw when it loaded.
Only when those differ does it read the files and compare their content hashes with the loaded index's
documents; a document edited, added or removed triggers :func:`~assistant.index.load.open_index`, which
rebuilds under the index's file lock and publishes atomically. The new ``Assistant`` then replaces the
old one in a single assignment.

A request calls :meth:`LiveAssistant.current` once and uses the returned ``Assistant`` throughout, so
every answer comes from one whole index (old or new, never a mixture). A request never waits for a rebuild
(an upload being indexed, say): once the watcher runs, looking and rebuilding are its alone, and without it
a look already under way is not waited for; the request is answered from the previous index, whole, while
:attr:`LiveAssistant.building` is true (the web page says so), and the first request after the swap gets
the new one. A start after the corpus changed (a file added while the app was down) is the same case: the
index on disk is served as it was built (``index.stale``; see :func:`~assistant.index.load.load_previous`) and
rebuilt at once in the background; only with no usable index (none yet, or a damaged one) does the first load
build before answering. If the rebuild fails (say the corpus folder was emptied), the previous index keeps serving,
:attr:`notice` says so in one line, and the rebuild is tried again after :data:`RETRY_AFTER_S`. Nothing here writes
under ``corpus/``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .assistant import Assistant
from .encoders import Encoder
from .errors import AssistantError
from .index import storage
from .index.build import document_hashes
from .ingest.corpus import corpus_files
from .ingest.formats import read_file
from .policy import DEFAULT_POLICY, Policy
from .settings import Settings, load_encoders

#: Default seconds between two looks at the corpus (a look is one ``stat`` per corpus file).
CHECK_EVERY_S = 1.0
#: After a failed rebuild, wait this long before trying again (the old index serves meanwhile).
RETRY_AFTER_S = 30.0

Report = Callable[[str], None]
FileStat = tuple[str, int, int, int, int]  # name, size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True)
class CorpusStamp:
    """What ``stat`` says about every corpus file: cheap to take, changes whenever a file is written."""

    files: tuple[FileStat, ...]
    error: str = ""  # the corpus folder could not be listed

    @classmethod
    def take(cls, corpus_dir: Path) -> CorpusStamp:
        try:
            paths = corpus_files(corpus_dir)
        except (AssistantError, OSError) as error:
            return cls((), str(error))
        files: list[FileStat] = []
        for path in paths:
            try:
                info = path.stat()
            except OSError:  # removed between listing and stat: leave it out, as the next listing will
                continue
            name = path.relative_to(corpus_dir).as_posix()
            files.append((name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
        return cls(tuple(files))


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Content hash of every readable corpus document, as the index manifest records them."""
    hashes: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        try:
            text = read_file(path).text  # the text the index holds, whatever the file's format
        except (AssistantError, OSError):  # skipped by the index as well (see corpus.load_corpus)
            continue
        hashes[path.relative_to(corpus_dir).as_posix()] = storage.text_sha256(text)
    return hashes


def index_hashes(assistant: Assistant) -> dict[str, str]:
    return document_hashes(assistant.index.documents.values())


class LiveAssistant:
    """An :class:`Assistant` that follows changes to the corpus; share one per process.

    Args:
        settings: where the corpus and the index live and which encoders to use.
        report: receives one line per event (change noticed, rebuild done, rebuild failed).
        check_every: seconds between two looks at the corpus; ``0`` looks before every request.
        encoders: already loaded encoders (by default loaded from ``settings``).
        policy: what every assistant it loads decides by.

    Example:
        >>> live = LiveAssistant(Settings())
        >>> assistant = live.current()          # once per request
        >>> answer = assistant.answer("招商队伍有什么要求？")
    """

    def __init__(self, settings: Settings, report: Report = lambda _: None, check_every: float = CHECK_EVERY_S,
                 encoders: Sequence[Encoder] | None = None, policy: Policy = DEFAULT_POLICY) -> None:
        self.settings = settings
        self.policy = policy
        self.check_every = check_every
        self._report = report
        self._encoders = list(encoders) if encoders is not None else load_encoders(settings)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._notice = ""
        self._building = False
        self._stamp = CorpusStamp.take(settings.corpus)  # taken before reading: a change during the load shows
        self._assistant = Assistant.load(settings, report, encoders=self._encoders, policy=policy, staged=True,
                                         previous=True)
        self._hashes = index_hashes(self._assistant)  # a stale index's own documents: the next look rebuilds
        if self._assistant.index.stale:
            self._stamp = CorpusStamp((), "not looked at since the index was built")
        self._due = time.monotonic() + check_every

    def current(self) -> Assistant:
        """The assistant to answer one request with: the corpus is looked at first when a look is due.

        Once :meth:`watch` runs, looking and rebuilding are the watcher's alone: a request never waits for a
        rebuild but is answered, whole, from the previous index while :attr:`building` is true."""
        if self._watcher is None and time.monotonic() >= self._due:
            self.check(wait=False)
        return self._assistant

    @property
    def building(self) -> bool:
        """True while a rebuild runs or is due (a stale index served at start); requests meanwhile get the
        previous assistant."""
        return self._building or bool(self._assistant.index.stale and not self._notice)

    @property
    def notice(self) -> str:
        """One line when the index could not follow the corpus (answers still come from the last good one)."""
        return self._notice

    @property
    def generation(self) -> str:
        return self._assistant.index.generation

    def check(self, force: bool = False, wait: bool = True) -> bool:
        """Look at the corpus now (``force``) or when due; rebuild and swap if it changed. True when swapped.
        With ``wait=False`` a look already under way (say a rebuild after an upload) is not waited for."""
        if not self._lock.acquire(blocking=wait):
            return False
        try:
            if not force and time.monotonic() < self._due:
                return False  # another thread looked while this one waited for the lock
            retry = False
            try:
                return self._refresh()
            except Exception as error:  # noqa: BLE001 - a failed update must never take the app down
                retry = True
                reason = str(error) if isinstance(error, AssistantError) else f"{type(error).__name__}: {error}"
                self._notice = f"语料已更改，但索引未能更新（{reason}）；回答仍来自上一版本。"
                self._report(f"corpus changed but the index could not be rebuilt: {reason}; still serving {self.generation}")
                return False
            finally:
                self._due = time.monotonic() + (max(self.check_every, RETRY_AFTER_S) if retry else self.check_every)
        finally:
            self._lock.release()

    def _refresh(self) -> bool:
        stamp = CorpusStamp.take(self.settings.corpus)
        if stamp == self._stamp:
            return self._completed()
        hashes = corpus_hashes(self.settings.corpus)  # raises CorpusError when the folder is gone
        if hashes == self._hashes and not self._assistant.index.stale:  # touched or re-saved unchanged
            self._stamp = stamp
            return False
        added, removed = sorted(hashes.keys() - self._hashes.keys()), sorted(self._hashes.keys() - hashes.keys())
        edited = sorted(n for n in hashes.keys() & self._hashes.keys() if hashes[n] != self._hashes[n])
        self._report(f"corpus changed (edited {edited}, added {added}, removed {removed}): updating the index")
        self._building = True
        try:
            assistant = Assistant.load(self.settings, self._report, encoders=self._encoders, policy=self.policy, staged=True)
        finally:
            self._building = False
        self._assistant, self._hashes, self._stamp = assistant, index_hashes(assistant), stamp
        self._notice = ""
        self._report(f"now serving index {assistant.index.generation}")
        return True

    def _completed(self) -> bool:
        """Swap in the complete generation once a searchable one's background vectors are published."""
        if not self._assistant.index.pending:
            return False
        current = storage.current_generation(self.settings.index)
        if current is None or current.name == self.generation:
            return False
        assistant = Assistant.load(self.settings, self._report, encoders=self._encoders, policy=self.policy, staged=True)
        if index_hashes(assistant) != self._hashes:
            return False  # a generation of another corpus state: the corpus check will pick it up
        self._assistant = assistant
        self._report(f"now serving index {assistant.index.generation} ({assistant.stage})")
        return True

    def watch(self, every: float | None = None) -> None:
        """Look at the corpus from a background thread, so a rebuild usually finishes before anyone asks."""
        if self._watcher is not None:
            return
        interval = every if every is not None else max(self.check_every, 0.2)

        def loop() -> None:
            wait = 0.0 if self._assistant.index.stale else interval  # a stale index at start: rebuild now
            while not self._stop.wait(wait):
                wait = interval
                try:
                    self.check(force=True)
                except Exception as error:  # noqa: BLE001 - the watcher must outlive any one failure
                    self._report(f"corpus check failed: {type(error).__name__}: {error}")

        self._watcher = threading.Thread(target=loop, name="corpus-watch", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        """Stop the background thread, if any."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
            self._watcher = None

    def __enter__(self) -> LiveAssistant:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
