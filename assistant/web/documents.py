"""Adding and removing documents from the browser and the HTTP API (``/add_document``, ``/remove_document``).

The file is checked and stored by :mod:`assistant.ingest.admit` (a refused file changes nothing), then the
app's :class:`~assistant.live.LiveAssistant` is asked to catch up at once: the index re-embeds only new or
changed passages and is swapped in whole, while questions keep being answered from the previous index.
Kept apart from ``app.py`` so the chat's look can change without touching this.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

from ..errors import AssistantError
from ..ingest.admit import add_documents, remove_document
from ..live import LiveAssistant
from .progress import BuildProgress, follow

#: One upload or removal at a time: two would race for the same corpus folder and rebuild.
_WRITE = threading.Lock()


class HasLive(Protocol):
    @property
    def live(self) -> LiveAssistant | None: ...

    @property
    def progress(self) -> BuildProgress: ...


def _paths(files: Any) -> list[tuple[Path, str]]:
    """(temporary path, name the user gave) for what Gradio hands over: paths, file dicts or objects."""
    found: list[tuple[Path, str]] = []
    for item in files if isinstance(files, (list, tuple)) else [files]:
        if item is None:
            continue
        if isinstance(item, dict):
            path = item.get("path") or item.get("name")
            name = item.get("orig_name") or Path(str(path)).name
        else:
            path = getattr(item, "name", item)
            name = getattr(item, "orig_name", None) or Path(str(path)).name
        found.append((Path(str(path)), str(name)))
    return found


class DocumentActions:
    """Handlers for the upload control, the remove action and their two API endpoints."""

    def __init__(self, loader: HasLive) -> None:
        self.loader = loader

    def _live(self) -> LiveAssistant:
        live = self.loader.live
        if live is None:
            raise AssistantError("问答还在加载，或以只读方式运行；请稍后再添加或删除文件。")
        return live

    def add_steps(self, files: Any) -> Iterator[str]:
        """Progress lines in Chinese while files are checked, stored and indexed; the last says what was added."""
        live = self._live()
        chosen = _paths(files)
        yield f"正在检查 {len(chosen)} 个文件……"
        with _WRITE:
            admitted = add_documents(live.settings.corpus, chosen)
            names = "、".join(a.name for a in admitted)
            yield f"已保存 {names}；正在更新索引（只为新段落计算向量，期间仍用原索引回答）……"
            for line in self._catching_up(live):
                yield f"已保存 {names}；{line}（期间仍用原索引回答）"
        parts = [f"《{a.title}》（{a.name}，{a.passages} 段，{a.headings} 个标题{'，替换了同名文件' if a.replaced else ''}）"
                 for a in admitted]
        yield "已加入并可检索：" + "；".join(parts)

    def remove_steps(self, name: str) -> Iterator[str]:
        live = self._live()
        with _WRITE:
            removed = remove_document(live.settings.corpus, name or "")
            yield f"已删除 {removed}；正在更新索引……"
            for line in self._catching_up(live):
                yield f"已删除 {removed}；{line}"
        yield f"已删除：{removed}"

    def _catching_up(self, live: LiveAssistant) -> Iterator[str]:
        """Index the change now; meanwhile the build's line (percentage and time left, in Chinese) as the
        waiting app shows it. Raises when the update failed (the previous index keeps serving)."""
        def catch_up() -> None:
            live.check(force=True)
            if live.notice:
                raise AssistantError(live.notice)

        yield from follow(catch_up, getattr(self.loader, "progress", None))

    def add_document(self, file: Any) -> dict[str, Any]:
        """API ``/add_document``: store and index one or more files; returns what was indexed."""
        try:
            *_, last = self.add_steps(file)
        except AssistantError as error:
            return {"ok": False, "message": str(error), "documents": self._names()}
        return {"ok": True, "message": last, "documents": self._names()}

    def remove_document(self, name: str) -> dict[str, Any]:
        """API ``/remove_document``: delete a document by its corpus name."""
        try:
            *_, last = self.remove_steps(name)
        except AssistantError as error:
            return {"ok": False, "message": str(error), "documents": self._names()}
        return {"ok": True, "message": last, "documents": self._names()}

    def _names(self) -> list[str]:
        live = self.loader.live
        return sorted(live.current().index.documents) if live is not None else []

    def upload(self, files: Sequence[Any] | None) -> Iterator[str]:
        """The chat's upload control: progress then the outcome, as one line of status text."""
        if not files:
            yield ""
            return
        try:
            yield from self.add_steps(list(files))
        except AssistantError as error:
            yield f"未添加：{error}"

    def remove(self, name: str) -> Iterator[str]:
        """The chat's remove action."""
        try:
            yield from self.remove_steps(name)
        except AssistantError as error:
            yield f"未删除：{error}"


def skipped_html(problems: Sequence[str]) -> str:
    """The files that could not be read, one line each (the same lines the terminal prints)."""
    from html import escape

    lines = "".join(f"<li>{escape(problem)}</li>" for problem in problems)
    return f'<div class="qa-status qa-status-skipped">以下文件未能读取，其余文件照常可问：<ul>{lines}</ul></div>' if lines else ""


def document_panel(actions: DocumentActions) -> None:
    """The upload control (several files at once), the remove action and the two API endpoints; call it
    inside the app's ``gr.Blocks``. They stay out of the questions' concurrency group: indexing an upload
    must not hold questions back (they are answered from the previous index meanwhile)."""
    import gradio as gr

    from ..ingest.formats import SUFFIXES

    with gr.Accordion("添加或删除文件", open=False, elem_id="qa-docs"):
        upload = gr.File(label="添加文件（可多选：" + " ".join(SUFFIXES) + "）", file_count="multiple",
                         file_types=list(SUFFIXES), type="filepath", elem_id="qa-upload")
        with gr.Row():
            name = gr.Textbox(placeholder="要删除的文件名，例如 报告.txt", show_label=False, scale=4, elem_id="qa-remove-name")
            remove = gr.Button("删除", size="sm", variant="stop", scale=1, elem_id="qa-remove")
        status = gr.Markdown("", elem_id="qa-docs-status")
    upload.upload(actions.upload, inputs=[upload], outputs=[status], api_visibility="private")
    remove.click(actions.remove, inputs=[name], outputs=[status], api_visibility="private")
    api_file = gr.File(visible=False, type="filepath", file_count="multiple")
    api_name = gr.Textbox(visible=False)
    result = gr.JSON(visible=False)
    api_add, api_remove = gr.Button(visible=False), gr.Button(visible=False)
    api_add.click(actions.add_document, inputs=[api_file], outputs=[result], api_name="add_document")
    api_remove.click(actions.remove_document, inputs=[api_name], outputs=[result], api_name="remove_document")
