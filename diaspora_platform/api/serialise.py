"""One function per public type: the dict the API sends for it, in one language.

Each reads only what the type's web page shows an anonymous visitor; the rows come from the
domains' public queries, so no visibility rule is decided here. Text that depends on the
language is listed in `TRANSLATED` per type, so `?lang=all` can add every version."""

from __future__ import annotations

from functools import lru_cache

from flask import g

from diaspora_platform.i18n import country_name
from diaspora_platform.links import external_url

_SENTINEL = 987654321987


def page_link(endpoint: str, **values) -> str:
    """external_url(endpoint, **values) for an integer id, built once per request and
    endpoint (a page of 100 rows would otherwise build each link in full)."""
    (name, value), = values.items()
    cache = g.setdefault("api_links", {})
    template = cache.get((endpoint, name))
    if template is None:
        template = cache[(endpoint, name)] = external_url(endpoint, **{name: _SENTINEL})
    return template.replace(str(_SENTINEL), str(value))


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def money(minor: int | None, currency: str | None) -> dict | None:
    """An amount as a decimal string with its currency (never a float)."""
    if minor is None or not currency:
        return None
    from diaspora_platform.fund.money import to_major

    return {"amount": str(to_major(minor, currency)), "currency": currency}


@lru_cache(maxsize=2048)
def _country(code: str | None, lang: str) -> str | None:
    """Country names are fixed data (CLDR and the Council's forms): looked up once."""
    return country_name(code, lang) if code else None


def organisation(org, lang: str) -> dict:
    return {
        "id": org.id, "name": org.display_name(lang), "legal_name": org.name,
        "kind": org.kind, "kind_title": org.kind_title, "country": org.country,
        "country_name": _country(org.country, lang), "city": org.city,
        "founded_year": org.founded_year, "description": org.text_in("description", lang)[0],
        "languages": org.language_list, "website": org.website,
        "contact_email": org.contact_email, "contact_phone": org.contact_phone,
        "social_links": org.social_list, "verified_at": iso(org.reviewed_at),
        "updated_at": iso(org.updated_at),
        "url": page_link("organisations.detail", org_id=org.id),
    }


def place(item, lang: str) -> dict:
    fee = ({"amount": str(item.fee_amount), "currency": item.fee_currency}
           if item.fee_amount is not None and item.fee_currency else None)
    return {
        "id": item.id, "organisation_id": item.organisation_id, "name": item.name,
        "kind": item.kind, "kind_title": item.kind_title, "variant": item.variant,
        "country": item.country, "country_name": _country(item.country, lang),
        "city": item.city, "address": item.address, "latitude": item.latitude,
        "longitude": item.longitude, "languages": item.language_list,
        "audiences": item.audience_list, "age_min": item.age_min, "age_max": item.age_max,
        "schedule": item.schedule, "is_free": item.is_free, "fee": fee,
        "fee_period": item.fee_period, "capacity": item.capacity,
        "contact_email": item.contact_email, "contact_phone": item.contact_phone,
        "website": item.website, "description": item.description,
        "operating": item.operating, "operating_title": item.operating_title,
        "verified_at": iso(item.reviewed_at), "updated_at": iso(item.updated_at),
        "url": page_link("directory.detail", place_id=item.id),
    }


def event(item, lang: str) -> dict:
    """Never the online link: the page gives it to confirmed attendees only."""
    return {
        "id": item.id, "title": item.title, "kind": item.kind, "kind_title": item.kind_title,
        "organisation_id": item.organisation_id, "host": item.host_name,
        "description": item.description, "starts_at": iso(item.starts_at),
        "ends_at": iso(item.ends_at), "timezone": item.timezone, "online": item.is_online,
        "address": item.address, "city": item.city, "country": item.country,
        "country_name": _country(item.country, lang), "languages": item.language_list,
        "audience": item.audience, "audience_title": item.audience_title,
        "capacity": item.capacity, "seats_left": item.seats_left,
        "registration_deadline": iso(item.deadline), "cancelled": item.is_cancelled,
        "updated_at": iso(item.updated_at),
        "url": page_link("events.detail", event_id=item.id),
        "ics": page_link("events.ics", event_id=item.id),
    }


