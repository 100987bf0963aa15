"""``Searcher.search(question, resolution)`` → :class:`Answer`: candidates, fusion, follow-ups, scope, lists,
the answerability verdict and highlights, with the encoder cascade around them (off while the answerability
model reads every encoder)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache, partial
from typing import Callable, Collection, Sequence

from ..encoders.base import Encoder
from ..index.search_index import SearchIndex
from ..index.vocabulary import Vocabularies
from ..policy import Policy, Reshape
from ..query.conversation import Resolution
from ..query.question import Question
from ..records import LABEL_KINDS, Answer, Hit, Passage
from . import cascade, wording
from .candidates import Candidates, DenseHits, candidates, dense_hits
from .followup import carried_over, without_shown
from .fusion import fuse, quoted_mask, shown_relevance
from .highlights import highlights
from .judge import Judge
from .lists import expand_list, nth_item, titles_a_body
from .outline import with_part_heading
from .outlines import part_named_whole
from .calibration import Samples, calibrated, for_ranking
from .documents import Scope, best_of_each, leaning_on, passage_ids
from .feedback import reshaped
from .scope import within_section

#: (encoder, question) pairs whose dense hits are kept (up to 460 passage and sentence scores, ~40 KB each):
#: enough for the cascade's second pass and for follow-ups replaying a conversation's recent questions.
DENSE_CACHE = 128
#: Passages of the other documents shown when the named one does not address the question.
ELSEWHERE_SHOWN = 2
#: (encoder, question, documents, reshape, calibrate) → hits: the policy's part is in the key (policies share the cache).
DenseLookup = Callable[[str, str, tuple[str, ...], Reshape, str], DenseHits]


class Searcher:
    """Searches one index with its encoders under one :class:`Policy`; safe to share between sessions."""

    def __init__(self, index: SearchIndex, encoders: Sequence[Encoder], policy: Policy, dense: DenseLookup | None = None,
                 judge: Judge | None = None, vocabularies: Vocabularies | None = None) -> None:
        self.index = index
        self.vocabularies = vocabularies or Vocabularies(index.passages, index.lexicon)
        self.encoders = list(encoders)
        self.policy = policy
        # Per encoder and question text: a cascade that falls through and a follow-up that replays an earlier
        # question reuse the encode and the FAISS searches. Built without a reference back to ``self``, so a
        # replaced searcher (and its index) is freed at once; shared by :meth:`with_policy`.
        by_id = {encoder.model_id: encoder for encoder in self.encoders}
        self.dense = dense or lru_cache(maxsize=DENSE_CACHE)(partial(_dense_hits, index, by_id, Samples(index)))
        self.judge = judge or Judge(index, self.encoders, self.vocabularies)

    def with_policy(self, policy: Policy) -> Searcher:
        """The same searcher under another policy, sharing the cached encodes (benches vary policies this way)."""
        return Searcher(self.index, self.encoders, policy, self.dense, self.judge, self.vocabularies)

    def with_judge(self, judge: Judge) -> Searcher:
        """The same searcher and cached encodes with another judge."""
        return Searcher(self.index, self.encoders, self.policy, self.dense, judge, self.vocabularies)

    def search(self, question: Question, resolution: Resolution, earlier: Question | None = None, scope: Scope = Scope()) -> Answer:
        """Answer ``question`` from the documents of ``scope``; ``earlier`` is the question a follow-up leans on
        (``resolution.carry``, read). When the documents the question chose do not address it, the answer
        says so and shows what the other documents say."""
        answer = self._search_in(question, resolution, earlier, scope)
        if answer.answerable or not scope.explicit or not answer.hits:
            return answer
        wider = self._search_in(question, resolution, earlier, scope.widened())
        others = [h.passage.doc for h in wider.hits[:1] if h.passage.doc not in scope.documents]
        if not wider.answerable or not others:
            return answer
        reason = answer.message or wording.not_addressed(wording.searched(self.index.documents, scope.documents))
        # The named document's best passage stays first (the verdict may be wrong, and it is what was asked
        # about), then what the other documents say, then the rest of the named document's.
        elsewhere = [h for h in wider.hits if h.passage.doc not in scope.documents][:ELSEWHERE_SHOWN]
        hits = (answer.hits[:1] + tuple(elsewhere) + answer.hits[1:])[: self.policy.top_k]
        # the verdict is the named documents', and so are the signals it was read from
        # more of a refused topic repeats that refusal, which said already what the other documents say
        message = resolution.refused or wording.elsewhere(reason, [wording.searched(self.index.documents, others)])
        return replace(wider, hits=hits, answerable=False, signals=answer.signals, message=message)

    def _search_in(self, question: Question, resolution: Resolution, earlier: Question | None, scope: Scope) -> Answer:
        # "还有别的吗" asks nothing new: the earlier question is searched again, minus what was shown.
        subject = earlier if resolution.more and earlier is not None else question
        if cascade.may_stop_early(self.policy, len(self.encoders), subject, resolution) and not self.judge.needs_every_encoder:
            first = self._search_with(self.encoders[:1], question, subject, resolution, earlier, scope)
            if cascade.is_clear(self.policy, first):
                return first
        return self._search_with(self.encoders, question, subject, resolution, earlier, scope)

    def ranked(self, question: Question, encoders: Sequence[Encoder], documents: Collection[str] = ()) -> tuple[dict[int, float], Candidates]:
        """Fused scores of the candidates of ``question`` with ``encoders`` among the passages of ``documents``
        (all when empty), and the candidates themselves."""
        key = tuple(sorted(documents)) if self.vocabularies.of(documents) is not self.index.lexicon else ()
        policy = self.policy
        dense = {encoder: self.dense(encoder.model_id, _read_by(encoder, question), key, policy.reshape, policy.calibration) for encoder in encoders}
        found = candidates(self.index, question, dense, passage_ids(self.index.passages, key) if key else None)
        # The domain probe reads the question's own words, as it was trained on them: an English question's
        # vector, not its gloss's, for an encoder that searched with the gloss.
        own = {e.model_id: self.dense(e.model_id, question.content, key, policy.reshape, policy.calibration).vector
               for e in encoders if _read_by(e, question) != question.content}  # cached, as the search's own encodes
        found = replace(found, vectors={**found.vectors, **own}) if own else found
        fused = for_ranking(found, dense)
        return dict(fuse(fused, self.policy.weights, question.english)), found

    def _search_with(self, encoders: Sequence[Encoder], question: Question, subject: Question, resolution: Resolution,
                     earlier: Question | None, scope: Scope) -> Answer:
        """One search with ``encoders``. ``question`` is what was asked (echoed in the answer); ``subject`` is
        what is searched: the same question, or the earlier one when this one asks for more ("还有别的吗")."""
        documents = scope.documents
        scores, found = self.ranked(subject, encoders, documents)
        judged, judged_found = subject, found  # what the verdict reads: the question, or the topic it continues
        if scope.of_era and self.policy.era_weight:
            scores = leaning_on(scores, self.index.passages, scope.of_era, self.policy.era_weight)
        if resolution.more:
            scores = without_shown(scores, resolution.shown)
        elif resolution.carry and earlier is not None:
            before, found_before = self.ranked(earlier, encoders, documents)
            if resolution.earlier_leads:  # "具体怎么做？" names nothing new: the earlier topic leads
                scores = carried_over(before, scores, self.policy.carry_weight)
                if resolution.judged_by_earlier:  # "效果怎么样？" asks an aspect of it: whether it is answered, too
                    judged, judged_found = earlier, found_before
            else:
                scores = carried_over(scores, before, self.policy.carry_weight)
        ranked = content_first(sorted(scores.items(), key=lambda item: item[1], reverse=True), self.index.passages,
                               {int(pid) for pid in found.ids[quoted_mask(found)]}, resolution.shown if resolution.more else ())
        if resolution.request and resolution.request.ask == "scope":
            ranked = within_section(self.index, ranked, resolution)
        if len(scope.compared) > 1:
            ranked = best_of_each(ranked, self.index.passages, scope.compared)
        elif subject.item:
            ranked = nth_item(self.index.passages, ranked, subject.item, subject.item_of)
        elif subject.enumerative:
            ranked = expand_list(self.index.passages, ranked, self.policy.top_k)
        best = [self.index.passages[pid] for pid, _ in ranked[: self.policy.top_k]]
        top = ranked[0][1] if ranked else 0.0
        # how far the first passage leads on the evidence: the era's lean is a prior, not evidence it is right
        lean = {pid: self.policy.era_weight for pid, _ in ranked[:2] if self.index.passages[pid].doc in scope.of_era}
        lead = (top - lean.get(ranked[0][0], 0.0)) - (ranked[1][1] - lean.get(ranked[1][0], 0.0)) if len(ranked) > 1 else 0.0
        searched = wording.searched(self.index.documents, documents)
        verdict, right, signals = self.judge.judge(judged, judged_found, best, documents, lead, searched)
        if subject.which_part and verdict.answerable and ranked:  # judged on the passages; their part's heading answers
            named = part_named_whole(self.index.documents[best[0].doc], subject.text)
            ranked = with_part_heading(self.index.passages, ranked, bool(subject.quotes), named.section if named else 0)
            best = [self.index.passages[pid] for pid, _ in ranked[: self.policy.top_k]]
        hits = tuple(
            Hit(passage, shown_relevance(right, score - top, verdict.answerable), highlights(self.index, passage, subject, found.sentence_scores))
            for passage, (_, score) in zip(best, ranked)
        )
        reason = verdict.reason
        if resolution.more and not verdict.answerable:  # "还有别的吗？": no more, or the topic's own refusal again
            reason = wording.more_refused(reason, searched, resolution.refused)
        return Answer(question.raw, hits, verdict.answerable, message=reason, resolved=subject.text,
                      signals=tuple(signals.items()))


def _read_by(encoder: Encoder, question: Question) -> str:
    """What ``encoder`` reads of ``question``: an English question in the corpus's words (its glossary
    translations) for an encoder that reads only Chinese."""
    if question.english and question.glossed and not encoder.reads("en"):
        return question.glossed
    return question.content


def content_first(ranked: list[tuple[int, float]], passages: Sequence[Passage], keep: Collection[int] = (),
                  shown: Collection[int] = ()) -> list[tuple[int, float]]:
    """Headings and titles name a place in the text and answer nothing by themselves, so a search answer lists
    them after every passage with content, unless the question quotes them (``keep``: "“…”是哪一部分？" is
    answered by the heading). A point written as its title alone is such a label too: its body takes its place,
    unless the last answer showed that body (``shown``: "还有别的吗" must not bring it back)."""
    content: list[tuple[int, float]] = []
    labels: list[tuple[int, float]] = []
    placed: set[int] = set(shown)
    def place(pid: int, score: float) -> None:
        if pid not in placed:
            content.append((pid, score))
            placed.add(pid)

    for pid, score in ranked:
        titled = pid not in keep and titles_a_body(passages, pid)
        if titled or (pid not in keep and passages[pid].kind in LABEL_KINDS):
            labels.append((pid, score))
            if titled:
                place(pid + 1, score)  # the body, in the title line's place
        else:
            place(pid, score)
    return content + labels


def _dense_hits(index: SearchIndex, encoders: dict[str, Encoder], samples: Samples, model_id: str, text: str,
                documents: tuple[str, ...] = (), shape: Reshape = Reshape(), calibrate: str = "documents") -> DenseHits:
    """``documents``: search only their passages (``()``: all); ``shape`` and ``calibrate`` (with several
    documents; :attr:`Policy.calibration`): how ranking reads the hits."""
    allowed = passage_ids(index.passages, documents) if documents else None
    vector = encoders[model_id].encode_query(text)
    hits = dense_hits(index, model_id, vector, allowed)
    ranking, searched = reshaped(index, model_id, hits, vector, shape, allowed)
    if len(index.documents) > 1 and calibrate:
        kinds = calibrate == "kinds"
        passages, sentences = samples.get(model_id, False, kinds), samples.get(model_id, True, kinds)
        ranking = calibrated(index, ranking, searched, passages, sentences, kinds, calibrate == "pooled")
    return hits if ranking is hits else replace(hits, ranking=ranking)
