"""The map and statistics pages' content, cached per measure and language (see cache)."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import format_date
from markupsafe import Markup

from diaspora_platform.database import utcnow
from diaspora_platform.directory.vocabulary import PLACE_KIND_TITLES, PlaceKind
from diaspora_platform.facts import TOP_DESTINATIONS, key_facts
from diaspora_platform.formatting import month_year
from diaspora_platform.i18n import country_name
from diaspora_platform.statistics import charts, queries
from diaspora_platform.statistics.cache import cached, cached_by_input
from diaspora_platform.statistics.maps import build_map
from diaspora_platform.statistics.measures import (
    MEASURE_TABLES,
    Measure,
    shown_count,
)

CSV_COUNTRY_FIELDS = ("country_code", "country", "organisations", "places",
                      *(f"places_{kind.value}" for kind in PlaceKind),
                      "members_public_country", "undesa_emigrants_2024")
CSV_MONTH_FIELDS = ("month", "registrations")


def _render(template: str, **context) -> Markup:
    """A fragment that is cached and shown to everyone: rendered without the context
    processors, so nothing of the current user (or their queries) can end up in it."""
    return Markup(current_app.jinja_env.get_template(template).render(**context))


def country_counts(measure: Measure) -> dict[str, int]:
    """Exact counts per country (not for display: see measures.shown_count)."""
    return cached(("counts", measure), MEASURE_TABLES[measure],
                  lambda: queries.country_counts(measure))


def map_fragment(measure: Measure, lang: str) -> Markup:
    """The map, its legend and tables, rendered again only when a count changed."""
    counts = country_counts(measure)

    def build() -> Markup:
        world_map = build_map(measure, counts, lang)
        return _render("statistics/_map.html", map=world_map)

    return cached_by_input(("map", measure, lang), tuple(sorted(counts.items())), build)


def _month_labels(months: list[date]) -> dict[date, tuple[str, str, str]]:
    return {m: (month_year(m), format_date(m, "LLL"), format_date(m, "y"))
            for m in months}


def registrations() -> dict[date, int]:
    """Counted members by the month they joined; their sum is the members total."""
    return cached(("registrations",), ("users",), queries.registrations_by_month)


def places_by_kind_and_country() -> dict[tuple[str, str], int]:
    return cached(("places_by_kind",), MEASURE_TABLES[Measure.PLACES],
                  queries.places_by_kind_and_country)


def places_by_kind() -> dict[str, int]:
    counts: dict[str, int] = {}
    for (_, kind), n in places_by_kind_and_country().items():
        counts[kind] = counts.get(kind, 0) + n
    return counts


def comparison(lang: str) -> list[dict]:
    """UN DESA's estimated emigrants next to what is registered here, per destination."""
    members = country_counts(Measure.MEMBERS)
    organisations = country_counts(Measure.ORGANISATIONS)
    places = country_counts(Measure.PLACES)
    return [{"code": d.country, "name": country_name(d.country, lang),
             "emigrants": d.emigrants,
             "members": shown_count(Measure.MEMBERS, members.get(d.country, 0)),
             "organisations": organisations.get(d.country, 0),
             "places": places.get(d.country, 0)} for d in TOP_DESTINATIONS]


def statistics_fragment(lang: str) -> Markup:
    """Totals, both charts and the comparison table, rendered again only when a figure
    (or the month) changed."""
    today = utcnow().date()
    counts = registrations()
    kinds = places_by_kind()
    totals = {"organisations": sum(country_counts(Measure.ORGANISATIONS).values()),
              "places": sum(kinds.values()), "members": sum(counts.values())}
    rows = comparison(lang)
    organisations = len(country_counts(Measure.ORGANISATIONS))

    def build() -> Markup:
        months = charts.month_range(today, charts.MONTHS_SHOWN)
        labels = _month_labels(months)
        recent = months[-charts.MONTHS_SHOWN_NARROW:]
        return _render(
            "statistics/_figures.html", totals=totals,
            months=charts.month_chart(counts, months, labels),
            recent=charts.month_chart(counts, recent, labels, width=420, height=240),
            kinds=charts.row_chart([(k.value, str(PLACE_KIND_TITLES[k]), kinds.get(k.value, 0))
                                    for k in PlaceKind]),
            comparison=rows, source=key_facts()["sources"]["destinations"],
            countries=organisations)

    inputs = (today.replace(day=1), tuple(sorted(counts.items())),
              tuple(sorted(kinds.items())), tuple(sorted(totals.items())),
              tuple(tuple(sorted(row.items())) for row in rows), organisations)
    return cached_by_input(("statistics", lang), inputs, build)


def country_rows(lang: str) -> list[dict]:
    """One row per country with anything counted or estimated, for the CSV export."""
    counts = {m: country_counts(m) for m in Measure}
    by_kind = places_by_kind_and_country()
    emigrants = {d.country: d.emigrants for d in TOP_DESTINATIONS}
    codes = set(emigrants).union(*counts.values())
    return [{
        "country_code": code, "country": country_name(code, lang),
        "organisations": counts[Measure.ORGANISATIONS].get(code, 0),
        "places": counts[Measure.PLACES].get(code, 0),
        **{f"places_{k.value}": by_kind.get((code, k.value), 0) for k in PlaceKind},
        "members_public_country": shown_count(Measure.MEMBERS,
                                              counts[Measure.MEMBERS].get(code, 0)),
        "undesa_emigrants_2024": emigrants.get(code, ""),
    } for code in sorted(codes)]


def month_rows() -> list[dict]:
    """Registrations per month, from the first one to this month, for the CSV export."""
    counts = registrations()
    return [{"month": m.strftime("%Y-%m"), "registrations": counts.get(m, 0)}
            for m in charts.all_months(counts, utcnow().date())]


def language_coverage() -> dict:
    """How much of the public content (news, campaigns, events, places) can be read in
    all three languages."""
    from diaspora_platform.translations.queries import coverage

    complete, total = coverage()
    return {"complete": complete, "total": total,
            "share": complete / total if total else 0.0}
