"""Atom (RFC 4287) feeds of public news, one per category, in a chosen language."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.database import utcnow
from diaspora_platform.i18n import _
from diaspora_platform.links import external_url
from diaspora_platform.text import render_markdown

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _iso(value) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _entry(root, item: NewsItem, lang: str) -> None:
    entry = _sub(root, "entry")
    shown = item.language_for(lang)
    entry.set(XML_LANG, shown)
    url = external_url("news.detail", item_id=item.id)
    _sub(entry, "id", url)
    _sub(entry, "title", item.title_in(lang))
    _sub(entry, "link", href=url, rel="alternate", type="text/html")
    for other in item.languages:
        if other != shown:
            _sub(entry, "link", href=external_url("news.detail", item_id=item.id, lang=other),
                 rel="alternate", hreflang=other, type="text/html")
    _sub(entry, "published", _iso(item.published_at))
    _sub(entry, "updated", _iso(max(item.updated_at, item.published_at)))
    author = _sub(entry, "author")
    _sub(author, "name", item.organisation.name if item.organisation
         else _("Diaspora Coordination Council"))
    _sub(entry, "category", term=item.category, label=item.category_title)
    _sub(entry, "content", str(render_markdown(item.body_in(lang))), type="html")


def atom(items: list[NewsItem], category: str, title: str, lang: str) -> bytes:
    """The feed document; `updated` is the newest entry's (or now, when empty)."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    root.set(XML_LANG, lang)
    self_url = external_url("news.feed", category=category, lang=lang)
    _sub(root, "id", external_url("news.feed", category=category))
    _sub(root, "title", title)
    _sub(root, "link", href=self_url, rel="self", type="application/atom+xml")
    _sub(root, "link", href=external_url("news.index", category=None if category == "all"
                                    else category), rel="alternate",
         type="text/html")
    newest = max((max(i.updated_at, i.published_at) for i in items), default=utcnow())
    _sub(root, "updated", _iso(newest))
    for item in items:
        _entry(root, item, lang)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
