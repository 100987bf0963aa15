"""The browser chat (Gradio 6): citation cards, an outline panel, per-session follow-ups and a ``search`` API.

The model and the index are loaded once per process, in a background thread so that the page can show
progress while a first start builds the index, and are shared by every session. Each browser session keeps
its own list of :class:`~assistant.query.conversation.Turn` in ``gr.State`` and calls ``Assistant.converse``, the
same resolution code the batch mode replays, so follow-ups behave the same everywhere. The assistant is a
:class:`~assistant.live.LiveAssistant`, so edits to ``corpus/`` reach the running app.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import Any, Iterator

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry calls

import gradio as gr  # noqa: E402

from ..assistant import Assistant  # noqa: E402
from ..settings import Settings  # noqa: E402
from ..batch import answer_item, request_item  # noqa: E402
from ..errors import AssistantError  # noqa: E402
from ..live import LiveAssistant  # noqa: E402
from ..query import outline  # noqa: E402
from ..query.conversation import Turn  # noqa: E402
from ..query.question import MAX_HISTORY_TURNS  # noqa: E402
from ..records import Answer, Document  # noqa: E402
from ..render.html import (  # noqa: E402
    OutlineEntry,
    answer_html,
    empty_html,
    header_html,
    notice_html,
    outline_entries,
    outline_html,
    question_html,
    status_html,
)
from ..render.page import page_texts  # noqa: E402

HERE = Path(__file__).resolve().parent
ALL_DOCUMENTS: list[str] = []  # the document filter's value when nothing is chosen: every document
BUSY = "assistant"  # one concurrency group: questions are answered one at a time, in order
Message = dict[str, str]


class Loader:
    """Loads the :class:`Assistant` once per process, off the request path, and reports progress."""

    def __init__(self, settings: Settings | None = None, assistant: Assistant | None = None) -> None:
        self.settings = settings or Settings()
        self.lines: list[str] = ["正在加载模型……"]
        self.failed = ""
        self._assistant = assistant  # a fixed one (tests), or None until the live one has loaded
        self._live: LiveAssistant | None = None
        self._done = threading.Event()
        if assistant is not None:
            self._done.set()

    def start(self) -> Loader:
        if not self._done.is_set():
            threading.Thread(target=self._load, name="assistant-loader", daemon=True).start()
        return self

    def _load(self) -> None:
        try:
            self._live = LiveAssistant(self.settings, report=self.lines.append)
            self._live.watch()  # corpus edits are picked up while the app runs
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

    def get(self) -> Assistant:
        """The assistant, waiting for it while it loads."""
        self._done.wait()
        if self._live is not None:
            return self._live.current()
        if self._assistant is None:
            raise gr.Error(f"无法启动问答：{self.failed}")
        return self._assistant

    @property
    def notice(self) -> str:
        """One line when the index could not follow a change to the corpus."""
        return self._live.notice if self._live is not None else ""


Chosen = str | list[str] | None  # the filter's value: a list from the multi-select (one name from older callers)


def chosen(only: Chosen) -> tuple[str, ...]:
    """The file names the document filter chose (``()``: every document)."""
    return tuple(name for name in ([only] if isinstance(only, str) else (only or [])) if name)


def remember(turns: list[Turn], turn: Turn) -> list[Turn]:
    """The session's turns with ``turn`` added; only recent turns can shape a follow-up, as in batch mode."""
    return [*turns, turn][-MAX_HISTORY_TURNS:]


