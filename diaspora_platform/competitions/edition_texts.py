"""An edition's texts in three languages: the author's version of the eligibility rules,
the rubric (criterion names and the judges' guidance), the questions, the required
attachments and the results notes, and the other languages' versions of each, kept in the
same order as the author's lists (an answer or a file belongs to the n-th question or
attachment whatever language it is read in)."""

from __future__ import annotations

from diaspora_platform.content_i18n import guess_language
from diaspora_platform.errors import DomainError
from diaspora_platform.i18n import LANGUAGES, _, language_name, ngettext
from diaspora_platform.inputs import parse_int

MAX_CRITERIA = 10
MAX_QUESTIONS = 10
MAX_ATTACHMENTS = 5
GUIDANCE = "|"  # "Impact: 40 | How many people took part"


def lines(text: str | None, limit: int, too_many: str) -> list[str]:
    found = [line.strip()[:300] for line in (text or "").splitlines() if line.strip()]
    if len(found) > limit:
        raise DomainError(too_many)
    return found


def _too_many_criteria() -> str:
    return ngettext("Give at most %(max)d criterion.", "Give at most %(max)d criteria.",
                    MAX_CRITERIA, max=MAX_CRITERIA)


def too_many_questions() -> str:
    return ngettext("Give at most %(max)d question.", "Give at most %(max)d questions.",
                    MAX_QUESTIONS, max=MAX_QUESTIONS)


def too_many_attachments() -> str:
    return ngettext("Give at most %(max)d required attachment.",
                    "Give at most %(max)d required attachments.", MAX_ATTACHMENTS,
                    max=MAX_ATTACHMENTS)


def parse_rubric(text: str) -> list[tuple[str, int, str]]:
    """Rubric lines "Impact: 40 | guidance" → [("Impact", 40, "guidance")]; the guidance is
    optional and the weights must add up to 100."""
    rows = []
    for line in lines(text, MAX_CRITERIA, _too_many_criteria()):
        rule, _bar, guidance = line.partition(GUIDANCE)
        name, _sep, weight = rule.rpartition(":")
        name = name.strip().rstrip("%").strip()
        weight = parse_int(weight.strip().rstrip("%").strip(), 1, 100)
        if not name or weight is None:
            raise DomainError(_("Write each criterion as “name: weight”, e.g. “Impact: 40”."))
        rows.append((name[:120], weight, guidance.strip()[:500]))
    if not rows:
        raise DomainError(_("Give at least one criterion."))
    if sum(row[1] for row in rows) != 100:
        raise DomainError(_("The criteria weights must add up to 100 (now %(sum)d).",
                            sum=sum(row[1] for row in rows)))
    if len({row[0].casefold() for row in rows}) != len(rows):
        raise DomainError(_("Each criterion needs its own name."))
    return rows


def _count_message(what: str, wanted: int, lang: str) -> str:
    name = language_name(lang)
    if what == "criteria":
        return ngettext("%(language)s: give the %(num)d criterion in the rubric's order, one "
                        "per line.", "%(language)s: give the %(num)d criteria in the rubric's "
                        "order, one per line.", wanted, language=name)
    if what == "questions":
        return ngettext("%(language)s: give the %(num)d question in the same order, one per "
                        "line.", "%(language)s: give the %(num)d questions in the same order, "
                        "one per line.", wanted, language=name)
    return ngettext("%(language)s: give the %(num)d required attachment in the same order, "
                    "one per line.", "%(language)s: give the %(num)d required attachments in "
                    "the same order, one per line.", wanted, language=name)


def _same_count(found: list, wanted: int, lang: str, what: str) -> list:
    """Another language's list: empty (no version yet) or as long as the author's."""
    if found and len(found) != wanted:
        raise DomainError(_count_message(what, wanted, lang))
    return found


def parse_rubric_version(text: str | None, count: int, lang: str) -> list[tuple[str, str]]:
    """Another language's rubric: "name | guidance" per line, in the rubric's order."""
    rows = []
    for line in lines(text, MAX_CRITERIA, _too_many_criteria()):
        name, _bar, guidance = line.partition(GUIDANCE)
        rows.append((name.strip().rstrip(":").strip()[:120], guidance.strip()[:500]))
    return _same_count(rows, count, lang, "criteria")


def author_language(data: dict) -> str:
    lang = data.get("language")
    return lang if lang in LANGUAGES else guess_language(data.get("eligibility") or "")


def apply_texts(edition, data: dict, rubric: list[tuple[str, int, str]],
                questions: list[str], attachments: list[str]) -> None:
    """Set the author's language, the results notes and every other language's versions
    (`data["versions"]`: {lang: {eligibility, results_notes, criteria, questions,
    required_attachments}}) on the edition and its criteria."""
    lang = author_language(data)
    versions = {code: texts for code, texts in (data.get("versions") or {}).items()
                if code in LANGUAGES and code != lang}
    edition.language = lang
    edition.results_notes = (data.get("results_notes") or "").strip()[:5000]
    for field in ("eligibility", "results_notes"):
        setattr(edition, f"{field}_translations", {
            code: text for code, texts in versions.items()
            if (text := (texts.get(field) or "").strip()[:5000])})
    for field, own, limit, too_many in (
            ("questions", questions, MAX_QUESTIONS, too_many_questions),
            ("required_attachments", attachments, MAX_ATTACHMENTS, too_many_attachments)):
        found = {}
        for code, texts in versions.items():
            listed = _same_count(lines(texts.get(field), limit, too_many()), len(own), code,
                                 field)
            if listed:
                found[code] = listed
        setattr(edition, f"{field}_translations", found)
    by_lang = {code: parse_rubric_version(texts.get("criteria"), len(rubric), code)
               for code, texts in versions.items()}
    for position, criterion in enumerate(edition.criteria):
        criterion.language = lang
        criterion.description = rubric[position][2]
        criterion.name_translations = {code: rows[position][0] for code, rows in
                                       by_lang.items() if rows and rows[position][0]}
        criterion.description_translations = {code: rows[position][1] for code, rows in
                                              by_lang.items() if rows and rows[position][1]}


def rubric_lines(edition, lang: str | None = None) -> str:
    """The rubric as the form shows it: the author's "name: weight | guidance" lines, or
    another language's "name | guidance" lines."""
    out = []
    for criterion in edition.criteria:
        if lang is None:
            line = f"{criterion.name}: {criterion.weight}"
            guidance = criterion.description
        else:
            line = (criterion.name_translations or {}).get(lang, "")
            guidance = (criterion.description_translations or {}).get(lang, "")
        if line or guidance:
            out.append(f"{line} {GUIDANCE} {guidance}" if guidance else line)
    return "\n".join(out)