def news(item, lang: str) -> dict:
    shown = item.language_for(lang)
    return {
        "id": item.id, "category": item.category, "category_title": item.category_title,
        "organisation_id": item.organisation_id, "country": item.country,
        "title": item.title_in(lang), "body": item.body_in(lang), "language": shown,
        "languages": item.languages, "pinned": item.pinned,
        "checked_on": iso(item.checked_on), "published_at": iso(item.published_at),
        "updated_at": iso(item.updated_at),
        "url": page_link("news.detail", item_id=item.id),
    }


def resource(item, lang: str) -> dict:
    return {
        "id": item.id, "organisation_id": item.organisation_id,
        "title": item.text_in("title", lang)[0],
        "description": item.text_in("description", lang)[0], "kind": item.kind,
        "kind_title": item.kind_title, "language": item.material_language,
        "audience": item.audience,
        "audience_title": item.audience_title, "level": item.level,
        "level_title": item.level_title, "link": item.url,
        "file": (page_link("resources.download", item_id=item.id)
                 if item.has_file else None),
        "media_type": item.media_type if item.has_file else None,
        "size": item.size if item.has_file else None,
        "downloads": item.download_count, "updated_at": iso(item.updated_at),
        "url": page_link("resources.detail", item_id=item.id),
    }


def edition(item, lang: str) -> dict:
    """An edition and, once published, its ranked results as the edition page lists them."""
    from diaspora_platform.competitions import results

    competition = item.competition
    ranked = results.published(item) if item.results_public else []
    text, shown = item.text_in("eligibility", lang)
    return {
        "id": item.id, "competition": competition.key,
        "competition_name": competition.name(lang), "title": item.title(lang),
        "year": item.year, "state": item.state, "state_title": item.state_title,
        "opens_at": iso(item.opens_at), "closes_at": iso(item.closes_at),
        "judging_ends_at": iso(item.judging_ends_at), "eligibility": text, "language": shown,
        "criteria": [{"name": c.text_in("name", lang)[0], "weight": c.weight,
                      "guidance": c.text_in("description", lang)[0]} for c in item.criteria],
        "questions": item.questions_in(lang),
        "required_attachments": item.attachments_in(lang),
        "results_notes": item.text_in("results_notes", lang)[0] if item.results_public
        else "",
        "results_published_at": iso(item.published_at) if item.results_public else None,
        "results": [{"rank": entry.rank, "title": entry.title,
                     "entrant": entry.entrant_name, "award": entry.award,
                     "award_title": entry.award_title,
                     "score": f"{entry.final_score:.2f}" if entry.final_score is not None
                     else None} for entry in ranked],
        "updated_at": iso(item.updated_at),
        "url": external_url("competitions.edition", key=competition.key, year=item.year),
    }


def project(item, lang: str) -> dict:
    """The contact person is left out: the page shows it only once an offer is accepted."""
    from diaspora_platform.projects import queries
    from diaspora_platform.projects.vocabulary import skill_label

    title, shown = item.text_in("title", lang)
    return {
        "id": item.id, "organisation_id": item.organisation_id, "title": title,
        "language": shown,
        "sector": item.sector, "sector_title": item.sector_title, "region": item.region,
        "region_title": item.region_title, "town": item.town, "stage": item.stage,
        "stage_title": item.stage_title,
        "budget": money(item.budget_minor, item.budget_currency),
        "offers_until": iso(item.offers_until),
        "description": item.text_in("description", lang)[0], "closed_at": iso(item.closed_at),
        "skills_needed": [{"skill": need.skill, "title": skill_label(need.skill),
                           "experts_needed": need.experts_needed, "hours": need.hours,
                           "accepted": need.accepted} for need in item.skills],
        "updates": [{"title": up.text_in("title", lang)[0],
                     "body": up.text_in("body", lang)[0], "milestone": up.is_milestone,
                     "created_at": iso(up.created_at)} for up in queries.timeline(item)],
        "updated_at": iso(item.updated_at),
        "url": page_link("projects.detail", project_id=item.id),
    }


