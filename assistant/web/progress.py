"""Index-build progress for people: one Chinese line with a percentage and the time left.

The index reports stages in English log lines ("embedding 520 distinct texts with m3e-small (400 new)", one per
encoder the search waits for; the staged build adds the others in the background);
the work itself is the encoders' passage embedding. :class:`BuildProgress` reads those lines for the
amount of work and wraps the encoders to count what is done, so the page can say "已完成 45%，约剩 1 分钟"
without the index module knowing about the page.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Callable, Iterator, Sequence

import numpy as np

from ..encoders import Encoder

#: Seconds between two updates of a progress line on the page (a waiting question, an upload being indexed).
UPDATE_S = 1.0
#: Texts embedded per call while building: small enough for a smooth percentage, a multiple of the batch size.
CHUNK = 128
#: The staged build's line for each encoder embedded before the index is searchable (``index/stages.py``).
_EMBEDDING = re.compile(r"^embedding (\d+) distinct texts with (\S+) \((\d+) new\)")
_BUILDING = re.compile(r"^(?:building the index|corpus changed)")
_DONE = re.compile(r"^now serving index")
_FAILED = re.compile(r"could not be rebuilt")
_PREVIOUS = re.compile(r"^serving the previous index")
#: Why a build with nothing to serve meanwhile started (the index's "building the index: <reason>" line), in words.
_REASONS = (
    (re.compile(r"no index has been built"), "首次启动，"),
    (re.compile(r"corrupt|unreadable|malformed|do not match"), "原索引已损坏、无法使用，"),
    (re.compile(r"built for models"), "模型已更换，"),
    (re.compile(r"schema version"), "程序已更新，"),
    (re.compile(r"changed since the index"), "语料已更改，"),
)


class CountingEncoder(Encoder):
    """An encoder that reports how many passages it has embedded; queries pass straight through."""

    def __init__(self, inner: Encoder, done: Callable[[int], None]) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self._done = done

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) <= CHUNK:
            rows = self.inner.encode_passages(texts, progress)
            self._done(len(texts))
            return rows
        parts = []
        for start in range(0, len(texts), CHUNK):
            parts.append(self.inner.encode_passages(texts[start : start + CHUNK], progress))
            self._done(len(parts[-1]))
        return np.concatenate(parts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)


def duration(seconds: float) -> str:
    """A rough Chinese duration: "约 40 秒", "约 2 分钟"."""
    if seconds < 60:
        return f"约 {max(5, int(round(seconds / 5)) * 5)} 秒"
    return f"约 {int(round(seconds / 60))} 分钟"


class BuildProgress:
    """Collects report lines and embedding counts; :attr:`line` says where a build stands, in Chinese."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.building = False
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._stage = "正在加载模型……"
        self._why = ""  # why the build runs, when people should know ("原索引已损坏、无法使用，")

    def wrap(self, encoders: Sequence[Encoder]) -> list[Encoder]:
        """The encoders, counting what they embed; pass these to the assistant that builds the index."""
        return [CountingEncoder(encoder, self.embedded) for encoder in encoders]

    def embedded(self, count: int) -> None:
        with self._lock:
            self._done += count

    def report(self, line: str) -> None:
        """One line from the index or the live assistant: sets the stage and, at the first encoder, the total."""
        with self._lock:
            found = _EMBEDDING.match(line)
            if _BUILDING.match(line) or (found and not self.building):
                self.building, self._total, self._done, self._started = True, 0, 0, self._clock()
                self._why = next((why for pattern, why in _REASONS if pattern.search(line)), "") if _BUILDING.match(line) else ""
                self._stage = f"{self._why}正在建立索引"
            if found:  # the texts not reused from an earlier generation, for each encoder the search waits for
                self._total += int(found[3])
                self._stage = f"{self._why}正在建立索引（{found[2]} 计算 {found[3]} 段文字的向量）"
            elif _DONE.match(line) or _FAILED.search(line):
                self.building, self._stage = False, "索引已就绪"
            elif _PREVIOUS.match(line):
                self._stage = "语料已更改，先用上一版索引回答，新索引马上开始建立"

    def stage(self, text: str) -> None:
        """A step outside the build proper ("正在加载索引……")."""
        with self._lock:
            self._stage = text

    def finished(self) -> None:
        with self._lock:
            self.building, self._stage = False, "索引已就绪"

    @property
    def percent(self) -> int:
        """Share of the embedding done, 0–99 while building (100 only once the index serves)."""
        if not self.building:
            return 100 if self._started else 0
        return min(99, int(100 * self._done / self._total)) if self._total else 0

    @property
    def line(self) -> str:
        """"正在建立索引（…）：已完成 45%，约剩 1 分钟" while building; the stage alone otherwise."""
        with self._lock:
            if not self.building:
                return self._stage
            percent, elapsed = self.percent, self._clock() - self._started
            if not self._done:
                return f"{self._stage}：已完成 {percent}%，正在估算剩余时间"
            left = elapsed * (self._total - self._done) / self._done
            return f"{self._stage}：已完成 {percent}%，{duration(left).replace('约', '约剩')}"


def follow(work: Callable[[], None], progress: BuildProgress | None, step_s: float | None = None) -> Iterator[str]:
    """Run ``work`` (an index update) on its own thread and yield the build's line ("…：已完成 45%，约剩 1 分钟")
    each time it changes while a build runs; re-raises what ``work`` raised once it has ended."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the caller's thread
            failed.append(error)

    worker = threading.Thread(target=run, name="index-update", daemon=True)
    worker.start()
    shown = ""
    while worker.join(UPDATE_S if step_s is None else step_s) or worker.is_alive():
        line = progress.line if progress is not None and progress.building else ""
        if line and line != shown:
            shown = line
            yield line
    if failed:
        raise failed[0]
