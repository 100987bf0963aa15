"""Near-topic signals read the searched scope: a question's distinctive words (rare in general Chinese)
missing from the scope or from the best passages, and a figure asked for that is not written near the topic."""

from __future__ import annotations

from pathlib import Path

from assistant.search import distinctive
from assistant.tokens import tokens

SPEECH = (Path(__file__).resolve().parents[2] / "corpus" / "speech.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p for p in SPEECH.splitlines() if len(p) > 40]


def _signals(question: str, best: list[str]) -> dict[str, float]:
    words = [t for t in tokens(question) if not t.isascii()]
    return distinctive.signals(words, SPEECH.__contains__, best, question)


def _holding(word: str) -> list[str]:
    return [p for p in PARAGRAPHS if word in p][:3]


def test_a_topic_the_speech_treats_is_covered_in_its_best_passages():
    found = _signals("营商环境要怎么优化？", _holding("营商环境"))
    assert found["distinct_known"] > 0.9 and found["rarest_known"] == 1.0 and found["rarest_in_best"] == 1.0


def test_a_policy_topic_the_speech_never_mentions_is_not_covered():
    found = _signals("集成电路产业怎么发展？", _holding("营商环境"))
    assert found["rarest_known"] == 0.0 and found["rarest_in_best"] == 0.0 and found["distinct_known"] < 0.5
    assert found["best_cover"] < 0.5


def test_common_words_alone_count_as_covered():
    assert _signals("要做什么工作？", PARAGRAPHS[:1])["distinct_known"] == 1.0


def test_a_figure_asked_for_must_be_written_near_the_topic():
    with_figure = "营商环境排名提高到第12位。"
    assert _signals("营商环境排名是多少？", [with_figure])["type_far"] == 0.0
    assert _signals("营商环境排名是多少？", ["营商环境要优化。另有投资增长12%。"])["type_far"] == 1.0
    assert _signals("营商环境要怎么优化？", ["营商环境要优化。"])["type_far"] == 0.0
