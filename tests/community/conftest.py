"""Helpers for community tests: staff, Council news in three languages, organisation news,
resources with real files."""

import io
import zipfile

import pytest
from werkzeug.datastructures import FileStorage

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.demo import sample_pdf
from diaspora_platform.community.news import services as news
from diaspora_platform.community.resources import services as resources

PDF = sample_pdf("Tajik alphabet for children")
TEXTS = {
    "tg": ("Даъват ба Рӯзи Истиқлолият", "Шӯрои ҳамоҳангсозӣ ҳамватанонро даъват мекунад."),
    "ru": ("Приглашение на День независимости", "Координационный совет приглашает всех."),
    "en": ("Join us on Independence Day", "The Coordination Council invites everyone."),
}


def news_data(langs=("tg", "ru", "en"), **overrides) -> dict:
    data = {"category": "announcements", "country": "", "pinned": False, "checked_on": None}
    for lang in ("tg", "ru", "en"):
        title, body = TEXTS[lang] if lang in langs else ("", "")
        data[f"title_{lang}"], data[f"body_{lang}"] = title, body
    data.update(overrides)
    return data


def news_form(langs=("tg", "ru", "en"), **overrides) -> dict:
    """The same, as the browser posts it."""
    data = news_data(langs, **overrides)
    data["checked_on"] = data["checked_on"].isoformat() if data["checked_on"] else ""
    if not data.pop("pinned"):
        data.pop("pinned", None)
    else:
        data["pinned"] = "y"
    return data


def epub_bytes(extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", "<container/>")
        archive.writestr("OEBPS/chapter1.xhtml", "<html><body>Алифбо</body></html>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def upload(data: bytes, filename: str = "book.pdf") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=filename)


def resource_data(**overrides) -> dict:
    data = {"kind": "textbook", "title": "Алифбои тоҷикӣ", "description": "Барои **кӯдакон**.",
            "material_language": "tg", "audience": "children", "level": "beginner", "url": ""}
    data.update(overrides)
    return data


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.org", role=Role.STAFF, display_name="Rustam")


@pytest.fixture
def make_news(staff):
    def make(langs=("tg", "ru", "en"), **overrides):
        return news.publish_council_news(staff, news_data(langs, **overrides))

    return make


@pytest.fixture
def make_org_news():
    def make(owner, org, langs=("en",), **overrides):
        data = news_data(langs, **overrides)
        data.pop("category")
        return news.submit_organisation_news(owner, org, data)

    return make


@pytest.fixture
def make_resource(staff):
    def make(file_bytes=PDF, org=None, user=None, **overrides):
        data = resource_data(**overrides)
        file = upload(file_bytes) if file_bytes is not None else None
        return resources.share_resource(user or staff, data, file, org)

    return make
