"""One walk over highlight spans serves the terminal text and the HTML cards alike."""

from __future__ import annotations

from assistant.records import Hit, Passage, Span
from assistant.render.html import marked_html
from assistant.render.spans import segments
from assistant.render.text import marked_text

DOCUMENT = "前言。招商要精准。队伍要专业。<b>结尾</b>。"
PASSAGE = Passage(0, "a.txt", "paragraph", DOCUMENT[3:], 3, len(DOCUMENT))


def hit(*spans: tuple[int, int]) -> Hit:
    return Hit(PASSAGE, 0.9, tuple(Span(a, b) for a, b in spans))


def test_segments_cover_the_passage_exactly_once():
    pieces = list(segments(hit((3, 9), (9, 15)), DOCUMENT))
    assert "".join(text for text, _ in pieces) == PASSAGE.text
    assert [text for text, marked in pieces if marked] == ["招商要精准。", "队伍要专业。"]


def test_spans_outside_the_passage_or_overlapping_are_skipped():
    pieces = list(segments(hit((0, 3), (3, 9), (5, 12)), DOCUMENT))
    assert [text for text, marked in pieces if marked] == ["招商要精准。"]
    assert "".join(text for text, _ in pieces) == PASSAGE.text


def test_text_and_html_mark_the_same_sentences():
    shown = hit((9, 15))
    assert marked_text(shown, DOCUMENT) == "招商要精准。【队伍要专业。】<b>结尾</b>。"
    html = marked_html(shown, DOCUMENT)
    assert '<mark class="qa-hl">队伍要专业。</mark>' in html and "&lt;b&gt;" in html and "<b>" not in html
