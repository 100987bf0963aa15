"""Turn the answerability model's probability into a verdict and a reason people can read.

Whether the corpus answers is learned (``answerability.py``); this module only says why not, from the same
signals: a figure, date or name asked for and absent, or simply a topic the corpus does not treat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from . import answer_type

#: The one sentence that says so (the text, the batch ``message`` and the web card all show this one).
REFUSAL = "讲话中没有谈到这个问题。"
_MISSING_TYPE = {"number": "讲话里没有给出这个数字。", "date": "讲话里没有提到具体时间。", "name": "讲话里没有提到具体人名。"}


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # why not, for people ("讲话里没有给出这个数字。")
    probability: float = 1.0  # the model's probability that the corpus answers


def decide(question: str, signals: Mapping[str, float], probability: float, threshold: float) -> Verdict:
    """Answerable when the model's probability reaches ``threshold``; otherwise the most specific reason."""
    if probability >= threshold:
        return Verdict(True, probability=probability)
    kinds = answer_type.asked(question) if signals.get("type_missing") else ()
    return Verdict(False, _MISSING_TYPE[kinds[0]] if kinds else REFUSAL, probability)
