"""The world map's content: every country's count, shading class and name in a language.

Outlines come from world.json, built once by scripts/build_world_map.py from the vendored
Natural Earth data (world-atlas); nothing here touches the network or npm.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diaspora_platform.collation import sort_key
from diaspora_platform.i18n import country_name
from diaspora_platform.statistics.measures import (
    LegendClass,
    Measure,
    class_bounds,
    class_of,
    is_suppressed,
    legend,
    shown_count,
)

WORLD_FILE = Path(__file__).with_name("world.json")
HOME = "TJ"  # outlined on the map for orientation


@cache
def world() -> dict:
    return json.loads(WORLD_FILE.read_text(encoding="utf-8"))


def project(lon: float, lat: float) -> tuple[float, float]:
    """Where a place at lon/lat lands in the map's viewBox."""
    from diaspora_platform.statistics.projection import equal_earth

    t = world()["transform"]
    x, y = equal_earth(lon, lat)
    return round((x - t["left"]) * t["scale"], 1), round((y - t["top"]) * t["scale"], 1)


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    count: int | str  # as published: "<5" for suppressed member counts
    shade: int
    suppressed: bool
    on_map: bool  # drawn large enough to see and point at


@dataclass(frozen=True)
class Shape:
    code: str | None  # None: land without an ISO 3166 code (Kosovo)
    name: str
    d: str
    shade: int
    row: CountryRow | None  # None: nothing counted there
    dot: tuple[float, float] | None = None  # marker for a small country with a count


@dataclass(frozen=True)
class WorldMap:
    measure: Measure
    width: int
    height: int
    shapes: list[Shape]
    rows: list[CountryRow]  # every country with a count: the text alternative
    hidden: list[CountryRow]  # too small to see or not drawn at 1:110m
    legend: list[LegendClass]
    countries: int

    @property
    def empty(self) -> bool:
        return not self.rows


def _sort_key(row: CountryRow, lang: str):
    # Suppressed counts sort after the others and by name only: ordering them by their
    # true values would tell "<5" apart.
    exact = row.count if isinstance(row.count, int) else 0
    return (row.suppressed, -exact, sort_key(row.name, lang))


def build_map(measure: Measure, counts: dict[str, int], lang: str) -> WorldMap:
    """Rows, shapes and legend for `counts` in language `lang`."""
    data = world()
    outlines = data["countries"]
    top = max(counts.values(), default=0)
    bounds = class_bounds(measure, top)
    rows = sorted((CountryRow(code, country_name(code, lang), shown_count(measure, n),
                              class_of(n, bounds), is_suppressed(measure, n),
                              code in outlines and not outlines[code]["small"])
                   for code, n in counts.items() if n > 0), key=lambda row: _sort_key(row, lang))
    by_code = {row.code: row for row in rows}
    shapes = [Shape(None, "", d, 0, None) for d in data["unassigned"]]
    for code, shape in outlines.items():
        row = by_code.get(code)
        name = row.name if row else country_name(code, lang)
        dot = tuple(shape["dot"]) if row and "dot" in shape else None
        shapes.append(Shape(code, name, shape["d"], row.shade if row else 0, row, dot))
    return WorldMap(measure, data["width"], data["height"], shapes, rows,
                    [row for row in rows if not row.on_map], legend(measure, bounds, top),
                    len(rows))

