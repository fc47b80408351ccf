"""Council staff write, check and publish guides. Each operation re-checks its rule,
writes the audit log and commits once."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.content_i18n import texts_from
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import TOO_LONG, is_web_url
from diaspora_platform.guides.models import Guide, GuideSection
from diaspora_platform.guides.vocabulary import TOPICS, GuideKind, Topic
from diaspora_platform.i18n import LANGUAGES, _, valid_country
from diaspora_platform.unit_of_work import conditional_update

LIMITS = {"title": 200, "summary": 2_000, "body": 20_000}
SOURCE_TITLE_MAX, SOURCE_URL_MAX = 300, 500


def _require_staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff write the guides."))


def _texts(data: dict, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The versions of `fields` from form data; the first field is needed in one language
    at least, and a language that has one field needs the others."""
    texts = texts_from(data, fields)
    for field in fields:
        if any(len(text) > LIMITS[field] for text in texts[field].values()):
            raise DomainError(TOO_LONG % {"max": LIMITS[field]})
    if not any(texts[fields[0]].values()):
        raise DomainError(_("Give the title in at least one language."))
    for lang in LANGUAGES:
        if len({bool(texts[field][lang]) for field in fields}) > 1:
            raise DomainError(_("Each language needs both a title and a text."))
    return texts


def _guide_place(data: dict) -> tuple[str, str | None]:
    kind = data.get("kind")
    if kind not in set(GuideKind):
        raise DomainError(_("Choose what kind of guide this is."))
    if kind == GuideKind.RETURN:
        return kind, None
    country = (data.get("country") or "").upper()
    if not valid_country(country) or country == "TJ":
        raise DomainError(_("Choose the country the guide is about."))
    return kind, country


def _check_unique(kind: str, country: str | None, guide: Guide | None) -> None:
    stmt = sa.select(Guide.id).where(Guide.kind == kind, Guide.country.is_(None)
                                     if country is None else Guide.country == country)
    if guide is not None:
        stmt = stmt.where(Guide.id != guide.id)
    if db.session.scalar(stmt.limit(1)) is not None:
        raise DomainError(_("This guide already exists; edit it instead."))


def save_guide(staff, data: dict, guide: Guide | None = None) -> Guide:
    """Create a guide (unpublished) or change its title, summary or country."""
    _require_staff(staff)
    kind, country = _guide_place(data)
    texts = _texts(data, ("title", "summary"))
    _check_unique(kind, country, guide)
    created = guide is None
    if created:
        guide = Guide(created_by_id=staff.id)
        db.session.add(guide)
    guide.kind, guide.country, guide.updated_by_id = kind, country, staff.id
    guide.set_texts(texts, data.get("language"))
    db.session.flush()
    audit.record(staff, "guides.created" if created else "guides.updated", guide,
                 kind=kind, country=country, languages=guide.text_languages)
    db.session.commit()
    return guide


def set_published(staff, guide: Guide, publish: bool) -> None:
    """Show the guide to readers, or take it back; from the state the staff member saw."""
    _require_staff(staff)
    if publish and not guide.sections:
        raise DomainError(_("Add at least one section before publishing."))
    seen = Guide.published_at.is_(None) if publish else Guide.published_at.isnot(None)
    conditional_update(guide, seen, published_at=utcnow() if publish else None)
    audit.record(staff, "guides.published" if publish else "guides.unpublished", guide)
    db.session.commit()


def _checked_on(value) -> date:
    if not isinstance(value, date):
        raise DomainError(_("Give the day the section was last checked."))
    if value > utcnow().date():
        raise DomainError(_("The day it was checked cannot be in the future."))
    return value


def _section_values(guide: Guide, data: dict) -> dict:
    topic = data.get("topic")
    if topic not in TOPICS[GuideKind(guide.kind)]:
        raise DomainError(_("Choose a topic of this kind of guide."))
    source_title = (data.get("source_title") or "").strip()
    source_url = (data.get("source_url") or "").strip()
    if not source_title or not source_url:
        raise DomainError(_("Every section names its source: a title and a web address."))
    if len(source_title) > SOURCE_TITLE_MAX or len(source_url) > SOURCE_URL_MAX:
        raise DomainError(TOO_LONG % {"max": SOURCE_URL_MAX if len(source_url) >
                                      SOURCE_URL_MAX else SOURCE_TITLE_MAX})
    if not is_web_url(source_url):
        raise DomainError(_("Enter a full web address starting with https://"))
    return {"topic": topic, "source_title": source_title, "source_url": source_url,
            "checked_on": _checked_on(data.get("checked_on"))}


def save_section(staff, guide: Guide, data: dict,
                 section: GuideSection | None = None) -> GuideSection:
    """Add a section to a guide or change one; sections keep their topics' order."""
    _require_staff(staff)
    values = _section_values(guide, data)
    texts = _texts(data, ("title", "body"))
    created = section is None
    if created:
        section = GuideSection(guide=guide)
        db.session.add(section)
    for key, value in values.items():
        setattr(section, key, value)
    section.position = TOPICS[GuideKind(guide.kind)].index(Topic(values["topic"]))
    section.updated_by_id = guide.updated_by_id = staff.id
    section.set_texts(texts, data.get("language"))
    db.session.flush()
    audit.record(staff, "guides.section_added" if created else "guides.section_updated",
                 guide, section_id=section.id, topic=section.topic,
                 checked_on=str(section.checked_on), languages=section.text_languages)
    db.session.commit()
    return section


def delete_section(staff, section: GuideSection) -> None:
    _require_staff(staff)
    guide = section.guide
    if guide.is_published and len(guide.sections) == 1:
        raise DomainError(_("A published guide keeps at least one section; unpublish it "
                            "first."))
    audit.record(staff, "guides.section_deleted", guide, section_id=section.id,
                 topic=section.topic)
    guide.sections.remove(section)
    db.session.commit()
