"""Gather what the answerability model reads for one search and turn it into a verdict: the searched part of
the corpus (its documents and their vocabulary), the background sample as each encoder sees it, the cover
lines of the best passage's document (dates and names are often given there)."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cached_property, lru_cache
from typing import Collection, Sequence

import numpy as np

from ..encoders.base import Encoder
from ..index.search_index import SearchIndex
from ..index.vocabulary import KEPT_SETS, Vocabularies
from ..query import era
from ..query.documents import describe
from ..query.question import Question, analyse
from ..records import Passage
from . import answer_model, answer_type, answerability, refusal
from .candidates import Candidates
from .unjoined import unjoined_name


#: Below this P(answerable) a verdict is in doubt, and a word newer than the searched documents
#: (``answerability.anachronism``), or a name they never join (``unjoined``: 数字人民币 of 数字 and 人民币), settles
#: it as a refusal; above it, the model's confidence stands (the word may be a newer name for what an older text
#: calls otherwise: 高校 for its 高等学校). So does a day asked of documents that write no date anywhere (only
#: days: "谁" may ask for a role, "几个" for a count spelt out, "什么时候" for a time answered by "今年").
DOUBT = 0.5


class Judge:
    """Decides whether a search's corpus answers its question; one per index, shared by searchers."""

    def __init__(self, index: SearchIndex, encoders: Sequence[Encoder], vocabularies: Vocabularies | None = None,
                 every_signal: bool = False) -> None:
        self.index = index
        self.encoders = list(encoders)
        self.vocabularies = vocabularies or Vocabularies(index.passages, index.lexicon)
        # per searched scope, like the vocabularies: bounded (a web server's users pick any set of documents);
        # lru_cache's bookkeeping is thread-safe, and two sessions racing on one scope only compute it twice
        #: The lexical signals of the background sentences asked of a scope, averaged (``View.typical``).
        self.typical = lru_cache(maxsize=KEPT_SETS)(self._typical_of)
        #: The scope's view without them: its texts are split into sentences once, on the first doubtful verdict.
        self._plain_view = lru_cache(maxsize=KEPT_SETS)(self._plain_view_of)
        #: Compute the signals the shipped model does not read too (``Assistant.collecting``, for the rows of
        #: ``bench/learn/collect.py`` and their ablations); off, they cost answers nothing.
        self.every_signal = every_signal

    def judge(self, question: Question, found: Candidates, best: Sequence[Passage], documents: Collection[str] = (),
              lead: float = 0.0, searched: str = "") -> tuple[refusal.Verdict, float, answerability.Features]:
        """The verdict, P(the first passage is right) and the signals the model read (with its calibrated
        P(answerable) as ``probability``); ``lead`` is how far the first passage's fused score leads the second's;
        ``searched`` names the searched documents in the reason."""
        cover = [p for p in self.index.documents[best[0].doc].passages if p.kind == "title"] if best else []
        docs = [self.index.passages[int(i)].doc for i in found.ids]
        model = answer_model.shipped()
        view = self.view(frozenset(documents))
        signals = answerability.features(question, found, best, cover, view, docs)
        signals["lead"] = math.log1p(max(0.0, lead))  # fused-score units: a clear lead is 5-20
        term = ""
        if self.every_signal or "term_missing" in model.names:  # a table lookup per word, and a scan of the texts
            term, signals["term_missing"] = answerability.missing_policy_term(question, view)
        raw = model.raw(signals)
        right = model.shown(signals, raw)
        signals["probability"] = model.answerable(raw)
        vetoed = model.vetoes(signals)
        doubtful = not vetoed and signals["probability"] < DOUBT
        late = answerability.anachronism(question, view) if doubtful else ""
        named = doubtful and not late and not question.english
        apart = unjoined_name(question.text, view.written, view.together) if named else ""
        signals["anachronism"], signals["unjoined"] = (1.0 if late else 0.0), (1.0 if apart else 0.0)
        missing = term if vetoed else late or apart
        # A day asked of documents that write no date anywhere (a speech without one) cannot be answered.
        undated = doubtful and answer_type.asks_a_day(question.text) and not view.holds("written date")
        threshold = model.threshold_for(question.english)
        verdict = refusal.decide(question.text, signals, raw, threshold, searched, missing, "date" if undated else "")
        return verdict, right, signals

    def view(self, documents: frozenset[str]) -> answerability.View:
        """The searched documents' vocabulary (``index/vocabulary.py``): a filtered search must not count other
        documents' words as known. Its ``typical`` lexical signals are :attr:`typical`'s."""
        return replace(self._plain_view(documents), typical=self.typical(documents))

    def _plain_view_of(self, documents: frozenset[str]) -> answerability.View:
        lexicon = self.index.lexicon
        vocabulary = self.vocabularies.of(documents)
        texts = self.index.plain_texts_of(documents)
        written_by = _latest([date for name, date in self._dates.items() if not documents or name in documents])
        if vocabulary is lexicon:
            return answerability.corpus_view(lexicon.document_frequency, lexicon.idf, self.background, texts=texts,
                                             written_by=written_by)
        return answerability.corpus_view(vocabulary.document_frequency, lexicon.idf, self.background, documents, texts,
                                         written_by)

    @cached_property
    def _dates(self) -> dict[str, int | None]:
        """The year each document was written in (``era.written_by``), from its name and cover."""
        return {name: era.written_by(describe(d).years) for name, d in self.index.documents.items()}

    def _typical_of(self, documents: frozenset[str]) -> dict[str, float]:
        view = self._plain_view(documents)
        allowed = np.asarray([view.allowed(p.doc) for p in self.index.passages], dtype=bool)
        rows = []
        for tokens in self._background_tokens:
            scores = self.index.lexicon.scores(tokens)
            best = float(scores[allowed].max()) if allowed.any() else 0.0
            rows.append(answerability.lexical(answerability.topic_tokens(tokens), view, best))
        return {name: float(np.mean([row[name] for row in rows])) for name in answerability.LIFTED}

    @cached_property
    def _background_tokens(self) -> list[tuple[str, ...]]:
        """The background sentences analysed once: they are the same for every scope."""
        return [analyse(text).tokens for text in answerability.background_sentences()]

    @cached_property
    def background(self) -> dict[str, answerability.Background]:
        """Each encoder's view of the background sample, made on the first question (about 0.3 s)."""
        texts = answerability.background_sentences()
        out = {}
        for encoder in self.encoders:
            vectors = encoder.encode_queries(texts)
            sentences = self.index.has_sentences(encoder.model_id)  # else passages, as ``dense_hits`` reads them
            best = [float(self.index.dense_search(encoder.model_id, v, 1, sentences=sentences)[0][0][0]) for v in vectors]
            out[encoder.model_id] = answerability.Background(vectors, float(np.mean(best)))
        return out

    @cached_property
    def needs_every_encoder(self) -> bool:
        """The model reads every encoder's similarity: a first pass with one encoder cannot decide."""
        names = answer_model.shipped().names
        return any(name.endswith(":" + encoder.model_id) for encoder in self.encoders[1:] for name in names)


def _latest(dates: Sequence[int | None]) -> int | None:
    """The latest of the documents' dates; ``None`` when one of them is undated (it could be any year)."""
    known = [date for date in dates if date is not None]
    return max(known) if known and len(known) == len(dates) else None
