"""A word the searched documents lack counts as a missing *policy term* by how much more often the library's
reports write it than general Chinese does: a policy topic the speech never treats scores high, an everyday
topic (a paraphrase's or an off-topic question's words) scores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.search.policy_terms import missing_term, policy_terms, read_terms
from assistant.tokens import tokens

SPEECH = (Path(__file__).resolve().parents[2] / "corpus" / "speech.txt").read_text(encoding="utf-8")


def _missing(question: str) -> float:
    return missing_term(tokens(question), SPEECH.__contains__)


def test_a_policy_topic_the_speech_never_mentions_is_a_missing_term():
    assert "碳达峰" not in SPEECH
    assert _missing("碳达峰的目标定在哪一年？") > 3.0


def test_everyday_words_the_speech_lacks_are_not_policy_terms():
    assert _missing("孩子总是挑食怎么办？") == 0.0
    assert _missing("红烧肉怎么炖才好吃？") == 0.0


def test_words_the_speech_holds_are_not_missing():
    assert _missing("营商环境要怎么优化？") == 0.0


def test_the_shipped_table_is_counted_from_many_reports():
    terms = policy_terms()
    assert terms.total > 100_000 and len(terms.counts) > 5_000
    assert terms.keyness("改革") > 0.0 and terms.keyness("红烧肉") == 0.0


@pytest.mark.parametrize("text", ["", "发展\t65\t7899\n", "# reports=66 tokens=10\n发展\t65\n", "# reports=66 tokens=10\n发展\t65\tx\n"])
def test_a_broken_table_is_an_error_naming_the_file(text: str):
    with pytest.raises(ValueError, match="policy_terms.tsv"):
        read_terms(text)
