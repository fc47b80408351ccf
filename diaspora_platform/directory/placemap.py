"""The directory's map view: places with coordinates as points on the server-rendered
world map of the statistics pages (no tiles, no CDN, no script)."""

from __future__ import annotations

from functools import cache

from flask import render_template
from markupsafe import Markup

from diaspora_platform.statistics.maps import project, world


@cache
def _outlines() -> tuple[str, ...]:
    data = world()
    return tuple(shape["d"] for shape in data["countries"].values()) + tuple(data["unassigned"])


def render_place_map(points) -> Markup:
    """points: (id, name, kind, latitude, longitude) rows."""
    data = world()
    outlines = _outlines()
    dots = [(place_id, name, kind, *project(lon, lat))
            for place_id, name, kind, lat, lon in points]
    return Markup(render_template("directory/_place_map.html", width=data["width"],
                                  height=data["height"], outlines=outlines, dots=dots))
