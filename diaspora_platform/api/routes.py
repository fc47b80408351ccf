"""The list, item and CSV routes of every dataset, made from its description."""

from __future__ import annotations

import marshmallow as ma
from flask import abort, request

from diaspora_platform import opendata
from diaspora_platform.api import args, csv_rows, listing, schemas
from diaspora_platform.api.blueprint import bp
from diaspora_platform.api.datasets import DATASETS, Dataset
from diaspora_platform.api.responses import json_response
from diaspora_platform.links import external_url

REFUSALS = {400: "Bad input: the message names the argument", 404: "No such public item",
            429: "Too many requests from this client"}


def documented(view, kind: str, ok_schema=None):
    """Document the answers every route may give besides 200."""
    for code, text in REFUSALS.items():
        if code != 404 or kind == "item":
            view = bp.alt_response(code, schema=schemas.Error, description=text)(view)
    view = bp.alt_response(304, description="Not modified: your copy is current")(view)
    return bp.response(200, ok_schema)(view) if ok_schema else view


def query_schema(dataset: Dataset) -> type[ma.Schema]:
    extra = {name: f.field for name, f in dataset.filters.items()}
    return args.schema(dataset.name.title().replace("-", ""), extra,
                       has_since=dataset.since is not None)


def next_link(dataset: Dataset, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    kept = {k: v for k, v in request.args.items() if k != "after"}
    return external_url(f"api.{endpoint(dataset)}_list", after=cursor, **kept)


def endpoint(dataset: Dataset) -> str:
    return dataset.name.replace("-", "_")


def meta(lang: str, count: int | None = None) -> dict:
    found = {"licence": schemas.LICENCE, "lang": lang}
    if count is not None:
        found["count"] = count
    return found


def make_list(dataset: Dataset, many: type[ma.Schema]):
    dump = many().dump  # one instance: building a schema copies its fields

    def view(query):
        page = listing.page(dataset, query)
        data, lang = listing.serialised(dataset, page.items, query.get("lang"))
        payload = dump({
            "data": data, "meta": meta(lang, len(data)),
            "links": {"self": request.url, "next": next_link(dataset, page.next_cursor)}})
        return json_response(payload, listing.last_change(dataset))
    return view


def make_item(dataset: Dataset, one: type[ma.Schema]):
    dump = one().dump

    def view(query, item_id: int):
        row = listing.item(dataset, item_id)
        if row is None:
            abort(404)
        data, lang = listing.serialised(dataset, [row], query.get("lang"))
        return json_response(dump({"data": data[0], "meta": meta(lang)}),
                             listing.item_change(dataset, row))
    return view


def make_csv(dataset: Dataset):
    def view(query):
        return opendata.csv_response(csv_rows.rows(dataset, query),
                                     csv_rows.columns(dataset.schema),
                                     f"{dataset.name}.csv")
    return view


def _with_query(schema: type[ma.Schema]):
    return bp.arguments(schema, location="query", unknown=ma.RAISE, error_status_code=400)


def register(dataset: Dataset) -> None:
    """The three routes of one dataset: its list, one item, everything as CSV."""
    name, title = endpoint(dataset), str(dataset.title)
    label = dataset.name.title().replace("-", "")
    many, one = schemas.envelopes(label, dataset.schema)
    q = query_schema(dataset)
    tag = {"tags": [dataset.name]}
    bp.route(f"/{dataset.name}", endpoint=f"{name}_list")(
        bp.doc(summary=f"{title}: list", description=str(dataset.description), **tag)(
            _with_query(q)(documented(make_list(dataset, many), "list", many))))
    bp.route(f"/{dataset.name}/<int:item_id>", endpoint=f"{name}_item")(
        bp.doc(summary=f"{title}: one item", **tag)(
            _with_query(ma.Schema.from_dict(args.item_fields(), name=f"{label}ItemQuery"))(
                documented(make_item(dataset, one), "item", one))))
    csv_doc = {"200": {"description": "Every matching row, flattened",
                       "content": {"text/csv": {"schema": {"type": "string"}}}}}
    bp.route(f"/{dataset.name}.csv", endpoint=f"{name}_csv")(
        bp.doc(summary=f"{title}: CSV", responses=csv_doc, **tag)(
            _with_query(csv_rows.query_schema(q, label))(
                bp.alt_response(400, schema=schemas.Error)(
                    bp.alt_response(429, schema=schemas.Error)(make_csv(dataset))))))


for _dataset in DATASETS.values():
    register(_dataset)
