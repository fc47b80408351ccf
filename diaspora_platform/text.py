"""Text helpers shared by every domain: Tajik/Russian folding and transliteration for
matching, and sanitised Markdown for user-written descriptions."""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Cyrillic (Tajik and Russian) to Latin, as Tajik and Russian names are usually written
# in Latin letters: Хуҷанд -> Khujand, Суғд -> Sughd, Раҳмон -> Rahmon, Душанбе -> Dushanbe.
CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "ӣ": "i", "й": "y", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ӯ": "u", "ф": "f", "х": "kh", "ҳ": "h", "ч": "ch", "ҷ": "j", "ш": "sh", "щ": "shch",
    "ц": "ts", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Tajik letters folded to their nearest Russian letters, for matching only.
TAJIK_FOLD = str.maketrans({"ӣ": "и", "ӯ": "у", "ҳ": "х", "қ": "к", "ғ": "г", "ҷ": "ч"})

# Spelling variants that mean the same sound, applied to the Latin form (order matters).
_LATIN_VARIANTS = (
    ("dzh", "j"), ("shch", "sh"), ("kh", "h"), ("x", "h"), ("gh", "g"), ("q", "k"),
    ("yo", "e"), ("yu", "u"), ("ya", "a"), ("iy", "i"), ("y", "i"), ("w", "v"), ("ts", "s"),
    ("c", "k"),
)


def normalise(value: str) -> str:
    """NFC, lower-case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", value or "").casefold().split())


def fold_tajik(value: str) -> str:
    return normalise(value).translate(TAJIK_FOLD)


def to_latin(value: str) -> str:
    """Transliterate Cyrillic letters to Latin; other characters are kept."""
    return "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in normalise(value))


def phonetic_key(value: str) -> str:
    """A loose key that is equal for spellings of one name in either script:
    'Ravzana' and 'Равзана', 'Khujand' and 'Хуҷанд' and 'Худжанд'."""
    latin = to_latin(value)
    latin = "".join(ch for ch in unicodedata.normalize("NFKD", latin)
                    if not unicodedata.combining(ch))
    latin = re.sub(r"[^a-z0-9]+", " ", latin)
    for old, new in _LATIN_VARIANTS:
        latin = latin.replace(old, new)
    latin = re.sub(r"(.)\1+", r"\1", latin)  # doubled letters
    return " ".join(latin.split())


_ALLOWED_TAGS = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol",
                 "li", "a", "h2", "h3", "h4"}


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def render_markdown(source: str | None) -> Markup:
    """Markdown to HTML, sanitised: no raw HTML, no images, safe links only."""
    html = _markdown().render(source or "")
    # Headings start at h2: the page title is the only h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    clean = nh3.clean(
        html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"}, link_rel="nofollow noopener ugc",
    )
    return Markup(clean)


def markdown_text(source: str | None) -> str:
    """The words of Markdown without its marks ("**France**" → "France"): for search
    snippets and other plain-text uses."""
    html = _markdown().render(source or "")
    text = nh3.clean(re.sub(r"</(p|li|h\d|blockquote|pre)>", " ", html), tags=set())
    return " ".join(html_lib.unescape(text).split())
