"""The API's one shape: pages by cursor with `next` links, filters, languages, ISO dates and
amounts as strings, conditional requests, CORS, and a JSON 400 naming every bad argument."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from tests.api.conftest import ids


@pytest.fixture
def orgs(make_org, make_user):
    owner = make_user()
    return [make_org(owner=owner, name=f"Org {n}", country="RU" if n % 2 else "DE")
            for n in range(5)]


def test_pages_follow_next_links_until_every_item_is_read(client, orgs):
    first = client.get("/api/v1/organisations?limit=2").get_json()
    assert len(first["data"]) == 2 and first["meta"]["count"] == 2
    assert first["meta"]["licence"] == "CC BY 4.0"
    assert "after=" in first["links"]["next"] and "limit=2" in first["links"]["next"]
    assert ids(client, "organisations", limit=2) == sorted(org.id for org in orgs)


def test_filters_mirror_the_directory(client, orgs):
    russian = ids(client, "organisations", country="RU")
    assert russian == sorted(org.id for org in orgs if org.country == "RU")
    assert ids(client, "organisations", language="fr") == sorted(o.id for o in orgs)
    assert ids(client, "organisations", language="uz") == []


def test_updated_since_gives_only_what_changed(client, orgs):
    since = utcnow()
    orgs[3].city = "Kazan"
    db.session.commit()
    changed = ids(client, "organisations", updated_since=since.isoformat())
    assert changed == [orgs[3].id]
    assert len(ids(client, "organisations", updated_since="2020-01-01")) == 5


def test_language_by_argument_header_or_all_three(client, orgs):
    url = f"/api/v1/organisations/{orgs[0].id}"
    tajik = client.get(url, query_string={"lang": "tg"}).get_json()
    assert tajik["meta"]["lang"] == "tg" and tajik["data"]["country_name"] == "Олмон"
    russian = client.get(url, headers={"Accept-Language": "ru"}).get_json()
    assert russian["data"]["country_name"] == "Германия"
    every = client.get(url, query_string={"lang": "all"}).get_json()["data"]
    assert every["translations"]["en"]["country_name"] == "Germany"
    assert every["translations"]["ru"]["kind_title"] != every["translations"]["en"]["kind_title"]


def test_dates_are_iso_and_amounts_strings_with_currency(client, made):
    campaign = client.get("/api/v1/campaigns").get_json()["data"][0]
    assert isinstance(campaign["target"]["amount"], str) and campaign["target"]["currency"]
    assert campaign["starts_on"].count("-") == 2
    entry = client.get("/api/v1/ledger").get_json()["data"][0]
    assert entry["amount"] == {"amount": "100.00", "currency": "TJS"}
    assert entry["created_at"].endswith("+00:00")


def test_unchanged_list_answers_304_to_its_etag_and_date(client, orgs):
    first = client.get("/api/v1/organisations")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get("/api/v1/organisations",
                      headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/api/v1/organisations",
                      headers={"If-Modified-Since": modified}).status_code == 304
    orgs[0].city = "Lyon"
    db.session.commit()
    again = client.get("/api/v1/organisations", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again.headers["ETag"] != etag


def test_item_answers_304_to_its_etag(client, orgs):
    url = f"/api/v1/organisations/{orgs[0].id}"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_any_site_may_read_it(client, orgs):
    response = client.get("/api/v1/organisations", headers={"Origin": "https://x.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/organisations")
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(("query", "name"), [
    ({"colour": "red"}, "colour"),
    ({"after": "not-a-cursor"}, "after"),
    ({"after": "WyJ4Il0"}, "after"),  # a cursor holding text, not an id
    ({"limit": "1000000000"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"updated_since": (utcnow() + timedelta(days=2)).isoformat()}, "updated_since"),
    ({"updated_since": "last tuesday"}, "updated_since"),
    ({"lang": "xx"}, "lang"),
    ({"country": "XX"}, "country"),
    ({"kind": "pirates"}, "kind"),
])
def test_bad_argument_gets_a_json_400_naming_it(client, query, name):
    response = client.get("/api/v1/organisations", query_string=query)
    assert response.status_code == 400
    body = response.get_json()
    assert name in body["errors"] and name in body["message"]


def test_garbage_conditional_headers_get_a_400_naming_them(client, orgs):
    for header, value in (("If-None-Match", "garbage"), ("If-Modified-Since", "soon")):
        response = client.get("/api/v1/organisations", headers={header: value})
        assert response.status_code == 400
        assert header in response.get_json()["errors"]


def test_unknown_item_is_a_json_404(client):
    response = client.get("/api/v1/places/999999")
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_csv_comes_from_the_same_schema(client, made):
    text = client.get("/api/v1/campaigns.csv?lang=en").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    api = client.get("/api/v1/campaigns?lang=en").get_json()["data"]
    assert [row["title"] for row in rows] == [row["title"] for row in api]
    assert rows[0]["target.amount"] == api[0]["target"]["amount"]


@pytest.mark.parametrize("url", ["/organisations.json", "/organisations.csv",
                                 "/directory.json", "/directory.csv", "/events/events.json",
                                 "/events/events.csv", "/fund/ledger.json", "/fund/ledger.csv"])
def test_earlier_exports_keep_working(client, made, url):
    assert client.get(url).status_code == 200


def test_catalogue_lists_every_dataset_with_licence_and_frequency(client, made):
    catalogue = client.get("/api/v1/catalogue.json").get_json()
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert {"organisations", "places", "events", "news", "resources", "competitions",
            "projects", "experts", "campaigns", "ledger", "moderation-log"} <= set(datasets)
    ledger = datasets["ledger"]
    assert ledger["dct:license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert ledger["dct:accrualPeriodicity"].endswith("continuous")
    urls = [d["dcat:accessURL"] for d in ledger["dcat:distribution"]]
    assert any(url.endswith("/api/v1/ledger") for url in urls)
    assert any(url.endswith("/fund/ledger.csv") for url in urls)


def test_openapi_document_describes_every_route(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    for path in ("/api/v1/organisations", "/api/v1/organisations/{item_id}",
                 "/api/v1/ledger", "/api/v1/statistics", "/api/v1/catalogue.json"):
        assert path in document["paths"]
    parameters = document["paths"]["/api/v1/events"]["get"]["parameters"]
    assert {"country", "kind", "updated_since", "after", "limit", "lang"} <= {
        p["name"] for p in parameters}


@pytest.mark.parametrize(("lang", "heading"), [("tg", "API-и маълумоти кушода"),
                                               ("ru", "API открытых данных"),
                                               ("en", "Open data API")])
def test_human_page_in_three_languages(client, lang, heading):
    page = client.get("/api/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert heading in page and "/api/v1/organisations" in page


def test_statistics_suppress_small_member_counts(client, orgs):
    countries = client.get("/api/v1/statistics").get_json()["data"]["countries"]
    russia = next(row for row in countries if row["country_code"] == "RU")
    assert russia["organisations"] == 2 and russia["members"] in ("0", "<5")


def test_rate_limit_answers_429_in_json_with_its_headers(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    client = app.test_client()
    first = client.get("/api/v1/news")
    assert first.headers["X-RateLimit-Limit"] == "2"
    client.get("/api/v1/news")
    refused = client.get("/api/v1/news")
    assert refused.status_code == 429 and refused.get_json()["code"] == 429
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
