"""Fail when the tg or ru catalogue translates a glossary term a second way: a message
whose English contains a term of translations/GLOSSARY.md uses a form the glossary rules
out ("never"). Prints each such message."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("tg", "ru")


@dataclass(frozen=True)
class Term:
    english: tuple[str, ...]  # empty: every message
    never: dict[str, tuple[str, ...]]

    def applies_to(self, msgid: str) -> bool:
        return not self.english or any(
            re.search(rf"\b{re.escape(word)}\b", msgid, re.IGNORECASE) for word in self.english)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _forms(cell: str, sep: str) -> tuple[str, ...]:
    return tuple(form.strip() for form in cell.split(sep) if form.strip())


def read_glossary(path: Path = ROOT / "translations" / "GLOSSARY.md") -> list[Term]:
    rows = [_cells(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")]
    terms = []
    for cells in rows[2:]:  # after the header and its rule
        english, _tg, _ru, never_tg, never_ru = cells
        terms.append(Term(() if english == "*" else _forms(english, "/"),
                          {"tg": _forms(never_tg, ","), "ru": _forms(never_ru, ",")}))
    return terms


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def conflicts(terms: list[Term], lang: str, catalogue) -> list[str]:
    """One line per message that uses a form the glossary rules out."""
    found, seen = [], set()
    for message in catalogue:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else " ".join(message.id)
        text = " ".join(_strings(message)).casefold()
        for term in terms:
            if not term.applies_to(msgid):
                continue
            for wrong in term.never[lang]:
                if (msgid, wrong) not in seen and re.search(
                        rf"(?<!\w){re.escape(wrong.casefold())}", text):
                    seen.add((msgid, wrong))
                    label = "/".join(term.english) or "*"
                    found.append(f"{lang}: “{wrong}” for “{label}” in {msgid!r}")
    return found


def main() -> int:
    terms = read_glossary()
    problems = []
    for lang in LANGS:
        with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            problems += conflicts(terms, lang, read_po(fh))
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} glossary conflicts (see translations/GLOSSARY.md).")
        return 1
    print(f"Glossary followed: {len(terms)} terms in tg and ru.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