class ChatApp:
    """The event handlers; they hold no per-session state (that is passed in and out through ``gr.State``)."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader

    def documents(self, assistant: Assistant | None = None) -> list[Document]:
        if assistant is None and not self.loader.ready:
            return []
        return list((assistant or self.loader.get()).index.documents.values())

    def entries(self, only: Chosen, assistant: Assistant | None = None) -> list[tuple[Document, OutlineEntry]]:
        """The outline of the chosen documents, or of every document (each headed by its title)."""
        documents = [d for d in self.documents(assistant) if not chosen(only) or d.name in chosen(only)]
        rows: list[tuple[Document, OutlineEntry]] = []
        for document in documents:
            if len(documents) > 1:
                rows.append((document, OutlineEntry(f"《{document.title}》", outline.OutlineRequest("title"), 0, document.title)))
            rows.extend((document, entry) for entry in outline_entries(document))
        return rows

    def render(self, assistant: Assistant, answer: Answer, only: Chosen) -> str:
        """Render with the same assistant (the same index generation) that produced ``answer``."""
        notice = notice_html(self.loader.notice) if self.loader.notice else ""
        return notice + answer_html(answer, assistant.index.documents, assistant.neighbours, chosen(only))

    def respond(self, question: str, chat: list[Message], turns: list[Turn], only: Chosen) -> Iterator[tuple[Any, ...]]:
        """Show the question at once, then the answer; the new turn goes on this session's list."""
        if not (question or "").strip():
            yield "", chat, turns
            return
        chat = [*chat, {"role": "user", "content": question_html(question)}]
        yield "", chat, turns
        assistant = self.loader.get()  # once per request: an index swap mid-request must not mix generations
        turn = assistant.converse(question, turns, chosen(only))
        yield "", [*chat, {"role": "assistant", "content": self.render(assistant, turn.answer, only)}], remember(turns, turn)

    def example(self, event: gr.SelectData, chat: list[Message], turns: list[Turn], only: Chosen) -> Iterator[tuple[Any, ...]]:
        value = event.value
        question = value.get("text", "") if isinstance(value, dict) else str(value or "")
        yield from self.respond(question, chat, turns, only)

    def pick(self, index: int | None, only: Chosen, chat: list[Message], turns: list[Turn]) -> tuple[list[Message], list[Turn]]:
        """A click in the outline: that section or point, with its citation, as a turn of the conversation."""
        assistant = self.loader.get()  # once per request, as in respond()
        rows = self.entries(only, assistant)
        if index is None or not 0 <= index < len(rows):
            return chat, turns
        document, entry = rows[index]
        answer = assistant.outline_answer(document.name, entry.request, entry.question)
        turn = Turn(entry.question, answer, entry.request)
        chat = [
            *chat,
            {"role": "user", "content": question_html(f"目录：{entry.label}")},
            {"role": "assistant", "content": self.render(assistant, answer, only)},
        ]
        return chat, remember(turns, turn)

    def refresh(self, only: Chosen = None) -> tuple[Any, ...]:
        """Progress while loading; once ready, the header, the outline, the document filter, and the chat's
        empty state, examples and placeholder, all worded from the loaded documents."""
        if not self.loader.ready:
            failed = self.loader.failed
            return (gr.HTML(status_html(self.loader.lines, failed), visible=True), gr.skip(), gr.skip(), gr.skip(),
                    gr.Timer(active=not failed), gr.skip(), gr.skip())
        documents = self.documents()
        texts = page_texts(documents)
        return (
            gr.HTML("", visible=False),
            header_html(documents),
            self.outline_for(only),
            gr.Dropdown(choices=[(d.title, d.name) for d in documents], multiselect=True, visible=len(documents) > 1),
            gr.Timer(active=False),
            gr.Chatbot(placeholder=empty_html(texts), examples=[{"text": q} for q in texts.examples]),
            gr.Textbox(placeholder=texts.placeholder),
        )

    def outline_for(self, only: Chosen) -> Any:
        return gr.Dataset(samples=[[outline_html(entry)] for _, entry in self.entries(only)])

    def search(self, question: str, history: list[str]) -> dict[str, Any]:
        """One line of the batch contract (id null) for ``question`` asked after ``history`` (earlier questions,
        oldest first); arguments of the wrong type get the contract's error record."""
        return answer_item(self.loader.get(), request_item(question, history))  # checked as batch lines are

    def search_in(self, question: str, history: list[str], docs: list[str]) -> dict[str, Any]:
        """:meth:`search` in the documents ``docs`` only (file names, stems or titles; empty: all)."""
        return answer_item(self.loader.get(), request_item(question, history, docs=docs))


