"""The batch record of ``shared/eval/README.md``: the one writer of every ``search --batch`` / ``--json`` line
and of the web API's answers."""

from __future__ import annotations

import json
from typing import Any

from ..records import Answer, Hit

#: Passages in one record.
MAX_PASSAGES = 5


def batch_record(qid: Any, answer: Answer) -> dict[str, Any]:
    """One output line of ``search --batch`` exactly as ``shared/eval/README.md`` defines it."""
    return {
        "id": qid,
        "answerable": answer.answerable,
        "passages": [passage_record(hit) for hit in answer.hits[:MAX_PASSAGES]],
    }


def passage_record(hit: Hit) -> dict[str, Any]:
    p = hit.passage
    return {
        "doc": p.doc,
        "section": p.section,
        "point": p.point,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        **({"page": p.page} if p.page else {}),  # PDFs only
        "score": round(hit.score, 4),
        "highlights": [[s.start, s.end] for s in hit.highlights],
    }


def error_record(qid: Any, error: str) -> dict[str, Any]:
    """The output line for an input line that got no answer: not answerable, no passages, and why."""
    return {"id": qid, "answerable": False, "passages": [], "error": error}


def dumps(record: dict[str, Any]) -> str:
    """One output line; lone surrogates from hostile input are escaped rather than crashing the writer."""
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
