"""The batch contract of ``shared/eval/README.md``: JSON lines in, one JSON line out per input line, in order.

A line that cannot be used (not UTF-8, not JSON, no string ``question``…) still gets its output line,
with ``answerable: false``, no passages and an ``error`` saying what was wrong, so the batch keeps going.
The same holds for a line whose answering fails unexpectedly: one bad line never ends a batch.
Only the last :data:`~assistant.query.question.MAX_HISTORY_TURNS` questions of ``history`` are replayed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterator

from .assistant import Assistant
from .query.question import limit_history
from .render.record import batch_record, error_record

#: Deeper JSON nesting than this is refused before parsing (Python's parser would hit its recursion limit).
MAX_NESTING = 64
_BOM = "\ufeff"


@dataclass(frozen=True)
class BatchItem:
    line: int  # 1-based line number in the input
    id: Any = None
    question: str = ""
    history: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # the optional ``docs`` field: the documents to search
    error: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # the whole input object (eval sets carry more)


def parse_line(number: int, raw: bytes) -> BatchItem:
    """One input line → :class:`BatchItem`; problems are reported in ``error``, never raised."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return BatchItem(number, error=f"line {number}: not valid UTF-8 (byte {error.start})")
    text = text.removeprefix(_BOM)  # files saved by some Windows editors start with a byte order mark
    if not text.strip():
        return BatchItem(number, error=f"line {number}: empty line")
    if _nesting(text) > MAX_NESTING:
        return BatchItem(number, error=f"line {number}: not JSON we accept (nested deeper than {MAX_NESTING} levels)")
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except ValueError as error:
        return BatchItem(number, error=f"line {number}: not JSON ({getattr(error, 'msg', error)})")
    if not isinstance(data, dict):
        return BatchItem(number, error=f"line {number}: expected a JSON object")
    if "question" not in data:
        return BatchItem(number, data.get("id"), error=f"line {number}: 'question' is missing", fields=data)
    item = request_item(data["question"], data.get("history"), data.get("id"), number, data.get("docs"))
    if item.error:
        return BatchItem(number, item.id, error=f"line {number}: {item.error}", fields=data)
    return BatchItem(number, item.id, item.question, item.history, item.documents, fields=data)


def request_item(question: object, history: object = None, qid: Any = None, number: int = 1, docs: object = None) -> BatchItem:
    """Check one request's fields as the batch contract has them (the web API checks its arguments here too).

    ``question`` must be a string, ``history`` and ``docs`` lists of strings (or missing); problems go in ``error``.
    """
    if not isinstance(question, str):
        return BatchItem(number, qid, error=f"'question' must be a string, not {_json_type(question)}")
    if history is None:
        history = []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        return BatchItem(number, qid, error="'history' must be a list of strings (earlier questions, oldest first)")
    if docs is None:
        docs = []
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        return BatchItem(number, qid, error="'docs' must be a list of strings (names of the documents to search)")
    return BatchItem(number, qid, question, limit_history(history), tuple(docs))


def _json_type(value: object) -> str:
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _nesting(text: str) -> int:
    """The deepest bracket nesting of ``text`` read as JSON (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"number {literal[:20]} is out of range")
    return value


def read_items(stream: BinaryIO) -> Iterator[BatchItem]:
    for number, raw in enumerate(stream, 1):
        yield parse_line(number, raw.rstrip(b"\r\n"))


def answer_item(assistant: Assistant, item: BatchItem) -> dict[str, Any]:
    """The output record for one item (an error record for a bad line)."""
    if item.error:
        return error_record(item.id, item.error)
    try:
        return batch_record(item.id, assistant.answer(item.question, item.history, item.documents))
    except Exception as error:  # noqa: BLE001 - one failing line must not end the batch; it is reported
        return error_record(item.id, f"line {item.line}: could not be answered ({type(error).__name__}: {error})"[:300])
