"""``Assistant``: loads the encoders and the index once, and answers questions. Wiring only."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Callable, Collection, Sequence

from .encoders.registry import DEFAULT_MODEL, DEFAULT_SECOND_MODEL, NO_MODEL, Encoder, load_encoder
from .index.build import SearchIndex, check_apart, open_index
from .query import glossary
from .query import outline
from .query.conversation import CARRY_WEIGHT, Resolution, Turn, resolve
from .query.question import MAX_QUESTION_CHARS, Question, analyse, is_english, limit_history, prepare
from .query.typos import Corrector, quoted_terms
from .records import Answer, Document, Hit, Passage, Span
from .render import text as cite
from .search import fusion
from .search import refusal
from .search import candidates as retrieve
from .tokens import tokens

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TOP_K = 5
#: (encoder, question) pairs whose dense hits are kept (up to 460 passage and sentence scores, ~40 KB each):
#: enough for the cascade's second pass and for follow-ups replaying a conversation's recent questions.
DENSE_CACHE = 128
#: The cascade stops at the first encoder when its best passage is at least this relevant: the fused score
#: of a clear answer (``fusion.RELEVANCE_MIDPOINT`` + 2 scales, ≈ 0.88), where the passage stands out in the
#: dense, sentence, BM25 and verbatim channels at once. On the development set the second encoder never
#: changed the best passage of such an answer, and three searches in five stop there, saving its encode
#: (docs/performance.md). English questions always use every encoder: m3e-small reads only Chinese.
CLEAR_ANSWER = fusion.relevance(fusion.RELEVANCE_MIDPOINT + 2 * fusion.RELEVANCE_SCALE)


@dataclass(frozen=True)
class Settings:
    """Where the corpus and index live and which encoders to use; each has an environment variable."""

    corpus: Path = field(default_factory=lambda: Path(os.environ.get("ASSISTANT_CORPUS", PROJECT_ROOT / "corpus")))
    index: Path = field(default_factory=lambda: Path(os.environ.get("ASSISTANT_INDEX", PROJECT_ROOT / "index")))
    model: str = field(default_factory=lambda: os.environ.get("ASSISTANT_MODEL", DEFAULT_MODEL))
    second_model: str = field(default_factory=lambda: os.environ.get("ASSISTANT_SECOND_MODEL", DEFAULT_SECOND_MODEL))

    @property
    def exports(self) -> Path:
        """Where ONNX exports of the models live (beside the index generations, which never touch it)."""
        return self.index / "encoders"

    def model_ids(self) -> list[str]:
        ids = [self.model]
        if self.second_model and self.second_model != NO_MODEL and self.second_model != self.model:
            ids.append(self.second_model)
        return ids


def load_encoders(settings: Settings) -> list[Encoder]:
    """The encoders ``settings`` name, with their question exports in the index folder; that folder is checked
    first, since exporting writes there (never inside the corpus)."""
    check_apart(settings.corpus, settings.index)
    return [load_encoder(model_id, settings.exports) for model_id in settings.model_ids()]


class Assistant:
    """Answers questions about the documents in one corpus folder; safe to share between sessions."""

    def __init__(
        self, index: SearchIndex, encoders: Sequence[Encoder], weights: fusion.Weights = fusion.DEFAULT_WEIGHTS, cascade: bool = True
    ) -> None:
        self.index = index
        self.encoders = list(encoders)
        self.weights = weights
        #: Ask the first encoder alone first and the others only when its answer is not clear (see ``_search``).
        self.cascade = cascade
        self._by_id = {encoder.model_id: encoder for encoder in self.encoders}
        # Per encoder and question text: a cascade that falls through and a follow-up that replays an earlier
        # question reuse the encode and the FAISS searches.
        # Built without a reference back to ``self``, so a replaced assistant (and its index) is freed at once.
        self._dense = lru_cache(maxsize=DENSE_CACHE)(partial(_dense_hits, index, self._by_id))

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        report: Callable[[str], None] = lambda _: None,
        progress: bool = False,
        force: bool = False,
        encoders: Sequence[Encoder] | None = None,
    ) -> Assistant:
        """The assistant over ``settings``' corpus, its index loaded, or (re)built first when stale or ``force``.

        ``encoders``: already loaded ones (a long-running app reloads the index with the same models)."""
        settings = settings or Settings()
        encoders = list(encoders) if encoders is not None else load_encoders(settings)
        return cls(open_index(settings.corpus, settings.index, encoders, report, progress, force=force), encoders)

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer ``question`` after the earlier questions ``history`` (oldest first), as the batch contract has it."""
        turns: list[Turn] = []
        for earlier in limit_history(history):
            turns.append(self.converse(earlier, turns))
        return self.converse(question, turns).answer

    def converse(self, question: str, turns: Sequence[Turn] = (), documents: Collection[str] = ()) -> Turn:
        """Answer one question of a conversation; the returned turn goes on the conversation's list.

        ``documents`` limits the answer to those files of the corpus (all of them when empty)."""
        text, truncated = prepare(question)
        if not text:
            return Turn("", Answer(question, (), False, mode="empty", message="请输入一个问题，例如：讲话对招商队伍有什么要求？"))
        parsed = self._analyse(text, question, truncated)
        corrections = parsed.corrections
        resolution = resolve(parsed.text, turns)
        if documents and resolution.document not in documents:
            resolution = replace(resolution, document=next(iter(documents)))
        scoped = resolution.request is not None and resolution.request.ask == "scope"
        answer = self._from_outline(parsed, resolution) if resolution.request and not scoped else None
        answer = answer or self._search(parsed, resolution, documents)
        if corrections:
            answer = _with_notice(answer, "已按" + "、".join(f"“{right}”理解“{typed}”" for typed, right in corrections) + "。")
        if truncated:
            answer = _with_notice(answer, f"问题过长，只按前{MAX_QUESTION_CHARS}个字检索。")
        return Turn(parsed.text, answer, resolution.request)

    def _analyse(self, text: str, raw: str | None = None, truncated: bool = False) -> Question:
        """Prepared text → :class:`Question`: English words looked up in the glossary, Chinese typos corrected.
        Also used for an earlier question a follow-up leans on, so it is searched exactly as it was asked."""
        if is_english(text):
            return analyse(text, raw=raw, truncated=truncated, translations=self.glossary.translate(text))
        corrected, corrections = self.corrector.correct(text)
        return analyse(corrected, raw=raw, truncated=truncated, corrections=corrections)

    @cached_property
    def corrector(self) -> Corrector:
        """Built on the first Chinese question rather than at load (cold start pays only for what it uses)."""
        lexicon = self.index.lexicon
        words = set(lexicon.document_frequency) | quoted_terms(d.text for d in self.index.documents.values())
        return Corrector(words, lexicon.document_frequency)

    @cached_property
    def glossary(self) -> glossary.Glossary:
        """English → corpus words; built on the first English question (about 0.3 s)."""
        return glossary.Glossary(self.index.lexicon.document_frequency)

    def document_for(self, resolution: Resolution) -> Document:
        if resolution.document in self.index.documents:
            return self.index.documents[resolution.document]
        return next(iter(self.index.documents.values()))

    def neighbours(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passages just before and after ``passage`` in the same document, in reading order."""
        window = self.index.passages[max(0, passage.id - radius) : passage.id + radius + 1]
        return [p for p in window if p.doc == passage.doc]

    def _verdict(self, question: Question, found: retrieve.Candidates, best: list[Passage]) -> refusal.Verdict:
        """Gather the signals the refusal decision reads: vocabulary coverage, the named topic, the cover."""
        lexicon = self.index.lexicon
        known = question.english_coverage if question.english else lexicon.known_share(question.tokens)
        topic = tokens(refusal.named_topic(question.text)) if not question.english else []
        absent = refusal.topic_absent(topic, lexicon.document_frequency.__contains__, lexicon.known_share(topic)) if topic else None
        cover = [p for p in self.index.documents[best[0].doc].passages if p.kind == "title"] if best else []
        return refusal.decide(question, found, known, best, cover, absent)

    def _within_section(self, ranked: list[tuple[int, float]], resolution: Resolution) -> list[tuple[int, float]]:
        """Passages of the section the question names come first, in their fused order."""
        assert resolution.request is not None
        document = self.document_for(resolution)
        section = outline.resolve_section(document, resolution.request.section)
        inside = [(pid, s) for pid, s in ranked if _in_section(self.index.passages[pid], document.name, section)]
        return inside + [(pid, s) for pid, s in ranked if (pid, s) not in inside]

    def _from_outline(self, question: Question, resolution: Resolution) -> Answer:
        assert resolution.request is not None
        answer = self.outline_answer(self.document_for(resolution).name, resolution.request, question.raw)
        return replace(answer, resolved=question.text)

    def outline_answer(self, document: str, request: outline.OutlineRequest, question: str = "") -> Answer:
        """The answer to an outline request about one document (also what a click in the web outline shows)."""
        passages, message = outline.find(self.index.documents[document], request)
        if not passages:
            return Answer(question, (), False, mode="outline", message=message, resolved=question)
        hits = tuple(Hit(p, 1.0 if i == 0 else 0.9, _lead_sentence(p) if i == 0 else ()) for i, p in enumerate(passages[:TOP_K]))
        return Answer(question, hits, True, mode="outline", message=message, resolved=question)

    def _ranked(self, question: Question, encoders: Sequence[Encoder]) -> tuple[dict[int, float], retrieve.Candidates]:
        dense = {encoder.model_id: self._dense(encoder.model_id, question.content) for encoder in encoders}
        found = retrieve.candidates(self.index, question, dense)
        return dict(fusion.fuse(found, self.weights, question.english)), found

    def _search(self, question: Question, resolution: Resolution, documents: Collection[str] = ()) -> Answer:
        # "还有别的吗" asks nothing new: the earlier question is searched again, minus what was shown.
        subject = self._analyse(resolution.carry) if resolution.more else question
        if self._may_stop_early(subject, resolution):
            first = self._search_with(self.encoders[:1], question, subject, resolution, documents)
            if self._clear(first, subject):
                return first
        return self._search_with(self.encoders, question, subject, resolution, documents)

    def _may_stop_early(self, subject: Question, resolution: Resolution) -> bool:
        """English needs the multilingual encoder, and a follow-up that leans on the previous question adds
        that question's scores to its own: both always use every encoder."""
        leans_on_earlier = bool(resolution.carry) and not resolution.more
        return self.cascade and len(self.encoders) > 1 and not subject.english and not leans_on_earlier

    def _clear(self, answer: Answer, subject: Question) -> bool:
        """A clear answer (see :data:`CLEAR_ANSWER`), and one that refusal rule 1 did not let through on
        similarity alone: its floor is calibrated on every encoder's similarity, not the first one's."""
        return (
            answer.answerable
            and bool(answer.hits)
            and answer.hits[0].score >= CLEAR_ANSWER
            and self.index.lexicon.known_share(subject.tokens) >= refusal.KNOWN_SHARE_FLOOR
        )

    def _search_with(
        self, encoders: Sequence[Encoder], question: Question, subject: Question, resolution: Resolution, documents: Collection[str]
    ) -> Answer:
        """One search with ``encoders``. ``question`` is what was asked (echoed in the answer); ``subject`` is
        what is searched: the same question, or the earlier one when this one asks for more ("还有别的吗")."""
        scores, found = self._ranked(subject, encoders)
        if resolution.more:
            scores = {pid: s for pid, s in scores.items() if pid not in resolution.shown}
        elif resolution.carry:
            earlier, _ = self._ranked(self._analyse(resolution.carry), encoders)
            floor = min(earlier.values(), default=0.0)
            scores = {pid: score + CARRY_WEIGHT * earlier.get(pid, floor) for pid, score in scores.items()}
        if documents:
            scores = {pid: s for pid, s in scores.items() if self.index.passages[pid].doc in documents}
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if resolution.request and resolution.request.ask == "scope":
            ranked = self._within_section(ranked, resolution)
        if subject.enumerative:
            ranked = expand_list(self.index.passages, ranked)
        best = [self.index.passages[pid] for pid, _ in ranked[:TOP_K]]
        verdict = self._verdict(subject, found, best)
        hits = tuple(
            Hit(passage, fusion.relevance(score, verdict.answerable), cite.highlights(self.index, passage, subject, found.sentence_scores))
            for passage, (_, score) in zip(best, ranked)
        )
        return Answer(question.raw, hits, verdict.answerable, message=verdict.reason, resolved=subject.text)


def _dense_hits(index: SearchIndex, encoders: dict[str, Encoder], model_id: str, text: str) -> retrieve.DenseHits:
    return retrieve.dense_hits(index, model_id, encoders[model_id].encode_query(text))


def _in_section(passage: Passage, document: str, section: int) -> bool:
    return passage.doc == document and passage.section_no == section and passage.kind != "title"


def expand_list(passages: Sequence[Passage], ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
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


def _lead_sentence(passage: Passage) -> tuple[Span, ...]:
    return passage.sentences[:1]


def _with_notice(answer: Answer, notice: str) -> Answer:
    return replace(answer, message=(notice + " " + answer.message).strip())
