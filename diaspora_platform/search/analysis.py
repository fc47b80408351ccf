"""Text analysis for search: the same terms for Tajik, Russian and English text in either
script, so that "Хуҷанд", "Худжанд" and "Khujand" meet, and "школы" finds "школа".

One cached core function, `term`, turns one token into its match term; the Whoosh analyzer
(`analyzer()`) and `match_terms` (used by the PostgreSQL backend) are both built on it, so
the two backends index and query identical terms.

Per token (a run of letters and digits; NFC, case-folded, cut to MAX_TOKEN characters):

1. Stop words are dropped, compared on the phonetic key of the unstemmed word, so a stop
   word is one in either script ("дар"/"dar"). Terms shorter than 2 characters are dropped.
2. Stemming, so that both spellings of one name lose the same ending:
   * Cyrillic: a word with Tajik letters loses the plural -ҳо/-ҳои/-ҳоро ("мактабҳо" ->
     "мактаб"); the Russian Snowball stemmer cuts the ending (it reads a Russian-letter
     copy, so ӯ counts as a vowel, and the cut is applied to the original, so ҷ stays ҷ);
     the stem is transliterated the Tajik way (ҷ -> j, ҳ -> h, before any folding);
   * Latin: the plural -ho/-hoi/-horo is cut ("maktabho"), not after c, g, k (ch, gh, kh);
   * then, for both, English Snowball stemmer and Russian stemmer (through a Cyrillic copy
     of the Latin word) in turn until neither changes the word.
   Each script is stemmed by both stemmers because names belong to neither language: alone,
   the Russian stemmer makes "Равзана" "равза" while the English one keeps "ravzana", and
   the English stemmer makes "Panjakent" "panjak" while the Russian one keeps "панҷакент".
   Stemming in turn to a fixed point makes both spellings end on the same stem (one round
   is not enough: "Умед" -> "umed" -> "ume", but "Umed" -> "ume" -> "um"). The price: some
   English words are cut harder and meet that did not ("data"/"date", "note"/"not").
3. `text.phonetic_key` folds the Latin form: kh/x -> h, q -> k, gh -> g, dzh -> j, y -> i,
   doubled letters, accents.
4. A few Russian (Soviet-era) names of Tajik places are mapped to the Tajik name (EXONYMS:
   Куляб -> Кӯлоб, Согд -> Суғд, Пенджикент -> Панҷакент ...): their vowels differ, so no
   folding can make them meet.

Words in other scripts (Persian, Arabic, ...) are kept as written, without stemming.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Filter, RegexTokenizer, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.lang import stemmer_for_language

from diaspora_platform.search import gazetteer
from diaspora_platform.text import TAJIK_FOLD, search_key, to_latin

__all__ = ["MIN_TERM", "SEGMENT", "STOP_WORDS", "TOKEN_RE", "MatchTermFilter", "analyzer",
           "biwords", "display_fold", "match_terms", "plain_term", "term", "term_spans",
           "vocabulary", "weighted_terms", "word_key"]

MAX_TOKEN = 64  # characters of one token that count; longer runs are cut (hashes, junk)
MIN_TERM = 3  # letters a stem keeps at least (else the whole word is the term)

# Letters and digits, plus combining marks so that a decomposed "й" (и + U+0306) stays
# one token; NFC is applied per token, so offsets still point into the original text.
_COMBINING = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TOKEN_PATTERN = rf"(?:[^\W_]|[{_COMBINING}])+"
_TOKEN = TOKEN_RE = re.compile(TOKEN_PATTERN)
# Between the parts of a combined text (title, keywords, body in one field): a phrase never
# spans it, and each part may carry its own weight.
SEGMENT = "\x1e"
SEGMENT_GAP = 100  # positions skipped at a SEGMENT
SEGMENTED_PATTERN = f"{TOKEN_PATTERN}|{SEGMENT}"  # tokens and the marks between parts
_SEGMENTED = re.compile(SEGMENTED_PATTERN)
_WORD = re.compile(r"[^\W\d_]{3,}")  # a word "did you mean" may offer

STOP_WORDS = frozenset({
    # English
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on",
    "or", "the", "to", "with",
    # Russian
    "а", "в", "во", "для", "до", "за", "и", "из", "или", "к", "как", "ко", "на", "не", "но",
    "о", "об", "от", "по", "при", "с", "со", "у", "что", "это",
    # Tajik
    "аз", "ба", "барои", "бо", "ва", "дар", "ё", "ин", "ки", "он", "то",
})

_russian_stem = stemmer_for_language("ru")
_english_stem = lru_cache(maxsize=50_000)(stemmer_for_language("en"))

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_TAJIK_LETTERS = frozenset("ғӣқӯҳҷ")
_TAJIK_SUFFIXES = ("ҳоро", "ҳои", "ҳо")
_LATIN_TAJIK_SUFFIXES = ("horo", "hoi", "ho")
_DIGRAPH_HEADS = frozenset("cgk")  # ch gh kh: "-ho" there is not a plural
_MIN_STEM = 3  # a suffix is cut only if this many letters are left

# The Russian stemmer's view of a Cyrillic word: Tajik letters as their Russian
# neighbours (one letter for one, so a stem length maps back onto the original).
_RUSSIAN_COPY = {**TAJIK_FOLD, ord("ё"): "е"}
# Letters text.CYRILLIC_TO_LATIN lacks (the Russian ц); without this they would vanish.
_MISSING_LATIN = str.maketrans({"ц": "ts"})

# A Cyrillic copy of a Latin word, one Cyrillic letter per Latin letter or digraph.
_LATIN_UNITS = re.compile(r"shch|zh|kh|ch|sh|ts(?!ya)|gh|yo|yu|ya|ye|.", re.DOTALL)
_LATIN_TO_CYRILLIC = {
    "shch": "щ", "zh": "ж", "kh": "х", "ch": "ч", "sh": "ш", "ts": "ц", "gh": "г",
    "yo": "е", "yu": "ю", "ya": "я", "ye": "е",
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х",
    "z": "з",
}
_CYRILLIC_VOWELS = frozenset("аеиоуыэюя")


def _normal(token: str) -> str:
    return unicodedata.normalize("NFC", token).casefold()[:MAX_TOKEN]


def _key(latin_or_cyrillic: str) -> str:
    return "".join(search_key(latin_or_cyrillic.translate(_MISSING_LATIN)).split())


@lru_cache(maxsize=50_000)
def _russian_cut(word: str) -> int:
    """How many leading letters of a Cyrillic word the Russian stemmer keeps."""
    copy = word.translate(_RUSSIAN_COPY)
    stem = _russian_stem(copy)
    return len(stem) if copy.startswith(stem) else len(word)


def _strip_suffix(word: str, suffixes: tuple[str, ...], heads: frozenset[str] = frozenset()) -> str:
    for suffix in suffixes:
        cut = len(word) - len(suffix)
        if word.endswith(suffix) and cut >= _MIN_STEM and word[cut - 1] not in heads:
            return word[:cut]
    return word


def _russian_cut_latin(word: str) -> str:
    """The Russian stemmer applied to a Latin word through a Cyrillic copy of it."""
    letters: list[str] = []
    ends: list[int] = []
    for unit in _LATIN_UNITS.finditer(word):
        text = unit.group()
        if text == "y":
            vowel = bool(letters) and letters[-1] in _CYRILLIC_VOWELS
            letters.append("й" if vowel else "ы")
        else:
            letters.append(_LATIN_TO_CYRILLIC.get(text, text))
        ends.append(unit.end())
    kept = _russian_cut("".join(letters))
    return word[:ends[kept - 1]] if kept else ""


def _settle(latin: str) -> str:
    """English stemmer, then Russian, until neither changes the word. The order differs
    by script only in the first step; from here both spellings take the same path."""
    for _ in range(6):  # each round shortens the word or stops
        stemmed = _russian_cut_latin(_english_stem(latin))
        if stemmed == latin:
            break
        latin = stemmed
    return latin


def _stem_cyrillic(word: str) -> str:
    """Cyrillic word -> stemmed Latin form (not yet folded)."""
    if _TAJIK_LETTERS.intersection(word):
        word = _strip_suffix(word, _TAJIK_SUFFIXES)
    word = word[:_russian_cut(word)]
    return _settle(to_latin(word.translate(_MISSING_LATIN)))


def _stem_latin(word: str) -> str:
    """Latin word (no accents) -> stemmed Latin form (not yet folded)."""
    return _settle(_strip_suffix(word, _LATIN_TAJIK_SUFFIXES, _DIGRAPH_HEADS))


def _unaccent(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def plain_term(token: str) -> str:
    """The term of one token without the gazetteer, or "" for none (a stop word, one
    letter). A stem is never shorter than MIN_TERM letters: a short name ("Уфа", "Kiev")
    would lose most of itself and meet words it has nothing to do with."""
    token = _normal(token)
    if _key(token) in _STOP_KEYS:
        return ""
    if not any(ch.isalpha() for ch in token):
        return token if len(token) > 1 else ""
    if _CYRILLIC.search(token):
        # Marks NFC leaves on a Cyrillic letter are stress marks: "кафе́" is "кафе".
        token = "".join(ch for ch in token if not unicodedata.combining(ch))
        result = _key(_stem_cyrillic(token))
    else:
        latin = _unaccent(token)
        if not latin.isascii():  # another script: kept as written
            return token if len(token) > 1 else ""
        result = _key(_stem_latin(latin))
    if len(result) < MIN_TERM:
        whole = word_key(token)
        result = whole if len(whole) > len(result) else result
    return result if len(result) > 1 else ""


_STOP_KEYS = frozenset(_key(word) for word in STOP_WORDS)


@lru_cache(maxsize=100_000)
def term(token: str) -> str:
    """The match term of one token as it appears in the text, or "" if it is dropped: a
    place's key for any of its names in the gazetteer, else the token's plain term."""
    found = plain_term(token)
    if not found:
        return ""
    return gazetteer.place_of(word_key(token), found) or found


class MatchTermFilter(Filter):
    """Replaces each token's text by its match term; drops stop words and one-letter
    terms (marks them stopped when ``removestops=False``, as whoosh's StopFilter does) and
    renumbers positions so the kept terms are consecutive. Character offsets are the
    tokenizer's, i.e. into the original text.

    With `boosts`, the text is parts joined by SEGMENT: the terms of part i weigh
    boosts[i] (the last weight goes on), and positions jump by SEGMENT_GAP between parts.
    With `biwords`, each term is followed by the pair of it and the term before it in the
    same part (see `biwords`): phrases are found without positions."""

    # Class defaults also serve filters unpickled from indexes written before these existed.
    boosts: tuple[float, ...] = ()
    biwords: bool = False

    def __init__(self, boosts: tuple[float, ...] = (), biwords: bool = False):
        self.boosts = tuple(boosts)
        self.biwords = biwords

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        pos = previous = None
        part, boosts = 0, self.boosts
        for token in tokens:
            if token.positions:
                if pos is None:
                    pos = token.pos
                token.pos = pos
            if boosts:
                if token.text == SEGMENT:
                    part += 1
                    previous = None
                    if pos is not None:
                        pos += SEGMENT_GAP
                    continue
                token.boost = boosts[min(part, len(boosts) - 1)]
            text = term(token.text)
            if text:
                token.text = text
                token.stopped = False
                if token.positions:
                    pos += 1
                yield token
                if self.biwords:
                    if previous is not None:
                        token.text = f"{previous} {text}"
                        yield token
                    previous = text
            elif not token.removestops:
                token.text = _normal(token.text)
                token.stopped = True
                yield token


def analyzer(boosts: tuple[float, ...] = (), biwords: bool = False) -> CompositeAnalyzer:
    """The Whoosh analyzer: yields exactly `match_terms(text)`, with positions and, when
    asked (``chars=True``), offsets into the original text for highlighting. With
    `boosts`, for text made of parts joined by SEGMENT; with `biwords`, also the pairs of
    neighbouring terms (see MatchTermFilter)."""
    pattern = SEGMENTED_PATTERN if boosts else TOKEN_PATTERN
    return RegexTokenizer(pattern) | MatchTermFilter(boosts, biwords)


def weighted_terms(text: str, boosts: tuple[float, ...] = (), biwords: bool = False
                   ) -> dict[str, list]:
    """What `analyzer(boosts, biwords)` yields for `text`, counted as Whoosh's Frequency
    format counts it: {term: [occurrences, sum of their boosts]}, in order of first
    occurrence. The same terms without a token object per word: a full rebuild analyses
    every document (whoosh_rebuild)."""
    found: dict[str, list] = {}
    boost = float(boosts[0]) if boosts else 1.0
    part, previous = 0, None
    for token in (_SEGMENTED if boosts else _TOKEN).findall(text):
        if token == SEGMENT:
            part += 1
            boost = float(boosts[min(part, len(boosts) - 1)])
            previous = None
            continue
        found_term = term(token)
        if not found_term:
            continue
        for key in ((found_term, f"{previous} {found_term}")
                    if biwords and previous is not None else (found_term,)):
            counted = found.get(key)
            if counted is None:
                found[key] = [1, boost]
            else:
                counted[0] += 1
                counted[1] += boost
        previous = found_term
    return found


def biwords(terms: list[str]) -> list[str]:
    """The pairs of neighbouring terms of a phrase, as the analyzer indexes them with
    ``biwords=True``: a document has a phrase of two terms if it has their pair, and a
    longer one (nearly always) if it has all its pairs."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]


def term_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of each kept token of `text`, lazily, in text order: what the
    analyzer yields with ``chars=True``, without Whoosh's token machinery."""
    for match in _TOKEN.finditer(text):
        found = term(match.group())
        if found:
            yield match.start(), match.end(), found


def match_terms(text: str | None) -> list[str]:
    """The terms to index or to search for, in text order, repeats kept (a term's index in
    the list is its position, for phrases)."""
    if not text:
        return []
    return [t for t in map(term, _TOKEN.findall(text)) if t]


def display_fold(text: str | None) -> str:
    """Lower-cased text with Tajik letters folded to Russian ones (ӣ->и, ӯ->у, ҳ->х, қ->к,
    ғ->г, ҷ->ч), for highlighting and "did you mean". Unlike text.fold_tajik, spacing and
    punctuation are kept, so it lines up with the (NFC) original."""
    return unicodedata.normalize("NFC", text or "").lower().translate(TAJIK_FOLD)


@lru_cache(maxsize=100_000)
def word_key(token: str) -> str:
    """The spelling key of a whole word, unstemmed ("Samarqant" -> "samarkant"): what
    "did you mean" compares, so that a typo is measured on what was typed, not on a stem
    that may have lost more letters."""
    token = _normal(token)
    if _CYRILLIC.search(token):
        token = "".join(ch for ch in token if not unicodedata.combining(ch))
        return _key(to_latin(token.translate(_MISSING_LATIN)))
    latin = _unaccent(token)
    return _key(latin) if latin.isascii() else token


def vocabulary(*texts: str) -> dict[str, str]:
    """The words "did you mean" may offer from `texts`: {word_key: the word as written,
    lower-cased}, for words of letters only, three or more of them, that are no stop word."""
    found: dict[str, str] = {}
    words = (word for text in texts
             for word in _WORD.findall(unicodedata.normalize("NFC", text or "").lower()))
    for word in dict.fromkeys(words):  # each word once: texts repeat names
        key = word_key(word)
        if key not in found and term(word):
            found[key] = word
    return found