def build_app(loader: Loader) -> gr.Blocks:
    """The page: header, progress, chat with cards, outline panel; plus the ``search`` API endpoint."""
    handlers = ChatApp(loader)
    texts = page_texts(handlers.documents())  # worded again from the documents once they have loaded
    with gr.Blocks(title=page_texts(handlers.documents()).title, analytics_enabled=False) as app:
        turns = gr.State([])
        header = gr.HTML(header_html([]), elem_id="qa-header")
        status = gr.HTML(status_html(loader.lines), elem_id="qa-status", visible=not loader.ready)
        with gr.Row(equal_height=False, elem_id="qa-main"):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    elem_id="qa-chat", show_label=False, height="62vh", min_height=360, render_markdown=False,
                    latex_delimiters=[], buttons=[], feedback_options=None, layout="panel", placeholder=empty_html(texts),
                    examples=[{"text": q} for q in texts.examples] or None, group_consecutive_messages=False, allow_tags=False,
                )
                with gr.Row(elem_id="qa-input"):
                    box = gr.Textbox(placeholder=texts.placeholder, show_label=False,
                                     scale=5, min_width=160, max_lines=4, elem_id="qa-box", submit_btn=False)
                    send = gr.Button("提问", variant="primary", scale=1, min_width=72, elem_id="qa-send")
                clear = gr.Button("清空对话", size="sm", variant="secondary", elem_id="qa-clear")
            with gr.Column(scale=1, min_width=240, elem_id="qa-side"):
                documents = gr.Dropdown(label="只在这些文件中查找（不选：全部文件）", choices=[], value=ALL_DOCUMENTS,
                                        multiselect=True, visible=False, elem_id="qa-filter")
                toc = gr.Dataset(label="目录 · 点击查看原文", components=[gr.HTML(visible=False)], samples=[],
                                 type="index", layout="table", samples_per_page=200, elem_id="qa-outline")
        timer = gr.Timer(1.0, active=not loader.ready)

        panels = [status, header, toc, documents, timer, chatbot, box]
        app.load(handlers.refresh, inputs=[documents], outputs=panels, api_visibility="private")
        timer.tick(handlers.refresh, inputs=[documents], outputs=panels, api_visibility="private")
        documents.change(handlers.outline_for, inputs=[documents], outputs=[toc], api_visibility="private")
        asked = dict(outputs=[box, chatbot, turns], concurrency_id=BUSY, api_visibility="private")
        box.submit(handlers.respond, inputs=[box, chatbot, turns, documents], **asked)  # type: ignore[arg-type]
        send.click(handlers.respond, inputs=[box, chatbot, turns, documents], **asked)  # type: ignore[arg-type]
        chatbot.example_select(handlers.example, inputs=[chatbot, turns, documents], **asked)  # type: ignore[arg-type]
        toc.click(handlers.pick, inputs=[toc, documents, chatbot, turns], outputs=[chatbot, turns], api_visibility="private")
        clear.click(lambda: ([], []), outputs=[chatbot, turns], api_visibility="private")
        chatbot.clear(lambda: [], outputs=[turns], api_visibility="private")  # the chat's own trash button
        gr.api(handlers.search, api_name="search", concurrency_id=BUSY)
        gr.api(handlers.search_in, api_name="search_in", concurrency_id=BUSY)
    return app


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int | None = None, block: bool = True) -> str:
    """Serve ``app``; returns the local URL (``block=False`` returns at once, as tests need)."""
    app.queue(default_concurrency_limit=1)
    _, url, _ = app.launch(
        server_name=host, server_port=port, prevent_thread_lock=not block, quiet=not block, ssr_mode=False,
        footer_links=["api"], theme=theme(), head=head(), show_error=False,
    )
    return str(url)


def head() -> str:
    """Our style sheet and the copy-citation script, verbatim in the page head: Gradio rewrites ``css=``
    rules under its own prefix, which cannot reach the page's outer padding on a phone."""
    css = (HERE / "web.css").read_text(encoding="utf-8")
    js = (HERE / "web.js").read_text(encoding="utf-8")
    return f"<style>{css}</style><script>{js}</script>"


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (tests and the bench start the app on one)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def theme() -> gr.themes.Base:
    """Local fonts only (no web-font download); the CJK families render Chinese on every platform."""
    sans = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
    return gr.themes.Soft(primary_hue="red", neutral_hue="stone", font=sans, font_mono=["ui-monospace", "monospace"])


def serve(settings: Settings, host: str = "127.0.0.1", port: int | None = None) -> None:
    """Start loading the assistant in the background and serve the chat (``python -m assistant serve``)."""
    launch(build_app(Loader(settings).start()), host, port)
