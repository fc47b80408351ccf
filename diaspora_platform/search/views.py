"""The search page and its JSON twin."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user

from diaspora_platform.i18n import current_language, is_supported, valid_country
from diaspora_platform.inputs import int_arg
from diaspora_platform.language_urls import in_language
from diaspora_platform.search import registry, service

bp = Blueprint("search", __name__)


def _params():
    args = request.args
    type_key = args.get("type") or None
    country = (args.get("country") or "").upper() or None
    return {
        "text": args.get("q", ""),
        "type_key": type_key if type_key and registry.get(type_key) else None,
        "country": country if country and valid_country(country) else None,
        "staff": bool(getattr(current_user, "acts_as_staff", False)) and args.get("staff") == "1",
        "page": max(1, min(args.get("page", 1, type=int_arg), service.MAX_PAGE)),
        "exact": args.get("exact") == "1",
    }


def _language() -> str:
    """The JSON twins have no language in their address: a page asks in its own (?lang=)."""
    asked = request.args.get("lang")
    return asked if is_supported(asked) else current_language()


@bp.route("/search")
def search_page():
    params = _params()
    results = (service.search(**params, lang=current_language())
               if params["text"].strip() else None)
    pages = max(1, -(-results.total // service.PER_PAGE)) if results else 1
    return render_template("search/results.html", params=params, results=results,
                           pages=pages, types={t.key: t.title for t in registry.all_types()},
                           too_long=len(params["text"]) > service.MAX_QUERY)


@bp.route("/search.json")
def search_json():
    params, lang = _params(), _language()
    results = service.search(**params, lang=lang)
    return jsonify(
        query=params["text"][:service.MAX_QUERY], total=results.total, more=results.more,
        page=params["page"], corrected=results.corrected,
        suggestion=results.suggestion, facets=results.facets,
        results=[{"type": h.type, "title": h.title, "url": in_language(h.url, lang),
                  "country": h.country, "languages": h.languages, "snippet": str(h.snippet)}
                 for h in results.hits],
    )


@bp.route("/search/suggest.json")
def suggest_json():
    """Type-ahead: titles of public items for what is typed so far (reader's language)."""
    text, lang = request.args.get("q", ""), _language()
    items = service.typeahead(text, lang)
    for item in items:
        item["url"] = in_language(item["url"], lang)
    return jsonify(query=text[:service.MAX_QUERY], items=items)
