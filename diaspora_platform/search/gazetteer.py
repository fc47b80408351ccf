"""The gazetteer: every name of a place meets its other names in search ("Moscow",
"Москва", "Маскав"; "Khujand", "Хуҷанд", "Худжанд", "Ходжент"). Built into
gazetteer.tsv by scripts/build_gazetteer.py (see there for the sources and how to refresh
it); each row maps a name's spelling key, and its stem for inflected forms ("Москве"), to
its place's key. A name claimed by an earlier row stays with that place."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("gazetteer.tsv")
MIN_STEM = 4  # shorter stems are too likely to be another word's ("par", "rim")


def _load() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    stems: dict[str, str] = {}
    if not PATH.exists():  # while scripts/build_gazetteer.py builds it
        return names, stems
    with PATH.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            place, key, stem, _name = line.rstrip("\n").split("\t")
            names.setdefault(key, place)
            if len(stem) >= MIN_STEM:
                stems.setdefault(stem, place)
    return names, stems


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Names, stems and sorted name keys, read at first use rather than at start-up."""
    names, stems = _load()
    return names, stems, sorted(names)


def __getattr__(name: str):
    if name in ("NAMES", "STEMS"):
        return _tables()[0 if name == "NAMES" else 1]
    raise AttributeError(name)


def place_of(key: str, stem: str) -> str | None:
    """The place key of a word, by its spelling key or (inflected) its stem."""
    names, stems, _sorted = _tables()
    found = names.get(key)
    if found is None and len(stem) >= MIN_STEM:
        found = stems.get(stem)
    return found


def places_starting(prefix: str, limit: int) -> list[str]:
    """Places with a name whose key starts with `prefix` ("mosk" -> Moscow), `limit` at
    most, in order of the names' keys."""
    names, _stems, ordered = _tables()
    found: dict[str, None] = {}
    for key in ordered[bisect_left(ordered, prefix):]:
        if not key.startswith(prefix) or len(found) >= limit:
            break
        found.setdefault(names[key])
    return list(found)
