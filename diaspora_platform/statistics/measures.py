"""What the map can show, how counts are suppressed, and how they are shaded."""

from __future__ import annotations

import math
from dataclasses import dataclass

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l

# Fewer members than this in a country are shown as "<5": a count of one or two next to a
# country (and a city on the profile) could identify a person.
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
CLASSES = 5  # shading classes besides "none"
NICE_STEPS = (1, 2, 5)


class Measure(TitledEnum):
    ORGANISATIONS = "organisations"
    PLACES = "places"
    MEMBERS = "members"


MEASURE_TITLES = titles(Measure, {
    Measure.ORGANISATIONS: _l("Approved organisations"),
    Measure.PLACES: _l("Centres, schools, courses and libraries"),
    Measure.MEMBERS: _l("Members who made their country public"),
})

# The tables whose changes can change each measure's counts (see statistics.cache).
MEASURE_TABLES = {
    Measure.ORGANISATIONS: ("organisations",),
    Measure.PLACES: ("places", "organisations"),  # a place is public only with its org
    Measure.MEMBERS: ("users",),
}


def parse_measure(value: str | None) -> Measure | None:
    """The measure named in a query string (default: organisations); None if unknown."""
    if not value:
        return Measure.ORGANISATIONS
    return Measure(value) if value in Measure.__members__.values() else None


def is_suppressed(measure: Measure, count: int) -> bool:
    return measure == Measure.MEMBERS and 0 < count < SUPPRESS_BELOW


def shown_count(measure: Measure, count: int) -> int | str:
    """The count as published: members' small counts become "<5"."""
    return SUPPRESSED if is_suppressed(measure, count) else count


def _nice(value: float) -> int:
    """The 1-2-5 step nearest to value on a log scale (37 -> 50, 15 -> 20, 124 -> 100)."""
    exponent = math.floor(math.log10(value))
    steps = [s * 10 ** e for e in (exponent, exponent + 1) for s in NICE_STEPS]
    return min(steps, key=lambda s: abs(math.log10(s) - math.log10(value)))


def class_bounds(measure: Measure, top: int) -> list[int]:
    """Lower bounds of the shading classes for counts up to `top`, on a log scale.

    Members always have a first class of 1-4 ("<5"), so the shading tells no more than
    the suppressed number does."""
    if top < 1:
        return []
    if measure != Measure.MEMBERS and top <= CLASSES:
        return list(range(1, top + 1))
    if measure == Measure.MEMBERS and top < SUPPRESS_BELOW:
        return [1]
    bounds = [1, SUPPRESS_BELOW] if measure == Measure.MEMBERS else [1]
    low, slots = bounds[-1], CLASSES - len(bounds)
    for i in range(1, slots + 1):
        step = _nice(low * (top / low) ** (i / (slots + 1)))
        if bounds[-1] < step <= top:
            bounds.append(step)
    return bounds


def class_of(count: int, bounds: list[int]) -> int:
    """The shade (CSS class map-b1..map-b5) of a count, 0 for none. With fewer classes
    than shades, the classes are spread over the palette so the top one is darkest."""
    if count < 1 or not bounds:
        return 0
    return shade(sum(1 for bound in bounds if count >= bound), len(bounds))


def shade(number: int, classes: int) -> int:
    if classes <= 1:
        return CLASSES // 2 + 1
    return round(1 + (number - 1) * (CLASSES - 1) / (classes - 1))


@dataclass(frozen=True)
class LegendClass:
    shade: int
    low: int
    high: int | None  # None: open-ended top class ("100 or more")
    suppressed: bool = False


def legend(measure: Measure, bounds: list[int], top: int) -> list[LegendClass]:
    rows = []
    for i, low in enumerate(bounds):
        high = bounds[i + 1] - 1 if i + 1 < len(bounds) else (low if top == low else None)
        rows.append(LegendClass(shade(i + 1, len(bounds)), low, high,
                                suppressed=measure == Measure.MEMBERS and low < SUPPRESS_BELOW))
    return rows
