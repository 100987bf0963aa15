"""Turn the answerability model's probability into a verdict and a reason people can read.

Whether the corpus answers is learned (``answer_model.py``); this module only says why not, from the same
signals: a policy term the documents never write, a figure, date or name asked for and absent, or simply a topic
the corpus does not treat. The reason
names what was searched (``wording.py``: 《title》 for one document, 这几份文档 for several).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from ..records import Answer
from . import answer_type
from .fusion import REFUSED_CEILING
from .wording import not_addressed, term_not_written

#: The one sentence that says so (the text, the batch ``message`` and the web card all show this one).
REFUSAL = "讲话中没有谈到这个问题。"
_MISSING_TYPE = {"number": "{}里没有给出这个数字。", "date": "{}里没有提到具体时间。", "name": "{}里没有提到具体人名。"}


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # why not, for people ("讲话里没有给出这个数字。")
    probability: float = 1.0  # the model's probability that the corpus answers


def decide(question: str, signals: Mapping[str, float], probability: float, threshold: float, searched: str = "",
           missing: str = "", absent: str = "") -> Verdict:
    """Answerable when the model's probability reaches ``threshold``, no policy term the question needs is
    ``missing`` from the searched documents and the kind of fact it asks for is not ``absent`` from all of them
    ("date"); otherwise the most specific reason, naming ``searched`` (the searched documents' label; '' says 讲话)."""
    if missing:
        return Verdict(False, term_not_written(searched or "讲话", missing), probability)
    if absent:
        return Verdict(False, _MISSING_TYPE[absent].format(searched or "讲话"), probability)
    if probability >= threshold:
        return Verdict(True, probability=probability)
    kinds = answer_type.asked(question) if signals.get("type_missing") else ()
    if kinds:
        return Verdict(False, _MISSING_TYPE[kinds[0]].format(searched or "讲话"), probability)
    return Verdict(False, not_addressed(searched) if searched else REFUSAL, probability)


def refused(answer: Answer) -> Answer:
    """``answer`` declared unanswerable after the search (it was asked of a document that is not loaded): its
    passages are shown as nearby at best, as after any refusal."""
    hits = tuple(replace(hit, score=min(hit.score, REFUSED_CEILING)) for hit in answer.hits)
    return replace(answer, hits=hits, answerable=False)
