"""The platform's own pages (about, privacy, terms, accessibility): one Markdown text per
language in templates/main/pages/<name>.<language>.md, written by us, not by members."""

from __future__ import annotations

from functools import cache

from markupsafe import Markup

from diaspora_platform.config import ROOT
from diaspora_platform.text import render_markdown

PAGES = ("about", "privacy", "terms", "accessibility")
FOLDER = ROOT / "templates" / "main" / "pages"


@cache
def page_html(name: str, lang: str) -> Markup:
    """The page in `lang` (every page exists in tg, ru and en: tests check it)."""
    return render_markdown((FOLDER / f"{name}.{lang}.md").read_text(encoding="utf-8"))
