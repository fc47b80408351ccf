"""Directory pages as assistive technology reads them.

The map view's world map is a named group whose dots are links, each named by its place (a
picture, role="img", would make its links presentational: unreachable by screen readers,
and flagged by axe as nested interactive content). On a place's page the editors' "Add
photos" label names the file input, not the photo gallery, which has the id "photos" for
the #photos anchor that adding and removing photos returns to."""

import io
import re
from collections import Counter
from html.parser import HTMLParser

from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db
from tests.fixtures_organisations import png_bytes

EN = {"Accept-Language": "en"}


class MapLinks(HTMLParser):
    """The place map's <svg> attributes, and (href, <title> text) of each link in it."""

    def __init__(self):
        super().__init__()
        self.svg: dict | None = None
        self.links: list[list[str]] = []
        self._in_svg = self._in_link = self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "place-map-svg" in (attrs.get("class") or ""):
            self.svg, self._in_svg = attrs, True
        elif self._in_svg and tag == "a":
            self.links.append([attrs.get("href"), ""])
            self._in_link = True
        elif self._in_link and tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg = False
        elif tag == "a":
            self._in_link = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.links[-1][1] += data


def test_map_dots_are_named_links_in_a_named_group(app, make_place, make_org):
    org = make_org()
    school = make_place(org=org)
    make_place(org=org, kind="library", variant=None, name="Kitobkhona", city="Paris",
               country="FR", latitude=None, longitude=None)  # no location: list only
    page = app.test_client().get("/directory/?view=map", headers=EN).get_data(as_text=True)

    parsed = MapLinks()
    parsed.feed(page)
    assert parsed.svg is not None
    assert parsed.svg["role"] == "group"
    title_id = parsed.svg["aria-labelledby"]
    assert re.search(rf'<title id="{title_id}">World map of centres, schools, courses and '
                     r"libraries</title>", page)
    assert parsed.links == [[f"/en/directory/{school.id}", "Мактаби Рӯдакӣ"]]
    # The same place is a link in the list under the map too (with its kind).
    assert f'<a href="/en/directory/{school.id}">Мактаби Рӯдакӣ</a> · School' in page
    assert "Kitobkhona" not in page


class Ids(HTMLParser):
    """Every id in a page, with its tag, and each label's `for`."""

    def __init__(self):
        super().__init__()
        self.ids: list[tuple[str, str]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append((attrs["id"], tag))
        if tag == "label":
            self._label = attrs.get("for")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label and data.strip():
            self.labels[data.strip()] = self._label


def test_the_add_photos_label_names_the_file_input_not_the_gallery(client, auth, make_place):
    place = make_place()
    auth.login(db.session.get(User, place.created_by_id).email)
    client.post(f"/directory/{place.id}/photos", headers=EN,
                content_type="multipart/form-data",
                data={"photos": [(io.BytesIO(png_bytes()), "one.png")]})
    page = client.get(f"/directory/{place.id}", headers=EN).get_data(as_text=True)

    parsed = Ids()
    parsed.feed(page)
    assert [i for i, n in Counter(i for i, _tag in parsed.ids).items() if n > 1] == []
    tags = dict(parsed.ids)
    assert tags["photos"] == "div"  # the gallery: the anchor photo changes return to
    target = parsed.labels["Add photos (4 more allowed; PNG, JPEG or WebP)"]
    assert tags[target] == "input"
    assert re.search(rf'<input[^>]*type="file"[^>]*id="{target}"[^>]*name="photos"', page)