def expert(profile, lang: str) -> dict:
    """What the profile page shows; the member's own fields only where they are public."""
    from diaspora_platform.accounts.vocabulary import PROFILE_FIELDS
    from diaspora_platform.projects.vocabulary import sector_label, skill_label

    user = profile.user
    public = {field: user.public_value(field) for field in PROFILE_FIELDS}
    return {
        "id": profile.id, "name": profile.name,
        "headline": profile.text_in("headline", lang)[0],
        "skills": [{"skill": key, "title": skill_label(key)} for key in profile.skills],
        "keywords": profile.keyword_list,
        "sectors": [{"sector": key, "title": sector_label(key)} for key in profile.sectors],
        "languages": profile.languages, "years_experience": profile.years_experience,
        "hours_per_month": profile.hours_per_month, "mode": profile.mode,
        "mode_title": profile.mode_title, "travel_countries": profile.travel_countries,
        "cv": profile.text_in("cv", lang)[0], "link": profile.link, **public,
        "updated_at": iso(profile.updated_at),
        "url": page_link("experts.detail", expert_id=profile.id),
    }


def campaign(figures, lang: str) -> dict:
    """A campaign with its stored totals (the same figures its page shows)."""
    item = figures.campaign
    return {
        "id": item.id, "title": item.title_in(lang), "description": item.description_in(lang),
        "status": item.status, "status_title": item.status_title,
        "currency": item.currency, "currencies": item.currency_list,
        "target": money(item.target_minor, item.currency),
        "starts_on": iso(item.starts_on), "ends_on": iso(item.ends_on),
        "project_id": item.project_id, "match_sponsor": item.match_sponsor,
        "match_ratio": item.match_ratio,
        "match_cap": money(item.match_cap_minor, item.currency),
        "match_remaining": money(figures.match_remaining, item.currency),
        "contributors": figures.contributors,
        "totals": [{key: money(getattr(row, key), row.currency) for key in
                    ("pledged", "received", "pending", "cancelled", "matched", "spent",
                     "held")} | {"currency": row.currency} for row in figures.rows],
        "updated_at": iso(item.updated_at),
        "url": page_link("fund.campaign", campaign_id=item.id),
    }


def ledger_entry(row: dict, lang: str) -> dict:
    """A ledger row as the public export gives it (the hashed fields unchanged, so the
    chain can be verified), with the amounts also as decimal strings."""
    return {**row, "amount": money(row["amount_minor"], row["currency"]),
            "balance": money(row["balance_minor"], row["currency"]),
            "pending": money(row["pending_minor"], row["currency"])}


def decision(item, lang: str, titles: dict, reasons: dict) -> dict:
    """A line of the public moderation log: no names, no content."""
    return {
        "id": item.id, "content_type": item.content_type,
        "content_type_title": str(titles.get(item.content_type, item.content_type)),
        "decision": item.decision, "reason": item.reason,
        "reason_title": str(reasons[item.reason]) if item.reason in reasons else None,
        "waited_seconds": item.waited_seconds, "created_at": iso(item.created_at),
    }


TRANSLATED = {
    "organisations": ("name", "kind_title", "country_name"),
    "places": ("kind_title", "country_name", "operating_title"),
    "events": ("kind_title", "country_name", "audience_title"),
    "news": ("title", "body", "language", "category_title"),
    "resources": ("kind_title", "audience_title", "level_title"),
    "competitions": ("competition_name", "title", "state_title", "results", "eligibility",
                     "language", "criteria", "questions", "required_attachments",
                     "results_notes"),
    "projects": ("title", "description", "language", "sector_title", "region_title",
                 "stage_title", "skills_needed", "updates"),
    "experts": ("mode_title", "skills", "sectors"),
    "campaigns": ("title", "description", "status_title"),
    "ledger": (),
    "moderation-log": ("content_type_title", "reason_title"),
}
