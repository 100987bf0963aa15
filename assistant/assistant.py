"""``Assistant``: loads the encoders and the index once, and answers questions. Wiring only:
read (``query``) → resolve against the conversation (``query``) → outline answer or search (``search``) → notices."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Collection, Sequence

from .encoders import Encoder
from .index.load import open_index
from .index.search_index import SearchIndex
from .policy import DEFAULT_POLICY, Policy
from .query.conversation import Turn, resolve
from .query.outline import OutlineRequest
from .query.question import limit_history
from .query.reader import Reader, notices
from .records import Answer, Passage
from .search.outline import outline_answer
from .search.scope import document_for
from .search.searcher import Searcher
from .settings import Settings, load_encoders

EMPTY_QUESTION = "请输入一个问题，例如：讲话对招商队伍有什么要求？"


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
        self.searcher = searcher or Searcher(index, [e for e in self.encoders if e.model_id in index.dense], policy)

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
    ) -> Assistant:
        """The assistant over ``settings``' corpus, its index loaded, or (re)built first when stale or ``force``.

        ``encoders``: already loaded ones (a long-running app reloads the index with the same models).
        ``staged``: return once the index is searchable; the other encoders' vectors follow (``index.pending``)."""
        settings = settings or Settings()
        encoders = list(encoders) if encoders is not None else load_encoders(settings)
        return cls(open_index(settings.corpus, settings.index, encoders, report, progress, force=force, staged=staged), encoders, policy)

    @property
    def stage(self) -> str:
        """Which stage the index is in (searchable, or complete), one line for the status panel."""
        return self.index.stage

    def with_policy(self, policy: Policy) -> Assistant:
        """The same index, encoders and caches under another policy (benches and tests vary it this way)."""
        return Assistant(self.index, self.encoders, policy, self.reader, self.searcher.with_policy(policy))

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer ``question`` after the earlier questions ``history`` (oldest first), as the batch contract has it."""
        turns: list[Turn] = []
        for earlier in limit_history(history):
            turns.append(self.converse(earlier, turns))
        return self.converse(question, turns).answer

    def converse(self, question: str, turns: Sequence[Turn] = (), documents: Collection[str] = ()) -> Turn:
        """Answer one question of a conversation; the returned turn goes on the conversation's list.

        ``documents`` limits the answer to those files of the corpus (all of them when empty)."""
        parsed = self.reader.read(question)
        if parsed is None:
            return Turn("", Answer(question, (), False, mode="empty", message=EMPTY_QUESTION))
        resolution = resolve(parsed.text, turns)
        if documents and resolution.document not in documents:
            resolution = replace(resolution, document=next(iter(documents)))
        request = resolution.request
        if request is not None and request.ask != "scope":
            answer = replace(self.outline_answer(document_for(self.index, resolution).name, request, parsed.raw), resolved=parsed.text)
        else:
            earlier = self.reader.analyse(resolution.carry) if resolution.carry else None
            answer = self.searcher.search(parsed, resolution, earlier, documents)
        for notice in notices(parsed):
            answer = replace(answer, message=(notice + " " + answer.message).strip())
        return Turn(parsed.text, answer, request)

    def outline_answer(self, document: str, request: OutlineRequest, question: str = "") -> Answer:
        """The answer to an outline request about one document (also what a click in the web outline shows)."""
        return outline_answer(self.index.documents[document], request, question, self.policy.top_k)

    def neighbours(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passages just before and after ``passage`` in the same document, in reading order."""
        window = self.index.passages[max(0, passage.id - radius) : passage.id + radius + 1]
        return [p for p in window if p.doc == passage.doc]
