"""One frozen :class:`Policy`: every number that decides a ranking or an answer, passed in, never patched.

The stages read their parameters from here (fusion weights, the encoder cascade, limits), so
benches and tests vary a policy with :func:`dataclasses.replace` instead of changing module globals. Nothing
here names a model: what an encoder can do is its ``languages``, read where the weights are applied. Whether
to answer at all is learned, not a policy number: its parameters are package data (``search/answer_model.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Weights:
    """How much each channel counts in fusion. The values were chosen on the development set (bench/tune.py)."""

    dense: float = 1.0
    sentence: float = 0.5
    bm25: float = 1.0
    overlap: float = 1.0
    quote: float = 3.0
    #: Titles and headings are for finding one's way, not answers: they rank only when quoted. −3 rather than
    #: −1 since the ranking ablation (docs/retrieval.md): short headings outranked their paragraphs for English
    #: questions (multilingual encoders favour short texts); no dev row lost.
    title: float = -10.0
    heading: float = -3.0
    #: Scale of each encoder's dense channels for a Chinese question.
    encoder: float = 1.0
    #: For an English question: an encoder that reads English counts more, one that reads only Chinese less.
    english_reader: float = 1.5
    chinese_only: float = 0.5
    #: The verbatim-overlap channel for an English question: all it can share with Chinese text is figures and
    #: Latin letters ("2013", "GDP"), which the glossary and the era lean already read; one passage sharing a year
    #: stood about 9 standard deviations above the rest and outranked the passages about the question's topic.
    english_overlap: float = 0.0
    #: A standardised channel counts at most this many standard deviations (∞: no ceiling).
    ceiling: float = math.inf
    #: The verbatim-overlap channel is standardised over a spread of at least this many characters: when one
    #: candidate alone shares a run, its z-score is √(candidates − 1), growing with the number of documents.
    overlap_floor: float = 0.0
    #: Lexical channels (BM25, verbatim overlap) count fully for a passage whose dense channels are at least
    #: average among the candidates, and fade to nothing over this many standard deviations below (0: no gate).
    #: A rare word or a chance run shared with one passage standardises to a z-score of 10–15 when nothing else
    #: shares it; without the encoders' agreement that is a coincidence, not an answer.
    lexical_gate: float = 1.0
    #: Encoders whose dense channels count zero (ablations: "without the second encoder").
    muted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reshape:
    """How ranking reads dense hits beyond raw similarity (``search/feedback.py``); zeros switch a part off."""

    #: Dense Rocchio: the question's vector + this × the mean of its ``depth`` best passages, searched again.
    feedback: float = 0.0
    depth: int = 3
    #: A passage's similarity + this × its nearest heading's similarity to the question.
    context: float = 0.0


@dataclass(frozen=True)
class Policy:
    """Everything an :class:`~assistant.assistant.Assistant` decides by; ``DEFAULT_POLICY`` is what ships."""

    weights: Weights = field(default_factory=Weights)
    #: Ask the first encoder alone first, and the others only when its answer is not clear.
    cascade: bool = True
    #: The fused score of a clear answer (relevance midpoint + 2 scales): the cascade stops there. On the
    #: development set the second encoder never changed the best passage of such an answer, and three
    #: searches in five stop there, saving its encode (docs/performance.md).
    clear_answer: float = 10.0
    #: Passages in an answer.
    top_k: int = 5
    #: How much the previous question still counts when the new one leans on it.
    carry_weight: float = 0.35
    #: Fused-score units added to the passages of documents that speak of the years a question names no
    #: document but is set in ("九十年代末…", ``query/era.py``); 0: off.
    era_weight: float = 2.0
    #: Rank dense similarities against their own document's (``search/calibration.py``), so a long document
    #: does not crowd out a short one: "documents"; "kinds": headings and titles against their own document's
    #: headings, body text against its body text; "pooled": each document's excess over its own chance maximum
    #: read in the spread pooled over the documents, not its own (a tie on the development sets, docs/retrieval.md);
    #: "": off (ablations).
    calibration: str = "documents"
    #: Feedback and heading context for ranking (``search/feedback.py``).
    reshape: Reshape = field(default_factory=Reshape)


DEFAULT_POLICY = Policy()
