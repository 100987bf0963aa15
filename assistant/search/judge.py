"""Gather what the answerability model reads for one search and turn it into a verdict: the searched part of
the corpus (its documents and their vocabulary), the background sample as each encoder sees it, the cover
lines of the best passage's document (dates and names are often given there)."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cached_property
from typing import Collection, Sequence

import numpy as np

from ..encoders.base import Encoder
from ..index.search_index import SearchIndex
from ..index.vocabulary import Vocabularies
from ..query.question import Question, analyse
from ..records import Passage
from . import answerability, refusal
from .candidates import Candidates


class Judge:
    """Decides whether a search's corpus answers its question; one per index, shared by searchers."""

    def __init__(self, index: SearchIndex, encoders: Sequence[Encoder], vocabularies: Vocabularies | None = None) -> None:
        self.index = index
        self.encoders = list(encoders)
        self.vocabularies = vocabularies or Vocabularies(index.passages, index.lexicon)
        self._typical: dict[frozenset[str], dict[str, float]] = {}

    def judge(self, question: Question, found: Candidates, best: Sequence[Passage], documents: Collection[str] = (),
              lead: float = 0.0, searched: str = "") -> tuple[refusal.Verdict, float, answerability.Features]:
        """The verdict, P(the first passage is right) and the signals the model read (with its calibrated
        P(answerable) as ``probability``); ``lead`` is how far the first passage's fused score leads the second's;
        ``searched`` names the searched documents in the reason."""
        cover = [p for p in self.index.documents[best[0].doc].passages if p.kind == "title"] if best else []
        docs = [self.index.passages[int(i)].doc for i in found.ids]
        signals = answerability.features(question, found, best, cover, self.view(frozenset(documents)), docs)
        signals["lead"] = math.log1p(max(0.0, lead))  # fused-score units: a clear lead is 5-20
        model = answerability.shipped()
        raw = model.raw(signals)
        right = model.shown(signals, raw)
        signals["probability"] = model.answerable(raw)
        return refusal.decide(question.text, signals, raw, model.threshold, searched), right, signals

    def view(self, documents: frozenset[str]) -> answerability.View:
        """The searched documents' vocabulary (``index/vocabulary.py``): a filtered search must not count other
        documents' words as known."""
        lexicon = self.index.lexicon
        vocabulary = self.vocabularies.of(documents)
        if vocabulary is lexicon:
            view = answerability.corpus_view(lexicon.document_frequency, lexicon.idf, self.background)
        else:
            view = answerability.corpus_view(vocabulary.document_frequency, lexicon.idf, self.background, documents)
        return replace(view, typical=self.typical(documents, view))

    def typical(self, documents: frozenset[str], view: answerability.View) -> dict[str, float]:
        """The lexical signals of the background sentences asked of ``documents``, averaged (cached per scope)."""
        if documents not in self._typical:
            allowed = np.asarray([view.allowed(p.doc) for p in self.index.passages], dtype=bool)
            rows = []
            for text in answerability.background_sentences():
                tokens = analyse(text).tokens
                scores = self.index.lexicon.scores(tokens)
                rows.append(answerability.lexical(tokens, view, float(scores[allowed].max()) if allowed.any() else 0.0))
            self._typical[documents] = {name: float(np.mean([row[name] for row in rows])) for name in answerability.LIFTED}
        return self._typical[documents]

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
        names = answerability.shipped().names
        return any(name.endswith(":" + encoder.model_id) for encoder in self.encoders[1:] for name in names)
