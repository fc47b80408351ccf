"""Content in three languages, one way for every model.

A translatable model keeps each text field's column as the author's version, the row's
authoring language in `language`, and one JSON column per field, `<field>_translations`
({"ru": "...", "en": "..."}), for the other versions. One JSON column per field (rather
than a translation table) keeps a row and all its versions in one read, lets existing
queries, indexes and orderings on the author's column work unchanged, and moves with the
row through moderation, search and export without joins.

`Translatable` gives a model `versions(field)`, `text_in(field, lang)` and per-language
accessors (`title_ru`, read and write) that forms and services use; `translated_fields`
adds the per-language form fields; `text_in` and `content_note` are template helpers.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import LazyString
from markupsafe import Markup, escape
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.i18n import LANGUAGES, _, current_language


def language_column():
    """The row's authoring language (tg, ru or en)."""
    return mapped_column(sa.String(2), nullable=False, default="tg", server_default="tg")


def translations_column():
    """The other languages' versions of one field, {"ru": "...", "en": "..."}."""
    return mapped_column(sa.JSON, nullable=False, default=dict, server_default="{}")


def order_languages(first: str | None) -> list[str]:
    """The three languages with `first` (the author's) at the front."""
    return [first] + [code for code in LANGUAGES if code != first] if first in LANGUAGES \
        else list(LANGUAGES)


class Translatable:
    """Mixin: `TRANSLATABLE` names the text fields; the first is the one every version
    must have (a title or a name)."""

    TRANSLATABLE: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        for field in cls.__dict__.get("TRANSLATABLE", ()):
            for lang in LANGUAGES:
                if not hasattr(cls, f"{field}_{lang}"):
                    setattr(cls, f"{field}_{lang}", _accessor(field, lang))
        super().__init_subclass__(**kwargs)

    def versions(self, field: str) -> dict[str, str]:
        """Every non-empty version of `field`, author's first."""
        found = {}
        if getattr(self, field, None):
            found[self.language or LANGUAGES[0]] = getattr(self, field)
        for lang, text in (getattr(self, f"{field}_translations", None) or {}).items():
            if lang in LANGUAGES and text and lang not in found:
                found[lang] = text
        return found

    @property
    def text_languages(self) -> list[str]:
        """Languages the item is written in (those with its first field), tg, ru, en order."""
        present = self.versions(self.TRANSLATABLE[0])
        return [lang for lang in LANGUAGES if lang in present]

    @property
    def missing_languages(self) -> list[str]:
        present = self.text_languages
        return [lang for lang in LANGUAGES if lang not in present]

    def language_for(self, lang: str) -> str:
        """`lang` if the item has it, else the author's language."""
        present = self.text_languages
        if lang in present:
            return lang
        return self.language if self.language in present else (present or [lang])[0]

    def text_in(self, field: str, lang: str) -> tuple[str, str]:
        """(text, language it is in): the reader's version, or the author's (also when
        the version shown lacks this field, e.g. a name translated, its description not)."""
        shown = self.language_for(lang)
        versions = self.versions(field)
        if not versions.get(shown) and versions.get(self.language):
            return versions[self.language], self.language
        return versions.get(shown, ""), shown

    def set_texts(self, texts: dict[str, dict[str, str]], language: str | None = None) -> None:
        """Replace the versions of the given fields ({field: {lang: text}}); the author's
        language stays unless it lost its version (or `language` names another)."""
        everything = {field: self.versions(field) for field in self.TRANSLATABLE}
        for field, by_lang in texts.items():
            everything[field] = {lang: (text or "").strip() for lang, text in by_lang.items()
                                 if lang in LANGUAGES and (text or "").strip()}
        primary = everything[self.TRANSLATABLE[0]]
        keep = language or self.language
        self.language = keep if keep in primary else next(
            (lang for lang in LANGUAGES if lang in primary), keep or LANGUAGES[0])
        for field, by_lang in everything.items():
            setattr(self, field, by_lang.get(self.language, ""))
            setattr(self, f"{field}_translations",
                    {lang: text for lang, text in by_lang.items() if lang != self.language})


class TitledVersions(Translatable):
    """A translatable title (at most 200 characters), with the row's authoring language."""

    language: Mapped[str] = language_column()
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="",
                                       server_default="")
    title_translations: Mapped[dict] = translations_column()


def _accessor(field: str, lang: str) -> property:
    def get(self) -> str:
        return self.versions(field).get(lang, "")

    def put(self, value) -> None:
        by_lang = self.versions(field)
        by_lang[lang] = value or ""
        language = self.language if getattr(self, field, None) else None
        self.set_texts({field: by_lang}, language or (lang if value else None))

    return property(get, put)


def guess_language(text: str) -> str:
    """The likely language of a text by its letters: Tajik letters → tg, other Cyrillic →
    ru, else en (for texts saved without the author saying)."""
    if re.search("[ғӣқӯҳҷҒӢҚӮҲҶ]", text or ""):
        return "tg"
    return "ru" if re.search("[а-яёА-ЯЁ]", text or "") else "en"


