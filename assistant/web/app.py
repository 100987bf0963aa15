"""The browser chat (Gradio 6): the page, its events, and the ``search`` API.

The handlers live in :mod:`assistant.web.chat`, the HTML in :mod:`assistant.render.html`, the outline in
:mod:`assistant.web.outline`, and the background load with its progress in :mod:`assistant.web.loader`.
Each browser session keeps its own list of :class:`~assistant.query.conversation.Turn` in ``gr.State`` and
its conversation in the browser's storage (:mod:`assistant.web.keep`), so a reload or a restart keeps the chat.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry calls

import gradio as gr  # noqa: E402

from ..render.html import empty_html, header_html, rebuild_html, status_html  # noqa: E402
from ..render.page import page_texts  # noqa: E402
from ..settings import Settings  # noqa: E402
from .chat import ALL_DOCUMENTS, ChatApp, Chosen  # noqa: E402
from .documents import DocumentActions, document_panel, skipped_html  # noqa: E402
from .keep import browser_secret, storage_key  # noqa: E402
from .loader import Loader  # noqa: E402

__all__ = ["ALL_DOCUMENTS", "ChatApp", "Loader", "build_app", "free_port", "launch", "refresh", "serve"]

HERE = Path(__file__).resolve().parent
BUSY = "assistant"  # one concurrency group: questions are answered one at a time, in order


def refresh(handlers: ChatApp, only: Chosen = None, tick: bool = False) -> tuple[Any, ...]:
    """Progress while loading; once ready, the header, the outline, the document filter, the files that could
    not be read, and the chat's empty state, examples and placeholder, all worded from the loaded documents.
    While a running app rebuilds (a corpus change), the banner says so and ticks (``tick``) update it alone;
    the first tick after the rebuild words everything from the new documents."""
    loader = handlers.loader
    if not loader.ready:
        return (gr.HTML(status_html(loader.progress.line, loader.failed), visible=True), gr.skip(), gr.skip(),
                gr.skip(), gr.Timer(active=not loader.failed), gr.skip(), gr.skip())
    rebuilding = loader.building
    banner = gr.HTML(rebuild_html(loader.notice), visible=True)
    if rebuilding and tick:
        return (banner, gr.skip(), gr.skip(), gr.skip(), gr.Timer(active=True), gr.skip(), gr.skip())
    documents = handlers.documents()
    skipped = loader.get().index.problems  # unreadable files: said in the browser, not only the terminal
    texts = page_texts(documents)
    status = banner if rebuilding else gr.HTML(skipped_html(skipped), visible=bool(skipped))
    return (
        status,
        header_html(documents),
        handlers.outline_for(only),
        gr.Dropdown(choices=[(d.title, d.name) for d in documents], multiselect=True, visible=len(documents) > 1),
        gr.Timer(active=rebuilding),
        gr.Chatbot(placeholder=empty_html(texts), examples=[{"text": q} for q in texts.examples] or None),
        gr.Textbox(placeholder=texts.placeholder),
    )


def build_app(loader: Loader) -> gr.Blocks:
    """The page: header, progress, chat with cards and its controls, outline panel (a drawer on a phone);
    plus the ``search`` API endpoint."""
    handlers = ChatApp(loader)
    texts = page_texts(handlers.documents())  # worded again from the documents once they have loaded
    with gr.Blocks(title=texts.title, analytics_enabled=False) as app:
        turns = gr.State([])
        asked = gr.State([])
        expanded = gr.State([])
        kept = gr.BrowserState({}, storage_key=storage_key(loader.settings), secret=browser_secret(loader.settings))
        header = gr.HTML(header_html([]), elem_id="qa-header")
        status = gr.HTML(status_html(loader.progress.line), elem_id="qa-status", visible=not loader.ready)
        with gr.Row(equal_height=False, elem_id="qa-main"):
            with gr.Column(scale=3, min_width=300, elem_id="qa-chat-column"):
                chatbot = gr.Chatbot(
                    elem_id="qa-chat", label="对话", show_label=False, height="64vh", min_height=360,
                    render_markdown=False, latex_delimiters=[], buttons=[], feedback_options=None, layout="panel",
                    placeholder=empty_html(texts), examples=[{"text": q} for q in texts.examples] or None, autoscroll=False,
                    group_consecutive_messages=False, allow_tags=False,
                )
                with gr.Row(elem_id="qa-input"):
                    box = gr.Textbox(label="问题", placeholder=texts.placeholder, show_label=False,
                                     scale=5, min_width=160, max_lines=4, elem_id="qa-box", submit_btn=False)
                    send = gr.Button("提问", variant="primary", scale=1, min_width=64, elem_id="qa-send")
                    stop = gr.Button("停止", variant="stop", scale=1, min_width=64, elem_id="qa-stop")
                with gr.Row(elem_id="qa-tools"):
                    retry = gr.Button("重新回答", size="sm", variant="secondary", elem_id="qa-retry")
                    edit = gr.Button("修改上一问", size="sm", variant="secondary", elem_id="qa-edit")
                    gr.Button("导出对话（Markdown）", size="sm", variant="secondary", elem_id="qa-export")
                    clear = gr.Button("清空对话", size="sm", variant="secondary", elem_id="qa-clear")
            with gr.Column(scale=1, min_width=240, elem_id="qa-side"):
                gr.HTML('<button type="button" class="qa-drawer-close">返回对话</button>', elem_id="qa-side-bar")
                documents = gr.Dropdown(label="只在这些文件中查找（不选：全部文件）", choices=[], value=ALL_DOCUMENTS,
                                        multiselect=True, visible=False, elem_id="qa-filter")
                toc = gr.Dataset(label="目录 · 点击查看原文", components=[gr.HTML(visible=False)], samples=[],
                                 type="index", layout="table", samples_per_page=400, elem_id="qa-outline")
                document_panel(DocumentActions(loader))  # upload and remove: in the drawer on a phone
        timer = gr.Timer(1.0, active=not loader.ready or loader.building)

        panels = [status, header, toc, documents, timer, chatbot, box]
        quiet: dict[str, Any] = dict(api_visibility="private")
        app.load(lambda only: refresh(handlers, only), inputs=[documents], outputs=panels, **quiet)
        app.load(handlers.restore, inputs=[kept], outputs=[chatbot, turns, asked], **quiet)
        timer.tick(lambda only: refresh(handlers, only, tick=True), inputs=[documents], outputs=panels, **quiet)
        documents.change(handlers.outline_for, inputs=[documents, expanded], outputs=[toc], **quiet)
        session = [chatbot, turns, asked]
        # the pending line in the chat is the progress shown; Gradio's own spinner (and its "Error" badge on a
        # stopped event) would cover the chat
        asking: dict[str, Any] = dict(outputs=[box, *session, kept], concurrency_id=BUSY, show_progress="hidden", **quiet)
        waits = [
            box.submit(handlers.respond, inputs=[box, *session, documents], **asking),
            send.click(handlers.respond, inputs=[box, *session, documents], **asking),
            chatbot.example_select(handlers.example, inputs=[*session, documents], **asking),
            retry.click(handlers.retry, inputs=session, **asking),
            toc.click(handlers.pick, inputs=[toc, documents, expanded, *session],
                      outputs=[*session, kept, toc, expanded], concurrency_id=BUSY, show_progress="hidden", **quiet),
        ]
        stop.click(None, cancels=waits, **quiet).then(handlers.stop, inputs=[chatbot, asked], outputs=[chatbot, kept], **quiet)
        edit.click(handlers.edit, inputs=session, outputs=[box, *session, kept], **quiet)
        clear.click(lambda: ([], [], [], {}), outputs=[*session, kept], **quiet)
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
    """Our style sheet and the page script (copying, export, scrolling, the drawer, accessible names),
    verbatim in the page head: Gradio rewrites ``css=`` rules under its own prefix, which cannot reach the
    page's outer padding on a phone."""
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
