"""The encoder cascade: the first encoder alone answers a question it answers clearly; the others are asked
only when it does not. Three searches in five stopped at the first encoder (docs/performance.md); while the
answerability model reads every encoder's similarity (``judge.py``) the searcher does not stop early."""

from __future__ import annotations

from ..policy import Policy
from ..query.conversation import Resolution
from ..query.question import Question
from ..records import Answer
from .fusion import relevance


def may_stop_early(policy: Policy, encoders: int, subject: Question, resolution: Resolution) -> bool:
    """English needs an encoder that reads English, and a follow-up that leans on the previous question adds
    that question's scores to its own: both always use every encoder."""
    leans_on_earlier = bool(resolution.carry) and not resolution.more
    return policy.cascade and encoders > 1 and not subject.english and not leans_on_earlier


def is_clear(policy: Policy, answer: Answer) -> bool:
    """A clear answer (see :attr:`Policy.clear_answer`)."""
    return answer.answerable and bool(answer.hits) and answer.hits[0].score >= relevance(policy.clear_answer)
