"""Matching projects and experts, with the reasons shown.

The score (0-100) is a sum of five parts, each explained by a reason:

=============  ======  =======================================================================
part           points  how
=============  ======  =======================================================================
skills         60      60 x needed skills the expert offers // needed skills
sector         10      the project's sector is one of the expert's sectors
languages      15      15 if the expert speaks every working language of the project, 8 if
                       some; the default working languages are Tajik and Russian
availability   10      min(10, 10 x hours the expert offers // hours one expert is needed
                       for); 10 when the project gives no hours and the expert offers some
mode           5       the expert can work the way the project needs (remote, on site in
                       Tajikistan, or either); 0 and a warning otherwise
=============  ======  =======================================================================

Every part is a whole number (floor division), so the same score can be computed in SQL
exactly (match_queries.score_sql, checked against this function by the tests) and
thousands of candidates ranked by the database. A match scores at least 1.

Nobody with no needed skill is suggested, except for a project that lists no skills, where a
shared sector is enough. `score` is pure (plain values in, plain values out) so it is tested
on a table of cases. Ties are broken by more matched skills, then more hours, then the
lower id, so a list never shuffles between two page views.

Reasons are kept as (code, values) so they are translated when shown, in the reader's
language (or the email recipient's), not when computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import ngettext

from diaspora_platform.i18n import _, current_language, language_name
from diaspora_platform.projects.vocabulary import sector_label, skill_label

SKILL_POINTS = 60
SECTOR_POINTS = 10
LANGUAGE_POINTS = 15
SOME_LANGUAGE_POINTS = 8
AVAILABILITY_POINTS = 10
MODE_POINTS = 5
DEFAULT_LANGUAGES = ("tg", "ru")
MODES = ("remote", "onsite", "both")


@dataclass(frozen=True)
class Needs:
    """What a project asks for, as plain values."""

    skills: tuple[str, ...] = ()
    sector: str | None = None
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    hours: int | None = None  # hours a month one expert is needed for, if known
    mode: str = "both"  # "remote", "onsite" or "both" (either will do)


@dataclass(frozen=True)
class Offered:
    """What an expert offers, as plain values."""

    skills: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    hours: int = 0
    mode: str = "remote"


@dataclass(frozen=True)
class Reason:
    """One line of explanation: a code and its values, rendered in the reader's language."""

    code: str
    values: tuple = ()
    positive: bool = True

    def __str__(self) -> str:
        return _RENDER[self.code](*self.values)


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    matched_skills: tuple[str, ...] = ()

    @property
    def is_match(self) -> bool:
        return self.score > 0

    @property
    def summary(self) -> str:
        """The reasons as one sentence-like line."""
        return "; ".join(str(r) for r in self.reasons)


NO_MATCH = Match(0)


def _mode_fits(needed: str, offered: str) -> bool:
    return needed == "both" or offered == "both" or needed == offered


def score(needs: Needs, offered: Offered) -> Match:
    """Score one expert for one project (0-100) and say why; see the module docstring."""
    matched = tuple(s for s in needs.skills if s in offered.skills)
    sector_fits = bool(needs.sector) and needs.sector in offered.sectors
    if needs.skills and not matched:
        return NO_MATCH
    if not needs.skills and not sector_fits:
        return NO_MATCH
    points = 0
    reasons: list[Reason] = []
    if needs.skills:
        points += SKILL_POINTS * len(matched) // len(needs.skills)
        reasons.append(Reason("skills", (len(matched), len(needs.skills), matched)))
    if sector_fits:
        points += SECTOR_POINTS
        reasons.append(Reason("sector", (needs.sector,)))
    spoken = tuple(lang for lang in needs.languages if lang in offered.languages)
    if spoken:
        full = len(spoken) == len(needs.languages)
        points += LANGUAGE_POINTS if full else SOME_LANGUAGE_POINTS
        reasons.append(Reason("languages", (spoken,)))
    elif needs.languages:
        reasons.append(Reason("no_language", (tuple(needs.languages),), positive=False))
    if offered.hours > 0:
        enough = not needs.hours or offered.hours >= needs.hours
        points += AVAILABILITY_POINTS if enough else \
            AVAILABILITY_POINTS * offered.hours // needs.hours
        reasons.append(Reason("hours", (offered.hours,)) if enough
                       else Reason("hours_short", (offered.hours, needs.hours), positive=False))
    if _mode_fits(needs.mode, offered.mode):
        points += MODE_POINTS
        if needs.mode != "both":
            reasons.append(Reason("mode", (needs.mode,)))
    else:
        reasons.append(Reason("mode_mismatch", (offered.mode,), positive=False))
    return Match(max(1, points), tuple(reasons), matched)


def rank(needs: Needs, candidates: Iterable[tuple[object, Offered]], limit: int):
    """[(key, Match)] of the best `limit` candidates: by score, then more matched skills,
    then more hours, then key (stable, so pages do not shuffle)."""
    scored = []
    for key, offered in candidates:
        match = score(needs, offered)
        if match.is_match:
            scored.append((key, match, offered.hours))
    scored.sort(key=lambda row: (-row[1].score, -len(row[1].matched_skills), -row[2], row[0]))
    return [(key, match) for key, match, _hours in scored[:limit]]


# --- wording ---------------------------------------------------------------------------


def _language(code: str) -> str:
    """Mid-sentence language name: "Tajik" in English, "таджикский" in Russian."""
    name = language_name(code)
    return name if current_language() == "en" else name.lower()


def _names(codes, name) -> str:
    names = [name(code) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    return _("%(list)s and %(last)s", list=", ".join(names[:-1]), last=names[-1])


def _skills_text(found: int, needed: int, keys) -> str:
    return ngettext("%(found)d of %(num)d needed skill: %(skills)s",
                    "%(found)d of %(num)d needed skills: %(skills)s", needed,
                    found=found, skills=", ".join(skill_label(k) for k in keys))


_MODE_TEXT = {
    "remote": lambda: _("can work remotely"),
    "onsite": lambda: _("can work on site in Tajikistan"),
}
_MODE_ONLY_TEXT = {
    "remote": lambda: _("works remotely only"),
    "onsite": lambda: _("works on site only"),
    "both": lambda: _("works remotely or on site"),
}

_RENDER = {
    "skills": _skills_text,
    "sector": lambda key: _("sector: %(sector)s", sector=sector_label(key)),
    "languages": lambda codes: _("speaks %(languages)s",
                                 languages=_names(codes, _language)),
    "no_language": lambda codes: _("does not speak %(languages)s",
                                   languages=_names(codes, _language)),
    "hours": lambda hours: _("%(hours)d h/month", hours=hours),
    "hours_short": lambda hours, needed: _("%(hours)d of %(needed)d h/month needed",
                                           hours=hours, needed=needed),
    "mode": lambda mode: _MODE_TEXT[mode](),
    "mode_mismatch": lambda mode: _MODE_ONLY_TEXT[mode](),
}
