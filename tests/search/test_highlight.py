"""Snippets: the words that matched, marked in the text as it was written."""

from diaspora_platform.search.analysis import match_terms
from diaspora_platform.search.highlight import highlight


def terms(text):
    return set(match_terms(text))


def test_the_original_spelling_is_marked_in_either_script():
    html = str(highlight("Маркази Хуҷанд — friends of Khujand.", terms("Худжанд")))
    assert html == "Маркази <mark>Хуҷанд</mark> — friends of <mark>Khujand</mark>."


def test_a_long_text_shows_the_part_around_the_first_match():
    text = "Word " * 200 + "Navruz party. " + "Word " * 200
    html = str(highlight(text, terms("navruz"), maxchars=100))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Navruz</mark> party." in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 102


def test_text_is_escaped_and_the_start_shown_when_nothing_matches():
    assert str(highlight("<b>Ravzana</b> & co", terms("Paris"))) == (
        "&lt;b&gt;Ravzana&lt;/b&gt; &amp; co")
    assert str(highlight("<b>Ravzana</b>", terms("ravzana"))) == (
        "&lt;b&gt;<mark>Ravzana</mark>&lt;/b&gt;")
