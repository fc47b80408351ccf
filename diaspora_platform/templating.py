"""Template filters and globals: locale-aware numbers and names, the language switcher."""

from __future__ import annotations

from babel.numbers import format_compact_decimal
from flask import Flask, request
from flask_babel import format_decimal, format_percent

from diaspora_platform import formatting
from diaspora_platform.accounts.models import DiasporaStatus, Region
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
from diaspora_platform.moderation.models import Decision, Reason, ReportReason
from diaspora_platform.permissions import OrgRole
from diaspora_platform.text import render_markdown


def _number(value) -> str:
    return format_decimal(value)


def _percent(value, digits: int = 2) -> str:
    return format_percent(value, format="#,##0." + "0" * digits + "%")


def _compact(value) -> str:
    return format_compact_decimal(value, format_type="short", fraction_digits=1,
                                  locale=current_language())


def _current_path() -> str:
    return request.full_path.rstrip("?") if request else "/"


def _navigation_counts() -> dict:
    """Unread notifications, and for staff the moderation queue length (shown in the nav)."""
    from flask_login import current_user

    if not current_user or not current_user.is_authenticated:
        return {}
    from diaspora_platform.notifications.services import unread_count

    counts = {"unread_notifications": unread_count(current_user)}
    if current_user.acts_as_staff:
        from diaspora_platform.moderation.queue import pending_count

        counts["moderation_pending"] = pending_count()
    return counts


def init_app(app: Flask) -> None:
    app.context_processor(_navigation_counts)
    app.jinja_env.filters.update(
        number=_number, percent=_percent, compact=_compact, country=country_name,
        markdown=render_markdown, language=language_name,
    )
    formatting.init_app(app)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, current_language=current_language,
        current_path=_current_path, current_timezone=select_timezone,
        external_url=external_url,
        status_title=lambda value: DiasporaStatus(value).title,
        region_title=lambda value: Region(value).title,
        decision_title=lambda value: Decision(value).title,
        report_reason=lambda value: ReportReason(value).title,
        country_list=lambda: countries(current_language()),
        working_languages=language_choices,
        reason_title=lambda value: Reason(value).title if value in Reason.__members__.values()
        else "",
        role_title=lambda value: OrgRole(value).title,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
