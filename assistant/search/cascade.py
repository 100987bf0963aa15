"""The encoder cascade: the first encoder alone answers a question it answers clearly; the others are asked
only when it does not. Three searches in five stop at the first encoder (docs/performance.md)."""

from __future__ import annotations

from ..index.sparse import Lexicon
from ..index.vocabulary import Vocabulary
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


def is_clear(policy: Policy, answer: Answer, subject: Question, lexicon: Lexicon | Vocabulary) -> bool:
    """A clear answer (see :attr:`Policy.clear_answer`), and one that refusal rule 1 did not let through on
    similarity alone: its floor is calibrated on every encoder's similarity, not the first one's."""
    return (
        answer.answerable
        and bool(answer.hits)
        and answer.hits[0].score >= relevance(policy.clear_answer)
        and lexicon.known_share(subject.tokens) >= policy.refusal.known_share_floor
    )
