"""Build the world map the statistics pages draw: country outlines as SVG path strings.

    .venv/bin/python scripts/build_world_map.py

Reads Natural Earth's 1:110m country outlines from the vendored npm package world-atlas
(static/vendor/world-atlas-2.0.2/countries-110m.json, TopoJSON with ISO 3166 numeric ids),
decodes the arcs, projects them with the Equal Earth projection (equal-area, so shading
is not exaggerated near the poles) and writes diaspora_platform/statistics/world.json:
one SVG path per ISO 3166-1 alpha-2 code, in a viewBox `width` x `height`. The app reads
only that file; nothing is fetched or built at runtime. Rerun after updating the vendored
package and commit the result.

Choices made here:
- Antarctica is left out (nobody is counted there; it would take a fifth of the height).
- Natural Earth's de facto units without an ISO code are drawn as plain land:
  Northern Cyprus and Somaliland are merged into the ISO country they belong to (CY, SO),
  because members and organisations can only choose ISO codes; Kosovo has no ISO
  3166-1 code and is drawn as land without data.
- A country whose outline is smaller than SMALL_PX on the map is marked "small" and gets
  a "dot" position (where the map can draw a marker); the pages list small and undrawn
  countries in a table beside the map.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from diaspora_platform.statistics.projection import equal_earth  # noqa: E402

SOURCE = ROOT / "static" / "vendor" / "world-atlas-2.0.2" / "countries-110m.json"
TARGET = ROOT / "diaspora_platform" / "statistics" / "world.json"
WIDTH = 1000.0  # viewBox width; the height follows from the projection
PAD = 4.0  # viewBox units around the land
PRECISION = 10  # coordinates rounded to 1/10 of a viewBox unit
SMALL_PX = 6.0  # outlines whose bounding box is smaller than this on both axes are "small"
SKIP = {"010"}  # Antarctica
MERGE = {"N. Cyprus": "CY", "Somaliland": "SO"}

def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc (TopoJSON stores quantized deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]):
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def alpha2(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name")
    if name in MERGE:
        return MERGE[name]
    country = pycountry.countries.get(numeric=geometry["id"]) if geometry.get("id") else None
    return country.alpha_2 if country else None


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous: a ring crossing the antimeridian runs past +-180."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def clip(ring, keep, cross) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against one half-plane: `keep(point)`, `cross(a, b)` the edge's
    intersection with the boundary."""
    out = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if keep(current):
            if not keep(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif keep(previous):
            out.append(cross(previous, current))
    return out


def at_lon(lon: float):
    def cross(a, b):
        t = (lon - a[0]) / (b[0] - a[0])
        return (lon, a[1] + t * (b[1] - a[1]))
    return cross


def split_at_antimeridian(ring):
    """Rings crossing +-180 degrees cut into the parts on either side (shifted back)."""
    ring = unwrap(ring)
    low, high = min(lon for lon, _ in ring), max(lon for lon, _ in ring)
    if -180 <= low and high <= 180:
        return [ring]
    parts = []
    for k in range(math.floor((low + 180) / 360), math.floor((high + 180) / 360) + 1):
        west, east = -180 + 360 * k, 180 + 360 * k
        part = clip(ring, lambda p, w=west: p[0] >= w, at_lon(west))
        part = clip(part, lambda p, e=east: p[0] <= e, at_lon(east))
        if len(part) >= 3:
            parts.append([(lon - 360 * k, lat) for lon, lat in part])
    return parts


def project_rings(geometry: dict, arcs) -> list[list[tuple[float, float]]]:
    return [[equal_earth(lon, lat) for lon, lat in part]
            for polygon in polygons(geometry) for ring in polygon
            for part in split_at_antimeridian(ring_points(ring, arcs))]


def fmt(value: int) -> str:
    """Tenths as a short SVG number: 12 -> "1.2", -5 -> "-.5", 30 -> "3"."""
    text = f"{value / PRECISION:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Each ring as an absolute move and relative lines between the rounded points."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        numbers, px, py = [], x0, y0
        for x, y in rest:
            numbers += [fmt(x - px), fmt(y - py)]
            px, py = x, y
        parts.append(f"M{fmt(x0)} {fmt(y0)}l{join_numbers(numbers)}z")
    return "".join(parts)


def join_numbers(numbers: list[str]) -> str:
    """A space only where two numbers would run together: "1 2" but "1-2" and "1.5.5"."""
    out = [numbers[0]]
    for previous, number in zip(numbers, numbers[1:], strict=False):
        glued = number.startswith("-") or (number.startswith(".") and "." in previous)
        out.append(number if glued else " " + number)
    return "".join(out)


def rounded(ring, scale: float, left: float, top: float) -> list[tuple[int, int]]:
    points = []
    for x, y in ring:
        point = (round((x - left) * scale * PRECISION), round((y - top) * scale * PRECISION))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # "z" closes the ring
    return points if len(points) >= 3 else []


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    shapes: dict[str | None, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in SKIP:
            continue
        shapes.setdefault(alpha2(geometry), []).extend(project_rings(geometry, arcs))
    every = [p for rings in shapes.values() for ring in rings for p in ring]
    left, right = min(x for x, _ in every), max(x for x, _ in every)
    top, bottom = min(y for _, y in every), max(y for _, y in every)
    scale = (WIDTH - 2 * PAD) / (right - left)
    left, top = left - PAD / scale, top - PAD / scale
    height = math.ceil((bottom - top) * scale + PAD)
    countries, unassigned = {}, []
    for code, rings in shapes.items():
        clean = [r for r in (rounded(ring, scale, left, top) for ring in rings) if r]
        if not clean:
            continue
        if code is None:
            unassigned.append(path_data(clean))
            continue
        xs = [x for ring in clean for x, _ in ring]
        ys = [y for ring in clean for _, y in ring]
        size = max(max(xs) - min(xs), max(ys) - min(ys)) / PRECISION
        countries[code] = {"d": path_data(clean), "small": size < SMALL_PX}
        if size < SMALL_PX:  # where the map puts a dot for it
            countries[code]["dot"] = [round((max(xs) + min(xs)) / 2 / PRECISION, 1),
                                      round((max(ys) + min(ys)) / 2 / PRECISION, 1)]
    return {
        "source": "Natural Earth 1:110m admin 0 countries, via world-atlas 2.0.2 (npm)",
        "projection": "Equal Earth",
        "width": int(WIDTH), "height": height,
        # Where a projected point lands in the viewBox: ((x - left) * scale, (y - top) * scale)
        "transform": {"scale": scale, "left": left, "top": top},
        "countries": dict(sorted(countries.items())),
        "unassigned": unassigned,
    }


def main() -> None:
    data = build(json.loads(SOURCE.read_text()))
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                 sort_keys=False) + "\n")
    small = [code for code, c in data["countries"].items() if c["small"]]
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(data['countries'])} countries "
          f"({len(small)} small: {' '.join(small)}), {TARGET.stat().st_size // 1024} KB, "
          f"viewBox 0 0 {data['width']} {data['height']}", file=sys.stderr)


if __name__ == "__main__":
    main()
