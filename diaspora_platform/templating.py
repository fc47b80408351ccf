"""Template filters and globals every page shares: locale-aware numbers and names, the
page frame. A domain adds its own (titles of its enums, counts in the menu) in its init_app."""

from __future__ import annotations

from babel.numbers import format_compact_decimal
from flask import Flask, current_app, request
from flask_babel import format_decimal, format_percent
from markupsafe import Markup

from diaspora_platform import content_i18n, formatting
from diaspora_platform.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    countries,
    country_name,
    current_language,
    language_choices,
    language_name,
    select_timezone,
)
from diaspora_platform.links import external_url
from diaspora_platform.permissions import OrgRole
from diaspora_platform.text import render_markdown


def _number(value) -> str:
    return format_decimal(value)


def _percent(value, digits: int = 2) -> str:
    return format_percent(value, format="#,##0." + "0" * digits + "%")


def _compact(value) -> str:
    return format_compact_decimal(value, format_type="short", fraction_digits=1,
                                  locale=current_language())


def _countries_among(present, selected: str | None = None) -> list[tuple[str, str]]:
    """The countries of a filter's select: those with content (or chosen), in the reader's
    alphabetical order; the 250-name list is sorted once per language, not per page."""
    return [(code, name) for code, name in countries(current_language())
            if code in present or code == selected]


def chrome(name: str) -> Markup:
    """A fragment of the page frame (menus, footer) that is the same for every reader of a
    language: rendered once per process and language, then reused on every page."""
    key = (name, current_language(), request.script_root)
    kept = current_app.extensions.setdefault("chrome", {})
    html = kept.get(key)
    if html is None:
        html = Markup(current_app.jinja_env.get_template(name).render())
        if not current_app.debug:  # while developing, template edits show at once
            kept[key] = html
    return html


def _bound_translations() -> dict:
    """Look up the request's catalogue once per template instead of once per string: the
    base template alone translates about 45 strings."""
    from flask_babel import get_translations
    from jinja2.ext import _make_new_gettext, _make_new_ngettext

    translations = get_translations()
    return {"gettext": _make_new_gettext(translations.ugettext),
            "ngettext": _make_new_ngettext(translations.ungettext)}


def init_app(app: Flask) -> None:
    app.context_processor(_bound_translations)
    app.jinja_env.filters.update(
        number=_number, percent=_percent, compact=_compact, country=country_name,
        markdown=render_markdown, language=language_name,
    )
    formatting.init_app(app)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, current_language=current_language,
        current_timezone=select_timezone,
        external_url=external_url,
        country_list=lambda: countries(current_language()),
        countries_among=_countries_among, chrome=chrome,
        working_languages=language_choices,
        role_title=lambda value: OrgRole(value).title,
        fallback_note=content_i18n.fallback_note, in_language=content_i18n.in_language,
        language_fieldsets_of=content_i18n.language_fieldsets, text_of=content_i18n.text_of,
        shown_language=content_i18n.shown_language,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
