"""``Assistant``: loads the encoders and the index once, and answers questions. Wiring only:
read (``query``) → resolve against the conversation (``query``) → outline answer or search (``search``) → notices."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Collection, Sequence

from .encoders import Encoder
from .index.load import open_index
from .index.search_index import SearchIndex
from .policy import DEFAULT_POLICY, Policy
from .query import documents as naming
from .query import era
from .query.conversation import Resolution, Turn, conversation_documents, leans_on_context, resolve
from .query.outline import OutlineRequest, lists_documents, point_mention, thing_ordinal
from .query.question import Question, limit_history, prepare
from .query.reader import Reader, notices
from .records import Answer, Document, Passage
from .search import wording
from .search.documents import Scope, choose, outline_document
from .search.judge import Judge
from .search.inline_lists import shown_inline_item
from .search.lists import shown_list_item
from .search.outline import listed_answer, outline_answer
from .search.outlines import names_an_outline_list, part_named_in
from .search.refusal import refused
from .search.searcher import Searcher
from .settings import Settings, load_encoders

EMPTY_QUESTION = "请输入一个问题。"


@dataclass(frozen=True)
class Reading:
    """A question as read before it is answered: the documents it names, the documents it searches, and its
    analysis without the naming words (they say where to look, not what about)."""

    reference: naming.Reference
    scope: Scope
    question: Question


class Assistant:
    """Answers questions about the documents in one corpus folder under one :class:`Policy`; safe to share
    between sessions."""

    def __init__(self, index: SearchIndex, encoders: Sequence[Encoder], policy: Policy = DEFAULT_POLICY,
                 reader: Reader | None = None, searcher: Searcher | None = None) -> None:
        self.index = index
        self.encoders = list(encoders)
        self.policy = policy
        self.reader = reader or Reader(index)
        # A searchable generation answers with the encoders whose vectors it holds (``index/stages.py``).
        searchable = [e for e in self.encoders if e.model_id in index.dense]
        self.searcher = searcher or Searcher(index, searchable, policy, vocabularies=self.reader.vocabularies)

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        report: Callable[[str], None] = lambda _: None,
        progress: bool = False,
        force: bool = False,
        encoders: Sequence[Encoder] | None = None,
        policy: Policy = DEFAULT_POLICY,
        staged: bool = False,
        previous: bool = False,
    ) -> Assistant:
        """The assistant over ``settings``' corpus, its index loaded, or (re)built first when stale or ``force``.

        ``encoders``: already loaded ones (a long-running app reloads the index with the same models).
        ``staged``: return once the index is searchable; the other encoders' vectors follow (``index.pending``).
        ``previous``: a stale but usable index is served as it was built (``index.stale``), not rebuilt."""
        settings = settings or Settings()
        encoders = list(encoders) if encoders is not None else load_encoders(settings)
        index = open_index(settings.corpus, settings.index, encoders, report, progress, force=force, staged=staged,
                           previous=previous)
        return cls(index, encoders, policy)

    @property
    def stage(self) -> str:
        """Which stage the index is in (searchable, or complete), one line for the status panel."""
        return self.index.stage

    def with_policy(self, policy: Policy) -> Assistant:
        """The same index, encoders and caches under another policy (benches and tests vary it this way)."""
        return Assistant(self.index, self.encoders, policy, self.reader, self.searcher.with_policy(policy))

    def collecting(self) -> Assistant:
        """The same assistant whose answers carry every answerability signal, also those the shipped model does
        not read: for the learning rows (``bench/learn/collect.py``), never for serving."""
        judge = Judge(self.index, self.searcher.encoders, self.reader.vocabularies, every_signal=True)
        return Assistant(self.index, self.encoders, self.policy, self.reader, self.searcher.with_judge(judge))

    def answer(self, question: str, history: Sequence[str] = (), documents: Sequence[str] = ()) -> Answer:
        """Answer ``question`` after the earlier questions ``history`` (oldest first), as the batch contract has it;
        ``documents``: the user's document filter (file names, stems or titles; empty: every document)."""
        chosen = self.choose_documents(documents)
        turns: list[Turn] = []
        for earlier in limit_history(history):
            turns.append(self.converse(earlier, turns, chosen))
        return self.converse(question, turns, chosen).answer

    def choose_documents(self, wanted: Sequence[str]) -> tuple[str, ...]:
        """The file names a document filter means (file names, stems or titles; unknown ones are left out)."""
        return naming.choose(list(self.reader.names.values()), wanted)

    def converse(self, question: str, turns: Sequence[Turn] = (), documents: Collection[str] = ()) -> Turn:
        """Answer one question of a conversation; the returned turn goes on the conversation's list.

        ``documents`` limits the answer to those files of the corpus (all of them when empty)."""
        reading = self.read(question, turns, documents)
        if reading is None:
            return Turn("", Answer(question, (), False, mode="empty", message=EMPTY_QUESTION))
        reference, scope, parsed = reading.reference, reading.scope, reading.question
        resolution = resolve(parsed.text, turns, names_documents=bool(reference.documents or reference.missing))
        resolution = replace(resolution, document=outline_document(resolution.document, scope))
        if lists_documents(parsed.text):  # "有哪些文档" is asked of every document the filter allows, not the conversation's
            scope, resolution = scope.widened(), replace(resolution, document="")
        picked = ""  # a document only the part the question names picked out ("讲农业那部分的第二条")
        if resolution.request is None and not resolution.carry:
            # a part asked for whole by its heading's words only in the document named or talked about: unnamed,
            # "产业强市有哪些具体要求？" is a content question
            whole = parsed.enumerative and bool(resolution.document)
            asked = self._asked_documents(resolution.document, scope)
            if named := part_named_in(asked, parsed.text, whole):
                picked = "" if len(asked) == 1 else named[0].name
                resolution = replace(resolution, request=named[1], document=named[0].name)
        if resolution.request and resolution.request.of and not names_an_outline_list(
                self._asked_documents(resolution.document, scope), resolution.request.of, parsed.text):
            # "讲解决国家财力不足分了三个方面，第二个方面是什么？": no outline list has three, so the list is one the
            # text sets out: its second item, found by searching for what the question says the list is about
            parsed = replace(parsed, item=resolution.request.section, item_of=resolution.request.of)
            resolution = replace(resolution, request=None)
        request = resolution.request
        last = turns[-1] if turns else None
        shown = [h.passage for h in last.answer.hits] if last else []
        listed = shown_list_item(self.index.passages, shown, resolution.ordinal) if resolution.ordinal else []
        thing, thing_words = thing_ordinal(parsed.text)
        # a list run inside a paragraph: the first passage's, or for "第三件" (things listed) one of the first three's;
        # one written without numbers only after a content answer (after an outline answer "第三条" is its third point)
        inline = None if listed or not resolution.ordinal or last is None else shown_inline_item(
            self.index.passages, shown, resolution.ordinal, depth=3 if thing else 1,
            unnumbered=last.searched,
            marked=[span for hit in last.answer.hits for span in hit.highlights])
        asked = point_mention(parsed.text) or thing_words
        if listed:  # "第二条呢？" after an answer that showed a list: its second item, not the part's second point
            answer = listed_answer(listed, resolution.ordinal, asked, parsed.text)
        elif inline:
            answer = listed_answer([inline[0]], resolution.ordinal, asked, parsed.text, item=inline[1:])
        elif request is not None and request.ask != "scope":
            answer = replace(self._outline(request, resolution, scope, parsed), resolved=parsed.text)
            if picked:  # the user named no document: say whose part it is
                answer = replace(answer, message=f"《{self.index.documents[picked].title}》{answer.message}")
        else:
            earlier = self.reader.analyse(resolution.carry, documents=scope.documents) if resolution.carry else None
            answer = self.searcher.search(parsed, resolution, earlier, scope)
        if listed or inline:  # an item of a list, not an outline answer: the next ordinal counts the same list
            resolution = replace(resolution, request=None)
        answer = replace(answer, documents=scope.documents)
        if reference.missing and not reference.documents:  # asked of a document that is not here: what is, is nearby at best
            answer = refused(answer)
        hidden = [wording.filtered_out([wording.searched(self.index.documents, scope.hidden)])] if scope.hidden else []
        unloaded = [wording.not_loaded(reference.missing)] if reference.missing else []
        for notice in notices(parsed) + hidden + unloaded:
            answer = replace(answer, message=(notice + " " + answer.message).strip())
        return Turn(parsed.text, answer, resolution)

    def read(self, question: str, turns: Sequence[Turn] = (), documents: Collection[str] = ()) -> Reading | None:
        """The first steps of :meth:`converse` (``None`` for an empty question); benches that rank candidates
        as the assistant does start here."""
        text, truncated = prepare(question)
        if not text:
            return None
        reference = self.reader.reference(text)
        content = naming.without_references(text, reference)
        scope = self._of_era(self._scope(reference.documents, text, turns, documents), content)
        parsed = self.reader.analyse(content, question, truncated, scope.documents)
        return Reading(reference, scope, parsed)

    def _scope(self, named: Sequence[str], text: str, turns: Sequence[Turn], chosen: Collection[str]) -> Scope:
        """The documents a question searches: those it names; else, when it continues the conversation, the
        conversation's (those the last question chose, which stay until another is named, or those of the
        last answer for an elliptical question); else every document the filter allows."""
        last = turns[-1].answer if turns else None
        if last is None:
            return choose(named, chosen, (), False)
        chose = bool(last.documents) and set(last.documents) != set(chosen)
        conversation = last.documents if chose else conversation_documents(turns[-1])
        return choose(named, chosen, conversation, chose or leans_on_context(text))

    def _of_era(self, scope: Scope, content: str) -> Scope:
        """``scope`` with the documents that speak of the years ``content`` (the question without the words
        that name documents) is set in, when it chose no document itself (``query/era.py``)."""
        years = era.years_asked(content)
        if scope.explicit or not years:
            return scope
        searched = scope.documents or tuple(self.index.documents)
        return replace(scope, of_era=era.documents_of(self.reader.eras, years, searched))

    def _asked_documents(self, document: str, scope: Scope) -> list[Document]:
        """The document the conversation or the question is about, else every searched one."""
        names = [document] if document else scope.documents or list(self.index.documents)
        return [self.index.documents[name] for name in names]

    def _outline(self, request: OutlineRequest, resolution: Resolution, scope: Scope, question: Question) -> Answer:
        """From the conversation's (or the named) document; else from each searched document with that part."""
        if resolution.document:
            return self.outline_answer(resolution.document, request, question.raw)
        documents = [d for name, d in self.index.documents.items() if not scope.documents or name in scope.documents]
        return outline_answer(documents, request, question.raw, self.policy.top_k, about=question.text)

    def outline_answer(self, document: str, request: OutlineRequest, question: str = "") -> Answer:
        """The answer to an outline request about one document (also what a click in the web outline shows)."""
        return outline_answer(self.index.documents[document], request, question, self.policy.top_k)

    def neighbours(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passages just before and after ``passage`` in the same document, in reading order."""
        window = self.index.passages[max(0, passage.id - radius) : passage.id + radius + 1]
        return [p for p in window if p.doc == passage.doc]
