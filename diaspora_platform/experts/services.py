"""Expert profiles: who may see one, and creating, changing and deleting one's own.

Visibility is the expert's choice:
- "public": everyone, signed in or not;
- "members": signed-in members;
- "project_owners": only the people who manage a project the expert has offered to.
The expert always sees their own profile; Council staff see every profile (they answer
reports and complaints). A profile whose account is deleted or suspended is shown to staff
only.
"""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.experts.models import (
    ExpertProfile,
    Mode,
    Visibility,
    profile_of,
)
from diaspora_platform.extensions import db
from diaspora_platform.forms import TOO_LONG, is_web_url
from diaspora_platform.i18n import WORKING_LANGUAGES, _, ngettext, valid_country
from diaspora_platform.projects import vocabulary

MAX_SKILLS = 15
MAX_KEYWORDS = 15
KEYWORD_MAX = 40
MAX_TRAVEL_COUNTRIES = 10
MAX_HOURS = 200
MAX_YEARS = 70
# field -> longest accepted text (the form says so first; this guards other callers)
TEXT_LIMITS = {"headline": 160, "keywords": 300, "cv": 5000, "link": 300}


class UnknownSkill(DomainError):
    """A skill key that is not in the vocabulary."""


def _is_member(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _acts_as_staff(user) -> bool:
    return _is_member(user) and bool(getattr(user, "acts_as_staff", False))


# --- who may see a profile ----------------------------------------------------------------


def offered_to(user):
    """SELECT of the user ids of experts who offered to a project the user manages."""
    from diaspora_platform.projects.match_queries import offered_to as offers_to_managed

    return offers_to_managed(user)


def visible_clause(viewer):
    """SQL condition on ExpertProfile: the profiles `viewer` may see (the roster's filter;
    the same rule as can_view)."""
    from diaspora_platform.accounts.models import User

    active = ExpertProfile.user_id.in_(sa.select(User.id).where(
        User.deleted_at.is_(None), User.suspended_at.is_(None)))
    if _acts_as_staff(viewer):
        return sa.true()
    if not _is_member(viewer):
        return sa.and_(active, ExpertProfile.visibility == Visibility.PUBLIC)
    return sa.or_(
        ExpertProfile.user_id == viewer.id,
        sa.and_(active, sa.or_(
            ExpertProfile.visibility.in_([Visibility.PUBLIC, Visibility.MEMBERS]),
            sa.and_(ExpertProfile.visibility == Visibility.PROJECT_OWNERS,
                    ExpertProfile.user_id.in_(offered_to(viewer))))))


def can_view(viewer, profile: ExpertProfile) -> bool:
    """May `viewer` (a user or None/anonymous) see `profile`? See the module docstring."""
    if _is_member(viewer) and viewer.id == profile.user_id:
        return True
    if _acts_as_staff(viewer):
        return True
    if profile.user is None or not profile.user.is_active:
        return False
    if profile.visibility == Visibility.PUBLIC:
        return True
    if not _is_member(viewer):
        return False
    if profile.visibility == Visibility.MEMBERS:
        return True
    return db.session.scalar(sa.select(sa.literal(True)).where(
        sa.literal(profile.user_id).in_(offered_to(viewer)))) is True


def can_edit(user, profile: ExpertProfile) -> bool:
    return _is_member(user) and user.id == profile.user_id


# --- validation ---------------------------------------------------------------------------


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(message)
    return value


def clean_skills(keys) -> list[str]:
    """Vocabulary keys, de-duplicated in order; unknown keys are refused by name."""
    keys = list(dict.fromkeys(_text(k) for k in (keys or []) if _text(k)))
    unknown = vocabulary.unknown_skills(keys)
    if unknown:
        raise UnknownSkill(_("Unknown skill: %(skills)s. Choose skills from the list; "
                             "anything else can go in the keywords.",
                             skills=", ".join(unknown)))
    if not keys:
        raise DomainError(_("Choose at least one skill."))
    if len(keys) > MAX_SKILLS:
        raise DomainError(ngettext("Choose at most %(max)d skill.",
                                   "Choose at most %(max)d skills.", MAX_SKILLS, max=MAX_SKILLS))
    return keys


def clean_keywords(value) -> str:
    words = list(dict.fromkeys(w.strip() for w in _text(value).split(",") if w.strip()))
    if len(words) > MAX_KEYWORDS or any(len(w) > KEYWORD_MAX for w in words):
        raise DomainError(ngettext("Use at most %(num)d keyword of at most %(max)d characters "
                                   "each.",
                                   "Use at most %(num)d keywords of at most %(max)d characters "
                                   "each.", MAX_KEYWORDS, max=KEYWORD_MAX))
    return ", ".join(words)


def _codes(values, allowed, message: str, limit: int | None = None) -> list[str]:
    codes = list(dict.fromkeys(_text(v) for v in (values or []) if _text(v)))
    if any(code not in allowed for code in codes) or (limit and len(codes) > limit):
        raise DomainError(message)
    return codes


def clean_profile(data: dict) -> dict:
    """Checked, normalised profile fields from a form (or any other caller)."""
    clean = {key: _text(data.get(key)) for key in TEXT_LIMITS}
    for key, limit in TEXT_LIMITS.items():
        if len(clean[key]) > limit:
            raise DomainError(TOO_LONG % {"max": limit})
    if not clean["headline"]:
        raise DomainError(_("Write a headline: who you are in one line."))
    if clean["link"] and not is_web_url(clean["link"]):
        raise DomainError(_("Enter a full web address starting with https://"))
    countries = [c.upper() for c in (data.get("travel_countries") or []) if _text(c)]
    if any(not valid_country(c) for c in countries) or len(countries) > MAX_TRAVEL_COUNTRIES:
        raise DomainError(ngettext("Choose at most %(max)d country from the list.",
                                   "Choose at most %(max)d countries from the list.",
                                   MAX_TRAVEL_COUNTRIES, max=MAX_TRAVEL_COUNTRIES))
    languages = _codes(data.get("languages"), WORKING_LANGUAGES,
                       _("Choose languages from the list."))
    if not languages:
        raise DomainError(_("Choose at least one language you work in."))
    return {
        **versions_from_form(data, ExpertProfile.TRANSLATABLE, TEXT_LIMITS),
        "headline": clean["headline"], "cv": clean["cv"], "link": clean["link"] or None,
        "keywords": clean_keywords(clean["keywords"]),
        "skills": clean_skills(data.get("skills")),
        "sectors": _codes(data.get("sectors"), vocabulary.SECTORS,
                          _("Choose sectors from the list.")),
        "languages": languages,
        "travel_countries": countries,
        "years_experience": _int(data.get("years_experience"), 0, MAX_YEARS, _(
            "Enter the years of experience as a number from 0 to %(max)d.", max=MAX_YEARS)),
        "hours_per_month": _int(data.get("hours_per_month"), 0, MAX_HOURS, _(
            "Enter the hours a month as a number from 0 to %(max)d.", max=MAX_HOURS)),
        "mode": _choice(data.get("mode"), Mode, _("Choose how you can work.")),
        "visibility": _choice(data.get("visibility"), Visibility,
                              _("Choose who may see your profile.")),
        "weekly_email": bool(data.get("weekly_email")),
    }


def _choice(value, enum_cls, message: str) -> str:
    if value not in {member.value for member in enum_cls}:
        raise DomainError(message)
    return str(value)


# --- changes ------------------------------------------------------------------------------


def _apply(profile: ExpertProfile, clean: dict) -> None:
    skills = clean.pop("skills")
    for key, value in clean.items():
        setattr(profile, key, value)
    profile.set_skills(skills)


def save_profile(user, data: dict) -> tuple[ExpertProfile, bool]:
    """Create the member's profile or change it. Returns (profile, created). A second
    "create" (a double submit, another tab) changes the one profile instead."""
    if not _is_member(user) or not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    clean = clean_profile(data)
    profile = profile_of(user)
    created = profile is None
    if created:
        profile = ExpertProfile(user_id=user.id)
        db.session.add(profile)
    was_weekly = bool(profile.weekly_email)
    _apply(profile, clean)
    if profile.weekly_email and not was_weekly:
        # Only projects published from now on go into the weekly email.
        profile.weekly_sent_at = utcnow()
    profile.updated_at = utcnow()
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()  # the same member's first profile was saved a moment ago
        raise Conflict(_("Your profile was just saved from another window. Please reload "
                         "the page and try again.")) from None
    if created:
        audit.record(user, "expert.profile_created", profile, visibility=profile.visibility)
    db.session.commit()
    return profile, created


def set_weekly_email(user, profile: ExpertProfile, wanted: bool) -> None:
    """Opt in to (or out of) the weekly email of newly published matching projects."""
    if not can_edit(user, profile):
        raise NotAllowed(_("This is not your profile."))
    if wanted and not profile.weekly_email:
        profile.weekly_sent_at = utcnow()
    profile.weekly_email = bool(wanted)
    db.session.commit()


def delete_profile(user, profile: ExpertProfile) -> None:
    """The expert deletes their profile (their offers stay with the projects)."""
    if not can_edit(user, profile):
        raise NotAllowed(_("This is not your profile."))
    audit.record(user, "expert.profile_deleted", profile)
    db.session.delete(profile)
    db.session.commit()
