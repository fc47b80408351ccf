"""The API's answers that are not row lists: the statistics page's figures and the
DCAT-style catalogue of every dataset."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import force_locale
from marshmallow import fields

from diaspora_platform.api import args, listing, schemas
from diaspora_platform.api.blueprint import bp
from diaspora_platform.api.datasets import DATASETS, Dataset
from diaspora_platform.api.responses import json_response
from diaspora_platform.api.routes import documented, endpoint, meta
from diaspora_platform.i18n import LANGUAGES
from diaspora_platform.links import external_url

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FREQUENCY = {"daily": "http://purl.org/cld/freq/daily",
             "continuous": "http://purl.org/cld/freq/continuous"}


class CountryFigures(ma.Schema):
    country_code = fields.String()
    country = fields.String()
    organisations = fields.Integer()
    places = fields.Integer()
    places_by_kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    members = fields.String(metadata={
        "description": "Members who show their country publicly; small counts as \"<5\""})
    undesa_emigrants_2024 = fields.Integer(allow_none=True)


class MonthFigures(ma.Schema):
    month = fields.String(metadata={"example": "2026-03"})
    registrations = fields.Integer()


class Statistics(ma.Schema):
    data = fields.Nested(ma.Schema.from_dict({
        "countries": fields.List(fields.Nested(CountryFigures)),
        "registrations": fields.List(fields.Nested(MonthFigures))}, name="StatisticsData"))
    meta = fields.Nested(schemas.Meta)


def _country(row: dict) -> dict:
    kinds = {key[len("places_"):]: value for key, value in row.items()
             if key.startswith("places_")}
    return {"country_code": row["country_code"], "country": row["country"],
            "organisations": row["organisations"], "places": row["places"],
            "places_by_kind": kinds, "members": str(row["members_public_country"]),
            "undesa_emigrants_2024": row["undesa_emigrants_2024"] or None}


def statistics(query):
    from diaspora_platform.statistics import services

    lang = listing.reader_language(query.get("lang"))
    with force_locale(lang):
        countries = [_country(row) for row in services.country_rows(lang)]
    payload = Statistics().dump({"data": {"countries": countries,
                                          "registrations": services.month_rows()},
                                 "meta": meta(lang)})
    return json_response(payload)


bp.route("/statistics", endpoint="statistics")(bp.doc(
    summary="Statistics: figures by country, registrations by month", tags=["statistics"])(
    bp.arguments(ma.Schema.from_dict(args.item_fields(), name="StatisticsQuery"),
                 location="query", unknown=ma.RAISE, error_status_code=400)(
        documented(statistics, "list", Statistics))))


def _in_languages(text) -> list[dict]:
    values = []
    for code in LANGUAGES:
        with force_locale(code):
            values.append({"@language": code, "@value": str(text)})
    return values


def _distribution(url: str, media_type: str, title: str) -> dict:
    return {"@type": "dcat:Distribution", "dcat:accessURL": url, "dct:title": title,
            "dcat:mediaType": media_type, "dct:license": LICENCE_URL}


def _dataset(dataset: Dataset) -> dict:
    name = endpoint(dataset)
    changed = listing.last_change(dataset)
    spread = [_distribution(external_url(f"api.{name}_list"), "application/json",
                            "JSON (API, pages by cursor)") | {
                  "dct:conformsTo": external_url("api_pages.openapi")},
              _distribution(external_url(f"api.{name}_csv"), "text/csv", "CSV")]
    spread += [_distribution(external_url(old), "text/csv" if old.endswith("csv")
                             else "application/json", "Earlier export")
               for old in dataset.exports]
    return {
        "@type": "dcat:Dataset", "dct:identifier": dataset.name,
        "dct:title": _in_languages(dataset.title),
        "dct:description": _in_languages(dataset.description),
        "dct:license": LICENCE_URL, "dct:accrualPeriodicity": FREQUENCY[dataset.frequency],
        "dct:modified": changed.isoformat() if changed else None,
        "dcat:landingPage": external_url(dataset.web_endpoint),
        "dcat:distribution": spread,
    }


class Catalogue(ma.Schema):
    context = fields.Dict(data_key="@context")
    type = fields.String(data_key="@type")
    title = fields.List(fields.Dict(), data_key="dct:title")
    publisher = fields.Dict(data_key="dct:publisher")
    licence = fields.String(data_key="dct:license")
    homepage = fields.String(data_key="foaf:homepage")
    datasets = fields.List(fields.Dict(), data_key="dcat:dataset")


def catalogue(query):
    from diaspora_platform.i18n import _l

    payload = Catalogue().dump({
        "context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                    "foaf": "http://xmlns.com/foaf/0.1/"},
        "type": "dcat:Catalog",
        "title": _in_languages(_l("Open data of the Tajik diaspora platform")),
        "publisher": {"@type": "foaf:Organization",
                      "foaf:name": _in_languages(_l("Coordination Council"))},
        "licence": LICENCE_URL, "homepage": external_url("main.home"),
        "datasets": [_dataset(dataset) for dataset in DATASETS.values()]})
    return json_response(payload)


bp.route("/catalogue.json", endpoint="catalogue")(bp.doc(
    summary="DCAT catalogue of every dataset", tags=["catalogue"])(
    bp.arguments(ma.Schema.from_dict({}, name="CatalogueQuery"), location="query",
                 unknown=ma.RAISE, error_status_code=400)(
        documented(catalogue, "list", Catalogue))))
