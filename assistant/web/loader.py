"""Loads the assistant of the web app once per process, off the request path, and says how far it has got.

The model and the index load in a background thread so the page can show progress (in Chinese, with a
percentage and the time left) while a first start builds the index. An index on disk that no longer matches
the corpus is served at once while it is rebuilt; only with no usable index do questions wait. The encoders are wrapped to count the
passages they embed (see :mod:`assistant.web.progress`); the same wrapped encoders serve rebuilds after a
corpus edit, during which questions are answered from the previous index.
"""

from __future__ import annotations

import threading

from ..assistant import Assistant
from ..errors import AssistantError
from ..live import LiveAssistant
from ..settings import Settings, load_encoders
from .progress import BuildProgress


class Loader:
    """The process's :class:`Assistant`: a fixed one (tests), or a live one loaded in the background."""

    def __init__(self, settings: Settings | None = None, assistant: Assistant | None = None,
                 live: LiveAssistant | None = None) -> None:
        self.settings = live.settings if live is not None else settings or Settings()
        self.progress = BuildProgress()
        self.failed = ""
        self._live = live  # an already loaded one (tests), or None until _load makes it
        self._assistant = assistant or (live.current() if live is not None else None)  # a fixed one (tests)
        self._done = threading.Event()
        if self._assistant is not None:
            self._done.set()

    def start(self) -> Loader:
        if not self._done.is_set():
            threading.Thread(target=self._load, name="assistant-loader", daemon=True).start()
        return self

    def _load(self) -> None:
        try:
            encoders = self.progress.wrap(load_encoders(self.settings))
            self.progress.stage("正在加载索引……")
            self._live = LiveAssistant(self.settings, report=self.progress.report, encoders=encoders)
            self.progress.finished()
            self._live.watch()  # corpus edits are picked up (and rebuilt) while the app keeps answering
            self._assistant = self._live.current()
        except AssistantError as error:
            self.failed = str(error)
        except Exception as error:  # shown on the page instead of a spinner that never stops
            self.failed = f"{type(error).__name__}: {error}"
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._assistant is not None

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the first load; True once it has ended (ready or failed)."""
        return self._done.wait(timeout)

    def get(self) -> Assistant:
        """The assistant to answer one request with (the live one's current index); waits for the first load."""
        self._done.wait()
        if self._live is not None:
            return self._live.current()
        if self._assistant is None:
            raise AssistantError(f"无法启动问答：{self.failed}")
        return self._assistant

    @property
    def live(self) -> LiveAssistant | None:
        """The corpus-following assistant, once loaded (``None`` for a fixed one): uploads write through it."""
        return self._live

    @property
    def building(self) -> bool:
        """An index is being built: on a first start, or after a corpus edit (the previous index serves)."""
        return not self._done.is_set() or (self._live is not None and self._live.building)

    @property
    def notice(self) -> str:
        """One line above an answer: an update running or failed (the answer then comes from the last index)."""
        if self._live is None:
            return ""
        if self._live.building:  # a corpus edit while running, or one made while the app was down
            detail = self.progress.line if self.progress.building else "马上开始"
            return f"语料已更改，索引正在更新（{detail}）；更新完成前，回答来自上一版索引。"
        return self._live.notice
