"""The batch contract of ``shared/eval/README.md``: JSON lines in, one JSON line out per input line, in order.

A line that cannot be used (not UTF-8, not JSON, no string ``question``…) still gets its output line,
with ``answerable: false``, no passages and an ``error`` saying what was wrong, so the batch keeps going.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterator

from .cite import batch_record
from .pipeline import Assistant


@dataclass(frozen=True)
class BatchItem:
    line: int  # 1-based line number in the input
    id: Any = None
    question: str = ""
    history: tuple[str, ...] = ()
    error: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # the whole input object (eval sets carry more)


def parse_line(number: int, raw: bytes) -> BatchItem:
    """One input line → :class:`BatchItem`; problems are reported in ``error``, never raised."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return BatchItem(number, error=f"line {number}: not valid UTF-8 (byte {error.start})")
    if not text.strip():
        return BatchItem(number, error=f"line {number}: empty line")
    try:
        data = json.loads(text)
    except ValueError as error:
        return BatchItem(number, error=f"line {number}: not JSON ({error.msg})")
    if not isinstance(data, dict):
        return BatchItem(number, error=f"line {number}: expected a JSON object")
    qid = data.get("id")
    question = data.get("question")
    history = data.get("history") or []
    if not isinstance(question, str):
        return BatchItem(number, qid, error=f"line {number}: 'question' must be a string", fields=data)
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        return BatchItem(number, qid, error=f"line {number}: 'history' must be a list of strings", fields=data)
    return BatchItem(number, qid, question, tuple(history), fields=data)


def read_items(stream: BinaryIO) -> Iterator[BatchItem]:
    for number, raw in enumerate(stream, 1):
        yield parse_line(number, raw.rstrip(b"\r\n"))


def answer_item(assistant: Assistant, item: BatchItem) -> dict[str, Any]:
    """The output record for one item (an error record for a bad line)."""
    if item.error:
        return {"id": item.id, "answerable": False, "passages": [], "error": item.error}
    return batch_record(item.id, assistant.answer(item.question, item.history))


def dumps(record: dict[str, Any]) -> str:
    """One output line; lone surrogates from hostile input are escaped rather than crashing the writer."""
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
