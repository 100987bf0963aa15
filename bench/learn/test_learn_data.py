"""The learning data and the saved probe stay what the README says (run: pytest -q bench/learn)."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from functools import lru_cache

import numpy as np

from bench.learn.domain_probe import MODEL, DomainProbe, load
from bench.learn.package import REPO, SHARED, encode, read_jsonl
from bench.learn.templates import sentence_question, topic_of


def test_topic_strips_outline_markers_and_tails() -> None:
    assert topic_of("（三）加强雾霾治理。") == "加强雾霾治理"
    assert topic_of("一是在区间调控基础上实施定向调控，保持经济稳定增长。") == "在区间调控基础上实施定向调控"
    assert topic_of("——形成强大国内市场") == "形成强大国内市场"


def test_a_stated_figure_becomes_a_question_for_it() -> None:
    made = sentence_question("全年国内生产总值达到63.6万亿元。", random.Random(0))
    assert made is not None and made.question == "全年国内生产总值达到多少？" and made.how == "figure-question"


def test_everyday_folds_hold_whole_categories_and_the_language_mix() -> None:
    rows = read_jsonl(REPO / "data" / "everyday" / "questions.jsonl")
    assert len(rows) >= 400 and len({r["question"] for r in rows}) == len(rows)
    assert all(len({r["fold"] for r in rows if r["category"] == c}) == 1 for c in {r["category"] for r in rows})
    share = Counter(r["lang"] for r in rows)
    assert 0.5 < share["zh"] / len(rows) < 0.7 and share["zh-Hant"] >= 80 and share["en"] >= 80


def test_saved_probe_matches_its_training_files_and_separates_real_questions() -> None:
    probe = load()
    assert isinstance(probe, DomainProbe) and sum(probe.dims) == probe.coef.shape[0]
    for name, digest in probe.training.items():
        if name.startswith("data/"):
            assert hashlib.sha256((REPO / name).read_bytes()).hexdigest() == digest, f"{name} changed: retrain {MODEL.name}"
    texts = ["关于深化财税体制改革是怎么说的？", "周末去哪里露营比较好？"]
    vectors = {e: encode(e, texts) for e in probe.encoders}
    policy, everyday = (probe.probability({e: vectors[e][i] for e in probe.encoders}) for i in range(2))
    assert policy > probe.threshold > everyday
    assert np.isclose(probe.probability({e: vectors[e][0] for e in probe.encoders}), policy)


@lru_cache(maxsize=None)
def _text_of(name: str) -> str:
    """A document's text as the data sets cite it: the speech from shared/corpus, a report from shared/library."""
    return (SHARED / ("corpus" if name == "speech.txt" else "library") / name).read_text(encoding="utf-8")


def test_scoped_near_topic_rows_are_absent_where_labelled_so() -> None:
    rows = read_jsonl(REPO / "data" / "near_topic" / "scoped.jsonl")
    hows = Counter(r["how"] for r in rows)
    assert set(hows) == {"scoped-absent", "scoped-present", "figure-absent", "figure-present"} and min(hows.values()) >= 150
    assert all(r["answerable"] == r["how"].endswith("present") for r in rows)
    for row in rows:
        name = row["asked_of"]
        if row["how"] == "scoped-absent":
            assert not any(w in _text_of(name) for w in row["words"]), row["id"]
        elif row["how"] == "scoped-present":
            assert row["source_doc"] == name


def test_english_questions_cite_their_documents_verbatim() -> None:
    """data/english: hand-written English questions, each with evidence copied from the one document it asks about."""
    rows = read_jsonl(REPO / "data" / "english" / "questions.jsonl")
    assert len(rows) == 70 and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert all(any(e in _text_of(row["doc"]) for e in item) for item in row["evidence"]), row["id"]
        assert not any("\u4e00" <= c <= "\u9fff" for c in row["question"]), row["id"]
    assert Counter(r["names_document"] for r in rows) == {True: 35, False: 35}


def test_colloquial_questions_cite_their_documents_verbatim() -> None:
    """data/colloquial: everyday-worded Chinese questions written by hand, 30 per document, each with evidence copied
    from the one document it asks about, half naming it."""
    rows = read_jsonl(REPO / "data" / "colloquial" / "questions.jsonl")
    assert len(rows) == 300 and len({r["id"] for r in rows}) == len(rows)
    assert set(Counter(r["doc"] for r in rows).values()) == {30}
    for row in rows:
        assert any(e in _text_of(row["doc"]) for e in row["evidence"]), row["id"]
    assert Counter(r["names_document"] for r in rows) == {True: 150, False: 150}
