"""Shading classes, suppression, and the built world map file."""

import pycountry

from diaspora_platform.statistics.charts import month_range, nice_ticks
from diaspora_platform.statistics.maps import world
from diaspora_platform.statistics.measures import (
    Measure,
    class_bounds,
    class_of,
    parse_measure,
    shown_count,
)


def test_classes_are_log_spaced_round_numbers():
    assert class_bounds(Measure.ORGANISATIONS, 40) == [1, 2, 5, 10, 20]
    assert class_bounds(Measure.ORGANISATIONS, 3) == [1, 2, 3]
    assert class_bounds(Measure.ORGANISATIONS, 0) == []


def test_members_first_class_is_exactly_the_suppressed_range():
    assert class_bounds(Measure.MEMBERS, 415)[:2] == [1, 5]
    assert class_bounds(Measure.MEMBERS, 3) == [1]
    bounds = class_bounds(Measure.MEMBERS, 100_000)
    assert len(bounds) == 5 and bounds == sorted(set(bounds))
    assert {class_of(n, bounds) for n in (1, 2, 3, 4)} == {class_of(1, bounds)}
    assert class_of(5, bounds) != class_of(4, bounds)


def test_top_class_is_the_darkest_shade_whatever_the_number_of_classes():
    assert class_of(2, class_bounds(Measure.ORGANISATIONS, 2)) == 5
    assert class_of(400, class_bounds(Measure.MEMBERS, 400)) == 5
    assert class_of(0, [1, 2]) == 0


def test_only_member_counts_are_suppressed():
    assert shown_count(Measure.MEMBERS, 4) == "<5"
    assert shown_count(Measure.MEMBERS, 5) == 5
    assert shown_count(Measure.ORGANISATIONS, 1) == 1


def test_measure_from_the_query_string():
    assert parse_measure(None) is Measure.ORGANISATIONS
    assert parse_measure("places") is Measure.PLACES
    assert parse_measure("users") is None


def test_world_map_has_iso_countries_and_no_antarctica():
    data = world()
    codes = set(data["countries"])
    assert len(codes) > 170 and "AQ" not in codes
    assert all(pycountry.countries.get(alpha_2=code) for code in codes)
    assert {"RU", "TJ", "US", "FJ", "DE"} <= codes
    assert all(c["d"].startswith("M") and c["d"].endswith("z") for c in data["countries"].values())
    assert data["countries"]["LU"]["small"] and not data["countries"]["RU"]["small"]


def test_chart_helpers():
    from datetime import date
    assert month_range(date(2025, 2, 10), 3) == [date(2024, 12, 1), date(2025, 1, 1),
                                                 date(2025, 2, 1)]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(415)[-1] >= 415 and nice_ticks(0) == [0]
