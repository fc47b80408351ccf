"""Markdown as plain words: what search indexes and shows as snippets."""

from diaspora_platform.text import markdown_text


def test_markdown_marks_are_dropped_and_words_kept():
    source = "Tajiks in **France**: _Navruz_ &amp; music\n\n- one\n- [two](https://x.example)"
    assert markdown_text(source) == "Tajiks in France: Navruz & music one two"
    assert markdown_text(None) == ""


def test_snippets_show_words_not_markdown(client, make_org):
    make_org(name="Ravzana", description="Cultural association of Tajiks in **France**.")
    page = client.get("/search?q=France").get_data(as_text=True)
    assert "**" not in page and "France" in page
