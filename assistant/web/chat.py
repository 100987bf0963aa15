"""The chat's event handlers: ask, retry, edit, stop, outline clicks, restore after a reload.

They hold no per-session state: a session's turns (``gr.State``) and its saved conversation (browser
storage) are passed in and out. ``asked`` records each exchange in plain JSON (the question, or the outline
entry clicked) so that retry, edit and a reload can replay it; ``turns`` are the assistant's own records.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator, Sequence

import gradio as gr

from ..assistant import Assistant
from ..batch import answer_item, request_item
from ..errors import AssistantError
from ..query.conversation import Resolution, Turn
from ..query.outline import OutlineRequest
from ..query.question import MAX_HISTORY_TURNS
from ..records import Answer, Document
from ..render.cards import Reading, read_as
from ..render.html import answer_html, notice_html, pending_html, question_html, stopped_html
from .loader import Loader
from .outline import OutlineEntry, library_outline, outline_html, subsection_answer
from .progress import UPDATE_S

ALL_DOCUMENTS: list[str] = []  # the document filter's value when nothing is chosen: every document
Chosen = str | list[str] | None  # the filter's value: a list from the multi-select (one name from older callers)
#: Seconds between two updates of a waiting question's progress line.
WAIT_STEP_S = UPDATE_S
#: Messages kept in browser storage (the newest): a long chat stays well under the storage quota.
SAVED_MESSAGES = 80
#: Answered exchanges replayed after a reload to rebuild the turns follow-ups lean on (the last few suffice).
REPLAYED = 3
Message = dict[str, Any]
Record = dict[str, Any]  # one exchange, JSON: {"q": question, "only": filter, "answered": bool[, "entry": …]}


def chosen(only: Chosen) -> tuple[str, ...]:
    """The file names the document filter chose (``()``: every document)."""
    return tuple(name for name in ([only] if isinstance(only, str) else (only or [])) if name)


def remember(turns: list[Turn], turn: Turn) -> list[Turn]:
    """The session's turns with ``turn`` added; only recent turns can shape a follow-up, as in batch mode."""
    return [*turns, turn][-MAX_HISTORY_TURNS:]


def saved(chat: list[Message], asked: list[Record]) -> dict[str, Any]:
    """What browser storage keeps of a session (the turns are rebuilt from ``asked`` after a reload)."""
    return {"chat": chat[-SAVED_MESSAGES:], "asked": asked[-MAX_HISTORY_TURNS:]}


def text_of(message: dict[str, Any]) -> str:
    """A message's HTML: as the handlers wrote it (a string) or as the chat sends it back (a list of blocks)."""
    content = message.get("content", "")
    if isinstance(content, list):
        return "".join(block.get("text", "") for block in content if isinstance(block, dict))
    return content if isinstance(content, str) else ""


def _last_exchange(chat: list[Message]) -> int:
    """Index of the last question in ``chat`` (where the last exchange starts), or ``len(chat)``."""
    return next((i for i in range(len(chat) - 1, -1, -1) if chat[i]["role"] == "user"), len(chat))


