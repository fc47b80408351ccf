"""Fixed, translated vocabularies of places: kinds, variants, audiences, operating states."""

from __future__ import annotations

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l


class PlaceKind(TitledEnum):
    CULTURAL_CENTRE = "cultural_centre"
    SCHOOL = "school"
    COURSE = "course"
    LIBRARY = "library"


PLACE_KIND_TITLES = titles(PlaceKind, {
    PlaceKind.CULTURAL_CENTRE: _l("Cultural centre"),
    PlaceKind.SCHOOL: _l("School"),
    PlaceKind.COURSE: _l("Course"),
    PlaceKind.LIBRARY: _l("Library"),
})


class Variant(TitledEnum):
    """What kind of school or course; cultural centres and libraries have none."""

    WEEKEND = "weekend"
    FULL_TIME = "full_time"
    LANGUAGE = "language"
    MUSIC = "music"
    DANCE = "dance"
    CRAFTS = "crafts"
    OTHER = "other"


VARIANT_TITLES = titles(Variant, {
    Variant.WEEKEND: _l("Weekend school"),
    Variant.FULL_TIME: _l("Full-time school"),
    Variant.LANGUAGE: _l("Language course"),
    Variant.MUSIC: _l("Music course"),
    Variant.DANCE: _l("Dance course"),
    Variant.CRAFTS: _l("Crafts course"),
    Variant.OTHER: _l("Other course"),
})

# Which variants each kind takes (a school must say which; a centre or library none).
VARIANTS = {
    PlaceKind.SCHOOL: (Variant.WEEKEND, Variant.FULL_TIME),
    PlaceKind.COURSE: (Variant.LANGUAGE, Variant.MUSIC, Variant.DANCE, Variant.CRAFTS,
                       Variant.OTHER),
    PlaceKind.CULTURAL_CENTRE: (),
    PlaceKind.LIBRARY: (),
}


class Audience(TitledEnum):
    CHILDREN = "children"
    YOUTH = "youth"
    ADULTS = "adults"


AUDIENCE_TITLES = titles(Audience, {
    Audience.CHILDREN: _l("Children"),
    Audience.YOUTH: _l("Young people"),
    Audience.ADULTS: _l("Adults"),
})


class Operating(TitledEnum):
    OPEN = "open"
    TEMPORARILY_CLOSED = "temporarily_closed"
    CLOSED = "closed"


OPERATING_TITLES = titles(Operating, {
    Operating.OPEN: _l("Open"),
    Operating.TEMPORARILY_CLOSED: _l("Temporarily closed"),
    Operating.CLOSED: _l("Closed"),
})

# Fields whose change on an approved place sends it back to review.
