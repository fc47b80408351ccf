"""Stylesheets and scripts are fetched once per browser, not once per page, and a changed
file is fetched again because its address changes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from diaspora_platform.static_files import StaticVersions

pytestmark = pytest.mark.any_database

ROOT = Path(__file__).resolve().parents[2]


def _linked(html: str, name: str) -> str:
    return re.search(rf'(?:href|src)="(/static/{re.escape(name)}\?v=[0-9a-f]+)"', html)[1]


def test_pages_link_static_files_by_their_content_and_those_addresses_are_cached_for_a_year(
        client):
    page = client.get("/").get_data(as_text=True)
    address = _linked(page, "css/site.css")
    digest = hashlib.sha256((ROOT / "static/css/site.css").read_bytes()).hexdigest()[:12]
    assert address.endswith(f"?v={digest}")
    assert _linked(page, "js/site.js")

    response = client.get(address)
    assert response.status_code == 200
    assert response.cache_control.max_age == 31_536_000
    assert response.cache_control.public and response.cache_control.immutable
    assert not response.cache_control.no_cache


@pytest.mark.parametrize("address", ["/static/css/site.css", "/static/css/site.css?v=0123456789ab"])
def test_a_file_asked_for_without_its_current_version_is_revalidated(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response.cache_control.no_cache
    assert response.cache_control.max_age is None


def test_vendored_files_carry_their_release_in_the_path_and_are_cached_for_a_year(client):
    # The fonts a stylesheet names have no ?v=; their folder names the release.
    css = client.get(_linked(client.get("/").get_data(as_text=True), "css/fonts.css"))
    font = re.search(r'url\("\.\./(vendor/[^"]+\.woff2)"\)', css.get_data(as_text=True))[1]
    response = client.get(f"/static/{font}")
    assert response.status_code == 200
    assert response.cache_control.max_age == 31_536_000 and response.cache_control.immutable


def test_a_missing_file_gets_no_version_and_stays_a_404(client):
    from flask import url_for

    with client.application.test_request_context():
        assert url_for("static", filename="css/missing.css") == "/static/css/missing.css"
    assert client.get("/static/css/missing.css").status_code == 404


def test_in_debug_mode_a_changed_file_gets_a_new_version_at_once(tmp_path):
    (tmp_path / "a.css").write_text("body { color: red }")
    watched, fixed = StaticVersions(str(tmp_path), watch=True), StaticVersions(str(tmp_path),
                                                                               watch=False)
    before = watched.version("a.css")
    assert fixed.version("a.css") == before
    (tmp_path / "a.css").write_text("body { color: darkred }")
    assert watched.version("a.css") != before
    assert fixed.version("a.css") == before  # a release's files do not change while it runs
    assert watched.version("../outside.css") is None