class ChatApp:
    def __init__(self, loader: Loader) -> None:
        self.loader = loader

    def documents(self, assistant: Assistant | None = None) -> list[Document]:
        if assistant is None and not self.loader.ready:
            return []
        return list((assistant or self.loader.get()).index.documents.values())

    def entries(self, only: Chosen, expanded: Sequence[str] = (), assistant: Assistant | None = None) -> list[OutlineEntry]:
        return library_outline(self.documents(assistant), chosen(only), expanded)

    def render(self, assistant: Assistant, answer: Answer, only: Chosen, reading: Reading, question: str) -> str:
        """Render with the same assistant (the same index generation) that produced ``answer``; a searchable
        generation still adding vectors says its stage (``index/stages.py``)."""
        line = self.loader.notice or (assistant.stage if assistant.index.pending else "")
        notice = notice_html(line) if line else ""
        return notice + answer_html(answer, assistant.index.documents, assistant.neighbours, chosen(only), reading, question)

    def _waiting(self) -> str:
        if not self.loader.ready:
            return f"索引还在准备，准备好后立即回答。{self.loader.progress.line}"
        if self.loader.building:
            return "正在查找原文……（索引正在更新，这次回答来自上一版索引）"
        return "正在查找原文……"

    def respond(self, question: str, chat: list[Message], turns: list[Turn], asked: list[Record],
                only: Chosen) -> Iterator[tuple[Any, ...]]:
        """Show the question and a pending line at once, then the answer; the new turn goes on the session."""
        if not (question or "").strip():
            yield "", chat, turns, asked, saved(chat, asked)
            return
        yield from self._ask({"q": question, "only": only, "answered": False}, chat, turns, asked, question_html(question))

    def example(self, event: gr.SelectData, chat: list[Message], turns: list[Turn], asked: list[Record],
                only: Chosen) -> Iterator[tuple[Any, ...]]:
        """A click on one of the empty chat's example questions."""
        value = event.value
        question = value.get("text", "") if isinstance(value, dict) else str(value or "")
        yield from self.respond(question, chat, turns, asked, only)

    def _ask(self, record: Record, chat: list[Message], turns: list[Turn], asked: list[Record],
             shown: str) -> Iterator[tuple[Any, ...]]:
        asked = [*asked, record]
        chat = [*chat, {"role": "user", "content": shown}, {"role": "assistant", "content": pending_html(self._waiting())}]
        yield "", chat, turns, asked, saved(chat, asked)
        while not self.loader.wait(WAIT_STEP_S):  # a first start: keep saying how far the build has got
            chat = [*chat[:-1], {"role": "assistant", "content": pending_html(self._waiting())}]
            yield "", chat, turns, asked, saved(chat, asked)
        try:
            assistant = self.loader.get()  # once per request: an index swap mid-request must not mix generations
        except AssistantError as error:
            chat = [*chat[:-1], {"role": "assistant", "content": notice_html(str(error))}]
            yield "", chat, turns, asked, saved(chat, asked)
            return
        turn, reading = self.replay(assistant, record, turns)
        content = self.render(assistant, turn.answer, record["only"], reading, record["q"])
        chat = [*chat[:-1], {"role": "assistant", "content": content}]
        asked = [*asked[:-1], {**record, "answered": True}]
        yield "", chat, remember(turns, turn), asked, saved(chat, asked)

    def replay(self, assistant: Assistant, record: Record, turns: Sequence[Turn]) -> tuple[Turn, Reading]:
        """The turn for one recorded exchange (a question, or an outline click) after ``turns``."""
        documents = list(assistant.index.documents.values())
        only = record.get("only", ALL_DOCUMENTS)
        if "entry" in record:
            entry = _entry(record["entry"])
            document = assistant.index.documents[entry.doc]
            if entry.request is not None:
                answer = assistant.outline_answer(entry.doc, entry.request, entry.question)
            else:
                answer = subsection_answer(document, entry)
            return Turn(entry.question, answer, Resolution(request=entry.request)), Reading(f"目录：《{document.title}》")
        turn = assistant.converse(record["q"], turns, chosen(only))
        return turn, read_as(record["q"], turns, turn, documents, chosen(only))

    def pick(self, index: int | None, only: Chosen, expanded: list[str], chat: list[Message], turns: list[Turn],
             asked: list[Record]) -> Iterator[tuple[Any, ...]]:
        """A click in the outline: a long section opens, or that entry's text comes in as a turn of the chat."""
        rows = self.entries(only, expanded) if self.loader.ready else []
        if index is None or not 0 <= index < len(rows):
            yield chat, turns, asked, saved(chat, asked), gr.skip(), expanded
            return
        entry = rows[index]
        if entry.more:
            expanded = [*expanded, entry.more]
            yield chat, turns, asked, saved(chat, asked), self.outline_for(only, expanded), expanded
            return
        record = {"q": f"目录：{entry.label}", "only": only, "answered": False, "entry": dataclasses.asdict(entry)}
        for _, chat, turns, asked, kept in self._ask(record, chat, turns, asked, question_html(record["q"])):
            yield chat, turns, asked, kept, gr.skip(), expanded

    def retry(self, chat: list[Message], turns: list[Turn], asked: list[Record]) -> Iterator[tuple[Any, ...]]:
        """Ask the last question again (after a stop, or to see the answer anew)."""
        if not asked:
            yield "", chat, turns, asked, saved(chat, asked)
            return
        record, chat, turns, asked = self._undo(chat, turns, asked)
        shown = question_html(record["q"])
        yield from self._ask({**record, "answered": False}, chat, turns, asked, shown)

    def edit(self, chat: list[Message], turns: list[Turn], asked: list[Record]) -> tuple[Any, ...]:
        """Take the last question back into the input box, to change and send again."""
        if not asked:
            return gr.skip(), chat, turns, asked, saved(chat, asked)
        record, chat, turns, asked = self._undo(chat, turns, asked)
        return record["q"].removeprefix("目录："), chat, turns, asked, saved(chat, asked)

    @staticmethod
    def _undo(chat: list[Message], turns: list[Turn], asked: list[Record]) -> tuple[Record, list[Message], list[Turn], list[Record]]:
        record = asked[-1]
        return record, chat[: _last_exchange(chat)], turns[:-1] if record.get("answered") else turns, asked[:-1]

    @staticmethod
    def stop(chat: list[Message], asked: list[Record]) -> tuple[Any, ...]:
        """The wait was stopped: the pending line says so (the question stays, for retry or edit)."""
        if chat and chat[-1]["role"] == "assistant" and "qa-pending" in text_of(chat[-1]):
            chat = [*chat[:-1], {"role": "assistant", "content": stopped_html()}]
        return chat, saved(chat, asked)

    def restore(self, kept: dict[str, Any] | None) -> tuple[Any, ...]:
        """After a reload: the saved chat, and the last answered exchanges replayed so follow-ups still work."""
        kept = kept if isinstance(kept, dict) else {}
        chat = [m for m in kept.get("chat") or [] if isinstance(m, dict) and m.get("role") in ("user", "assistant")]
        asked = [r for r in kept.get("asked") or [] if isinstance(r, dict) and isinstance(r.get("q"), str)]
        if chat and "qa-pending" in text_of(chat[-1]):
            chat = [*chat[:-1], {"role": "assistant", "content": stopped_html()}]
        turns: list[Turn] = []
        if self.loader.ready:
            assistant = self.loader.get()
            try:
                for record in [r for r in asked if r.get("answered")][-REPLAYED:]:
                    turns = remember(turns, self.replay(assistant, record, turns)[0])
            except (AssistantError, KeyError, TypeError, ValueError):  # a record from another corpus or version
                turns = []
        return chat, turns, asked

    def outline_for(self, only: Chosen, expanded: Sequence[str] = ()) -> Any:
        return gr.Dataset(samples=[[outline_html(entry)] for entry in self.entries(only, expanded)])

    def search(self, question: str, history: list[str]) -> dict[str, Any]:
        """One line of the batch contract (id null) for ``question`` asked after ``history`` (earlier questions,
        oldest first); arguments of the wrong type get the contract's error record."""
        return answer_item(self.loader.get(), request_item(question, history))  # checked as batch lines are

    def search_in(self, question: str, history: list[str], docs: list[str]) -> dict[str, Any]:
        """:meth:`search` in the documents ``docs`` only (file names, stems or titles; empty: all)."""
        return answer_item(self.loader.get(), request_item(question, history, docs=docs))


def _entry(fields: dict[str, Any]) -> OutlineEntry:
    request = fields.get("request")
    return OutlineEntry(**{**fields, "request": OutlineRequest(**request) if request else None})
