"""Alphabetical order in the reader's language (ICU collation).

ICU has no Tajik tailoring: its root order files Ӣ under И, Ӯ under У and Ё under Е. The
Tajik alphabet (а б в г ғ д е ё ж з и ӣ й к қ л м н о п р с т у ӯ ф х ҳ ч ҷ ш ъ э ю я)
makes each of them a letter of its own, so Tajik gets the rules below. Cyrillic sorts
before Latin for Tajik and Russian readers, Latin first for English ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import icu

T = TypeVar("T")

TAJIK_RULES = ("[reorder Cyrl Latn]"
               "&г<ғ<<<Ғ &е<ё<<<Ё &и<ӣ<<<Ӣ &к<қ<<<Қ &у<ӯ<<<Ӯ &х<ҳ<<<Ҳ &ч<ҷ<<<Ҷ")
RUSSIAN_RULES = "[reorder Cyrl Latn]"


@cache
def collator(lang: str) -> icu.Collator:
    if lang == "tg":
        return icu.RuleBasedCollator(TAJIK_RULES)
    if lang == "ru":
        return icu.RuleBasedCollator(RUSSIAN_RULES)
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str | None, lang: str) -> bytes:
    """A key that orders strings as a dictionary of `lang` does."""
    return collator(lang).getSortKey(text or "")


def sorted_by(items: Iterable[T], name: Callable[[T], str], lang: str) -> list[T]:
    """Items in the alphabetical order of the name each shows in `lang`."""
    coll = collator(lang)
    return sorted(items, key=lambda item: coll.getSortKey(name(item) or ""))
