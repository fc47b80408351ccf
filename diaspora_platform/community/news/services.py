"""Publishing news: Council staff publish directly (audited); organisation editors submit
news for review. Each operation checks the rules again and commits once."""

from __future__ import annotations

from datetime import date

from diaspora_platform import audit
from diaspora_platform.community.news.content import tell_followers
from diaspora_platform.community.news.models import STAFF_CATEGORIES, NewsCategory, NewsItem
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES, _, valid_country
from diaspora_platform.moderation import services as moderation

TITLE_MAX, BODY_MAX = 200, 20_000
TEXT_FIELDS = tuple(f"{part}_{lang}" for lang in LANGUAGES for part in ("title", "body"))


def _clean(data: dict, staff: bool) -> dict:
    """Check what the form sent; raise DomainError naming the problem."""
    clean = {key: (data.get(key) or "").strip() for key in TEXT_FIELDS}
    if not any(clean[f"title_{lang}"] for lang in LANGUAGES):
        raise DomainError(_("Give a title and text in at least one language."))
    for lang in LANGUAGES:
        title, body = clean[f"title_{lang}"], clean[f"body_{lang}"]
        if bool(title) != bool(body):
            raise DomainError(_("Each language needs both a title and a text."))
        if len(title) > TITLE_MAX or len(body) > BODY_MAX:
            raise DomainError(_("The title or the text is too long."))
    category = data.get("category") or (None if staff else NewsCategory.ORGANISATIONS)
    allowed = STAFF_CATEGORIES if staff else (NewsCategory.ORGANISATIONS,)
    if category not in allowed:
        raise DomainError(_("Choose a category from the list."))
    clean["category"] = category
    country = (data.get("country") or "").upper() or None
    if country and not valid_country(country):
        raise DomainError(_("Choose a country from the list."))
    clean["country"] = country
    clean["checked_on"] = data.get("checked_on") if staff else None
    if category == NewsCategory.MIGRANT_ADVICE:
        if not isinstance(clean["checked_on"], date):
            raise DomainError(_("Give the date this advice was last checked."))
        if clean["checked_on"] > utcnow().date():
            raise DomainError(_("The date it was last checked cannot be in the future."))
    else:
        clean["checked_on"] = None
    clean["pinned"] = bool(data.get("pinned")) if staff else False
    return clean


def publish_council_news(staff, data: dict) -> NewsItem:
    """Council news is public at once; the audit log records who published it."""
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff can publish Council news."))
    item = NewsItem(**_clean(data, staff=True), created_by_id=staff.id,
                    status=S.APPROVED, reviewed_by_id=staff.id, reviewed_at=utcnow(),
                    published_at=utcnow())
    db.session.add(item)
    db.session.flush()
    tell_followers(item)
    audit.record(staff, "news.published", item, category=item.category)
    db.session.commit()
    return item


def submit_organisation_news(user, org, data: dict) -> NewsItem:
    """An organisation's news waits for review; its followers hear of it once approved."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if not org.can(user, "publish") or org.status != S.APPROVED:
        raise NotAllowed(_("You cannot publish news for this organisation."))
    item = NewsItem(**_clean(data, staff=False), organisation_id=org.id,
                    created_by_id=user.id)
    db.session.add(item)
    db.session.flush()
    moderation.submit(item)
    audit.record(user, "news.submitted", item, organisation=org.id)
    db.session.commit()
    return item


def update_news(user, item: NewsItem, data: dict) -> str:
    """Save an edit: Council news stays public ("saved"); organisation news goes back to
    review ("review")."""
    if not item.can_edit(user):
        raise NotAllowed(_("You cannot edit this news item."))
    clean = _clean(data, staff=item.is_council)
    changed = sorted(k for k, v in clean.items() if getattr(item, k) != v)
    for key, value in clean.items():
        setattr(item, key, value)
    outcome = "saved"
    if not item.is_council and changed and item.status != S.HIDDEN:
        moderation.submit(item)
        outcome = "review"
    audit.record(user, "news.updated", item, fields=changed, outcome=outcome)
    db.session.commit()
    return outcome


def set_pinned(staff, item: NewsItem, pinned: bool) -> None:
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff can pin news."))
    if item.pinned == pinned:
        return
    item.pinned = pinned
    audit.record(staff, "news.pinned" if pinned else "news.unpinned", item)
    db.session.commit()


def withdraw_news(user, item: NewsItem) -> None:
    """Take an item off the site (Council: hidden and audited; organisation: the same,
    it keeps its moderation history)."""
    if not item.can_edit(user):
        raise NotAllowed(_("You cannot edit this news item."))
    if item.status == S.HIDDEN:
        return
    item.status = S.HIDDEN
    item.pinned = False
    audit.record(user, "news.withdrawn", item)
    db.session.commit()
