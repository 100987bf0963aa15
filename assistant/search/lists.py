"""Questions asking for several things ("哪些…", "分别…"): a list's items answer them, not its introduction."""

from __future__ import annotations

from typing import Sequence

from ..records import Passage

Ranked = list[tuple[int, float]]


def expand_list(passages: Sequence[Passage], ranked: Ranked) -> Ranked:
    """When the best passage introduces a list ("…三个特殊性决定的："), the items that follow it answer a
    question asking for several things: they go first, the introduction right after them."""
    if not ranked:  # a document filter or "还有别的吗" can leave nothing to expand
        return ranked
    top_id, top_score = ranked[0]
    top = passages[top_id]
    if not top.text.rstrip().endswith(("：", ":")):
        return ranked
    items: list[int] = []
    for passage in passages[top_id + 1 :]:
        if passage.doc != top.doc or passage.kind not in ("point", "window") or passage.section != top.section:
            break
        if passage.id not in items:
            items.append(passage.id)
    expanded = [(pid, top_score) for pid in items] + [(top_id, top_score)]
    return expanded + [(pid, score) for pid, score in ranked[1:] if pid not in items]
