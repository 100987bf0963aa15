"""Sentences that name what was searched, so every message fits whatever corpus is loaded.

"《2019年政府工作报告》没有谈到这个问题" for one document, "这几份文档都没有谈到这个问题" for several: the
user always learns where the assistant looked, and never reads "讲话" when no speech is loaded.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..records import Document
from ..text import count_in_chinese

SEVERAL = "这几份文档"


def searched(documents: Mapping[str, Document], names: Sequence[str]) -> str:
    """How a message names the searched documents (every document when ``names`` is empty): 《title》 for
    one, :data:`SEVERAL` for more."""
    chosen = [documents[n] for n in names if n in documents] or list(documents.values())
    return f"《{chosen[0].title}》" if len(chosen) == 1 else SEVERAL


def _none_of(label: str) -> str:
    """The subject of a "没有…" sentence: 《title》, or 这几份文档都."""
    return f"{label}{'都' if label == SEVERAL else ''}"


def not_addressed(label: str) -> str:
    return f"{_none_of(label)}没有谈到这个问题。"


def nothing_more(label: str) -> str:
    """Asked for more ("还有别的吗？"), the passages not yet shown do not answer: the last answer had it all."""
    return f"{label}里没有更多谈到这个问题的内容了。"


def more_refused(reason: str, label: str, earlier: str = "") -> str:
    """Why a refused "还有别的吗？" is refused: the ``earlier`` refusal when the topic itself was refused (more of
    nothing is still nothing); else "no more" where the search's reason is only that the documents do not address
    it (what was shown was all of it); a more specific reason (a missing term, figure or date) stands."""
    if earlier:
        return earlier
    return nothing_more(label) if reason == not_addressed(label) else reason


def term_not_written(label: str, word: str) -> str:
    """The question needs a policy term the searched documents never write ("这几份文档都没有提到“新冠”。")."""
    return f"{_none_of(label)}没有提到“{word}”。"


def elsewhere(reason: str, others: Sequence[str]) -> str:
    """The named document does not address the question (``reason``: its refusal, "《A》没有提到“营商环境”。"),
    but ``others`` (labels) do. Their passages are not an answer to what was asked, so the chat shows them folded
    under "可能相关"; the sentence says where."""
    return f"{reason.rstrip('。')}；{'、'.join(others)}谈到了，见下方“可能相关”。"


def filtered_out(hidden: Sequence[str]) -> str:
    """The question names documents the user's document filter leaves out."""
    return f"问题提到的{'、'.join(hidden)}不在所选文档中，只在所选文档里查找。"


def narrowed(having: int, word: str) -> str:
    """An outline question answered only from the documents whose part holds what it says about the part."""
    return f"（{count_in_chinese(having)}份文档有这一部分，只看谈到“{word}”的）"


def not_loaded(references: Sequence[str]) -> str:
    """The question names documents that are not in the corpus ("2021年的报告" beside other years' reports)."""
    return f"已载入的文档里没有{'、'.join(references)}。"


def per_document(parts: Sequence[tuple[str, str]], missing: Sequence[str] = ()) -> str:
    """One line for an outline question answered in each document that has the part asked for."""
    line = "；".join(f"{label}{message}" for label, message in parts)
    lead = f"{count_in_chinese(len(parts))}份文档都有：" if len(parts) > 1 else "只有"
    tail = f"（{'、'.join(missing)}没有这一部分）" if missing and len(parts) > 1 else ""
    return lead + line + tail


def titles(labels: Sequence[str]) -> str:
    """The one-line answer to "有哪些文档" or "标题是什么" over several documents: each one's title."""
    return f"共{count_in_chinese(len(labels))}份文档：{'、'.join(labels)}。"
