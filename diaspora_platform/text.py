"""Text helpers shared by every domain: Tajik/Russian folding and transliteration for
matching, and sanitised Markdown for user-written descriptions."""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import nh3
from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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




@dataclass(frozen=True)
class SpellingRule:
    """One way Tajik, Russian and Latin spellings of a sound differ, for search matching:
    `spelled` in the Latin form (after to_latin) becomes `becomes`, anywhere in a word or
    only at its `start`. `meet` lists spellings the rule makes equal (its test)."""

    spelled: str
    becomes: str
    meet: tuple[str, ...]
    where: str = "any"  # "any" or "start"


# The spelling model of search, in the order the rules apply (a longer spelling before the
# shorter one inside it). Tajik letters are transliterated first (ҷ->j, ҳ->h, қ->q, ғ->gh,
# ӯ->u, ӣ->i), Russian ones too (ч->ch, х->kh, ё->yo, я->ya, дж->dzh).
SPELLING_RULES = (
    SpellingRule("shch", "sh", ("Щукин", "Shchukin", "Shukin")),
    SpellingRule("dzh", "j", ("Ҷамшед", "Джамшед", "Dzhamshed", "Jamshed")),
    SpellingRule("dj", "j", ("Ҷамшед", "Djamshed")),
    # Keyboards in Russia have no ҷ: people type ч, and Latin writers ch.
    SpellingRule("ch", "j", ("Хуҷанд", "Хучанд", "Khuchand", "Khujand")),
    SpellingRule("ye", "e", ("Ереван", "Yerevan", "Erevan"), where="start"),
    SpellingRule("yo", "e", ("Ёлка", "Елка", "Yolka", "Elka")),
    SpellingRule("kh", "h", ("Ҳисор", "Хисор", "Khisor", "Hisor")),
    SpellingRule("x", "h", ("Хуҷанд", "Xujand")),
    SpellingRule("gh", "g", ("Ғарм", "Гарм", "Gharm", "Garm")),
    SpellingRule("q", "k", ("Қурбон", "Курбон", "Qurbon", "Kurbon")),
    SpellingRule("yu", "u", ("Юсуф", "Yusuf", "Usuf")),
    SpellingRule("ya", "a", ("Якуб", "Yakub", "Akub")),
    SpellingRule("iy", "i", ("Дарий", "Dariy", "Dari")),
    SpellingRule("y", "i", ("Ҳамдилӣ", "Hamdily", "Hamdili")),
    SpellingRule("w", "v", ("Warszawa", "Varszava")),
    SpellingRule("ts", "s", ("Цирк", "Tsirk", "Sirk")),
    SpellingRule("c", "k", ("Кобул", "Cobul", "Kobul")),
    # Tajik ӯ/у, ӣ/и and Latin u, i need no rule: transliteration gives one letter.
    SpellingRule("ӯ", "u", ("Кӯлоб", "Кулоб", "Kulob")),
    SpellingRule("ӣ", "i", ("Сомонӣ", "Сомони", "Somoni")),
)


def _spell(word: str) -> str:
    for rule in SPELLING_RULES:
        if rule.where == "start":
            if word.startswith(rule.spelled):
                word = rule.becomes + word[len(rule.spelled):]
        else:
            word = word.replace(rule.spelled, rule.becomes)
    return word


def search_key(value: str) -> str:
    """The spelling key search matches on: equal for the Tajik, Russian and Latin
    spellings of one word ("Хуҷанд", "Хучанд", "Худжанд", "Khujand"), by SPELLING_RULES."""
    latin = to_latin(value)
    latin = "".join(ch for ch in unicodedata.normalize("NFKD", latin)
                    if not unicodedata.combining(ch))
    words = (_spell(word) for word in re.sub(r"[^a-z0-9]+", " ", latin).split())
    return " ".join(re.sub(r"(.)\1+", r"\1", word) for word in words)


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
    from markdown_it import MarkdownIt  # local: not every page renders Markdown

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