def versions_from_form(data: dict, fields, limits: dict[str, int]) -> dict:
    """The author's language and the other languages' versions of `fields` from form data
    (`language`, `<field>_<lang>`), as column values; a field whose per-language inputs
    were not sent keeps its translations. Raises DomainError for a text too long."""
    from diaspora_platform.errors import DomainError
    from diaspora_platform.forms import TOO_LONG

    lang = data.get("language")
    if lang not in LANGUAGES:
        lang = guess_language(" ".join(str(data.get(field) or "") for field in fields))
    found = {"language": lang}
    for field in fields:
        if not any(f"{field}_{code}" in data for code in LANGUAGES):
            continue
        versions = {code: (data.get(f"{field}_{code}") or "").strip() for code in LANGUAGES
                    if code != lang}
        if any(len(text) > limits[field] for text in versions.values()):
            raise DomainError(TOO_LONG % {"max": limits[field]})
        found[f"{field}_translations"] = {code: text for code, text in versions.items() if text}
    return found


def texts_from(data: dict, fields) -> dict[str, dict[str, str]]:
    """{field: {lang: text}} from flat form data ("title_ru": "...")."""
    return {field: {lang: (data.get(f"{field}_{lang}") or "").strip() for lang in LANGUAGES}
            for field in fields}


def coverage(obj) -> bool:
    """Whether the item's first field exists in all three languages."""
    return not obj.missing_languages


# Wording of the note shown when the reader's language is missing, one sentence per pair
# so that each language can put the names in the case it needs.
def _note(shown: str, wanted: str) -> str:
    notes = {
        ("ru", "tg"): _("Shown in Russian — no Tajik version yet."),
        ("en", "tg"): _("Shown in English — no Tajik version yet."),
        ("tg", "ru"): _("Shown in Tajik — no Russian version yet."),
        ("en", "ru"): _("Shown in English — no Russian version yet."),
        ("tg", "en"): _("Shown in Tajik — no English version yet."),
        ("ru", "en"): _("Shown in Russian — no English version yet."),
    }
    return notes.get((shown, wanted), "")


def fallback_note(obj, lang: str | None = None) -> str:
    """The sentence saying which version is shown, or "" when it is the reader's."""
    lang = lang or current_language()
    shown = obj.language_for(lang)
    return "" if shown == lang else _note(shown, lang)


def in_language(obj, field: str, lang: str | None = None) -> Markup:
    """Template helper: the field's text in the reader's language (or the author's),
    wrapped in a span that declares its language."""
    text, shown = obj.text_in(field, lang or current_language())
    return Markup('<span lang="{}">{}</span>').format(shown, escape(text))


def add_language_fields(form_cls, field: str, field_type, label, **kwargs) -> None:
    """Give a form class one `<field>_<lang>` input per language (none required: the
    service asks for the author's version)."""
    for lang in LANGUAGES:
        setattr(form_cls, f"{field}_{lang}", field_type(_label_in(label, lang), **kwargs))


def _label_in(label, lang: str) -> LazyString:
    """"Title (Russian)": each language's input has a name of its own."""
    from diaspora_platform.i18n import language_name

    return LazyString(lambda: _("%(field)s (%(language)s)", field=str(label),
                                language=language_name(lang)))


def add_translation_fields(form_cls, fields: dict, label) -> None:
    """For a form whose text fields hold the author's version: a select of the author's
    language (`label`) and optional `<field>_<lang>` inputs for the other languages
    (`fields`: name → (field class, label, keyword arguments))."""
    from wtforms import SelectField

    from diaspora_platform.forms import select_choices
    from diaspora_platform.i18n import LANGUAGE_NAMES

    form_cls.language = SelectField(label, default=current_language, choices=select_choices(
        (code, LANGUAGE_NAMES[code]) for code in LANGUAGES))
    for field, (field_type, field_label, kwargs) in fields.items():
        add_language_fields(form_cls, field, field_type, field_label, **kwargs)


def add_name_and_description_versions(form_cls, name: str, name_label, description_max: int,
                                      language_label) -> None:
    """`add_translation_fields` for the common pair: a one-line name (or title) of at most
    200 characters and a Markdown description."""
    from wtforms import StringField, TextAreaField
    from wtforms.validators import Length, Optional

    from diaspora_platform.forms import MAX
    from diaspora_platform.i18n import _l

    add_translation_fields(form_cls, {
        name: (StringField, name_label, {"validators": [Optional(), Length(max=200,
                                                                            message=MAX)]}),
        "description": (TextAreaField, _l("Description"), {
            "validators": [Optional(), Length(max=description_max, message=MAX)],
            "render_kw": {"rows": 5}}),
    }, language_label)


def language_fieldsets(form, fields, first: str | None = None) -> list[tuple[str, list]]:
    """(language, bound fields) for the form's per-language inputs, author's language
    first, for the `language_fieldsets` macro."""
    return [(lang, [form[f"{field}_{lang}"] for field in fields])
            for lang in order_languages(first)]


def text_of(obj, field: str, lang: str | None = None) -> str:
    """Template helper: the field's text in the reader's language, or the author's."""
    return obj.text_in(field, lang or current_language())[0]


def shown_language(obj, lang: str | None = None) -> str:
    """Template helper: the language `text_of` shows (for the `lang` attribute)."""
    return obj.language_for(lang or current_language())
