"""CSV from the same schemas as the JSON: nested objects become `field.part` columns,
lists of words are joined by spaces, lists of objects are kept as JSON text."""

from __future__ import annotations

import json
from collections.abc import Iterator

import marshmallow as ma
from marshmallow import fields

from diaspora_platform.api import listing
from diaspora_platform.api.datasets import Dataset
from diaspora_platform.extensions import db

BATCH = 500


def query_schema(list_query: type[ma.Schema], label: str) -> type[ma.Schema]:
    """The list's arguments without the page ones: the CSV has every matching row."""
    kept = {name: field for name, field in list_query._declared_fields.items()
            if name not in ("limit", "after")}
    return ma.Schema.from_dict(kept, name=f"{label}CsvQuery")


def columns(schema: type[ma.Schema]) -> tuple[str, ...]:
    names = []
    for name, field in schema._declared_fields.items():
        if name == "translations":
            continue
        if isinstance(field, fields.Nested) and not field.many:
            names.extend(f"{name}.{part}" for part in field.schema.fields)
        else:
            names.append(name)
    return tuple(names)


def flat(row: dict, names: tuple[str, ...]) -> dict:
    out = {}
    for name in names:
        head, _, part = name.partition(".")
        value = row.get(head)
        if part:
            value = value.get(part) if isinstance(value, dict) else None
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            value = json.dumps(value, ensure_ascii=False)
        out[name] = value
    return out


def rows(dataset: Dataset, query: dict) -> Iterator[dict]:
    """Every matching row in id order, serialised a batch at a time."""
    names = columns(dataset.schema)
    dump = dataset.schema().dump
    stmt = listing.filtered(dataset, query).order_by(dataset.id_column)
    batch: list = []
    for row in db.session.scalars(stmt.execution_options(yield_per=BATCH)):
        batch.append(row)
        if len(batch) == BATCH:
            yield from _flush(dataset, batch, query, names, dump)
            batch = []
    yield from _flush(dataset, batch, query, names, dump)


def _flush(dataset, batch, query, names, dump) -> Iterator[dict]:
    data, _lang = listing.serialised(dataset, batch, query.get("lang"))
    for row in data:
        yield flat(dump(row), names)
