"""The main public pages, on the demo content, read in Tajik and in Russian at desktop and
phone widths: no English text a person sees (proper names aside), and no country named in
Latin letters ("Türkiye") on Tajik or Russian pages.

A text the page itself declares to be in another language (`lang="en"` on a name shown
with its "no Tajik version yet" note, a language's own name in the language menu) is what
the reader is told it is, and is left out; everything else must be in the page's
language. One browser page walks every address: the demo is seeded once."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from diaspora_platform.extensions import db
from tests.core.test_tajik_pages import ENGLISH_COUNTRIES

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

WIDTHS = (1280, 390)
LANGUAGES = ("tg", "ru")
LISTS = ("/", "/organisations/", "/directory/", "/events/", "/news/", "/resources/",
         "/experts/", "/fund/", "/competitions/", "/projects/", "/guides/", "/statistics",
         "/official/", "/help-to-open/", "/about", "/search?q=Наврӯз")
# English words that are nobody's name: a Latin text holding one of them is English.
ENGLISH_WORDS = frozenset("""
a about all an and are as at be by can click close contact do for from has have here home
how in into is more my new next no not of on one open or our page please previous
read register search see share show sign skip the their there this to up view was we what
when where which who will with you your menu language loading events news organisations
resources experts fund statistics directory projects competitions account privacy terms
accessibility cancel save submit edit delete filter sort all any free
""".split())
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[\s\-–,.:;!?]+[A-Za-z][A-Za-z'’]*)*")
NOT_PROSE = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:org|com|tj|ru)\b")

# The text nodes and read-aloud attributes a person meets, in the page's own language.
READ_TEXTS = """(lang) => {
  const own = (el) => {
    const marked = el.closest('[lang]');
    return !marked || marked.getAttribute('lang').split('-')[0] === lang;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,template,code,pre,kbd')) continue;
    if (!own(el) || !el.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder],[aria-label],img[alt]')) {
    if (!own(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""


def english_in(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for run in LATIN_RUN.findall(NOT_PROSE.sub(" ", text)):
            words = {w.lower().strip("'’") for w in re.findall(r"[A-Za-z'’]+", run)}
            if words & ENGLISH_WORDS:
                found.append(run)
    return found


def _seed(live_server) -> list[str]:
    """The demo content, and the first public detail page of each content type."""
    from diaspora_platform.community.resources.models import Resource
    from diaspora_platform.competitions import catalogue
    from diaspora_platform.competitions.models import Competition, Edition
    from diaspora_platform.experts.models import ExpertProfile, Visibility
    from diaspora_platform.organisations.models import Organisation
    from diaspora_platform.projects.models import Project

    with live_server.app.app_context():  # what the migrations insert; the demo edition's
        db.session.execute(sa.insert(Competition), catalogue.rows())  # competition
        db.session.commit()
    result = live_server.app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with live_server.app.app_context():
        org = db.session.scalar(sa.select(Organisation.id).where(
            Organisation.status == "approved").order_by(Organisation.id))
        resource = db.session.scalar(sa.select(Resource.id).where(
            Resource.status == "approved").order_by(Resource.id))
        expert = db.session.scalar(sa.select(ExpertProfile.id).where(
            ExpertProfile.visibility == Visibility.PUBLIC).order_by(ExpertProfile.id))
        edition = db.session.scalars(sa.select(Edition).where(
            Edition.state == "open").order_by(Edition.id)).first()
        edition_url = f"/competitions/{edition.competition.key}/{edition.year}"
        project = db.session.scalar(sa.select(Project.id).where(
            Project.status == "approved").order_by(Project.id))
    return [*LISTS, f"/organisations/{org}", f"/resources/{resource}", f"/experts/{expert}",
            edition_url, f"/projects/{project}"]


def test_tajik_and_russian_pages_show_no_english_and_no_latin_country_names(
        page, live_server):
    urls = _seed(live_server)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for lang in LANGUAGES:
            for url in urls:
                response = page.goto(f"/{lang}{url}", wait_until="domcontentloaded")
                assert response is not None and response.ok, (lang, url)
                expect(page.locator("html")).to_have_attribute("lang", lang)
                expect(page.locator("main")).to_be_visible()
                texts = page.evaluate(READ_TEXTS, lang)
                for run in english_in(texts):
                    problems.append(f"{width}px /{lang}{url}: English “{run}”")
                for name in ENGLISH_COUNTRIES.findall(" ".join(texts)):
                    problems.append(f"{width}px /{lang}{url}: country in Latin “{name}”")
    assert not problems, "\n".join(dict.fromkeys(problems))
