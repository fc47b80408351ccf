"""Reading a dataset for the API: one page by cursor with the filters applied, one item,
the date of the last change, and the rows serialised in one or all languages."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import request
from flask_babel import force_locale

from diaspora_platform import pagination
from diaspora_platform.api.datasets import Dataset
from diaspora_platform.api.serialise import TRANSLATED
from diaspora_platform.extensions import db
from diaspora_platform.i18n import DEFAULT_LANGUAGE, LANGUAGES

PAGE_ARGS = ("limit", "after", "lang")


def reader_language(asked: str | None) -> str:
    """`?lang=` when it names a language, else the Accept-Language header's choice."""
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def filtered(dataset: Dataset, query: dict) -> sa.Select:
    """The dataset's public rows narrowed by the (already checked) query arguments."""
    stmt = dataset.public()
    if dataset.load is not None:
        stmt = stmt.options(*dataset.load())
    since = query.get("updated_since")
    if since is not None and dataset.since is not None:
        stmt = stmt.where(dataset.since >= since)
    for name, value in query.items():
        if name in dataset.filters and value is not None:
            stmt = dataset.filters[name].apply(stmt, value)
    return stmt


def page(dataset: Dataset, query: dict) -> pagination.Page:
    """One page in id order: a harvester's cursor stays valid while rows change."""
    return pagination.paginate(filtered(dataset, query), pagination.key(dataset.id_column),
                               pagination.getters("id"), after=query.get("after"),
                               per_page=query["limit"])


def item(dataset: Dataset, item_id: int):
    stmt = filtered(dataset, {}).where(dataset.id_column == item_id)
    return db.session.scalars(stmt).unique().first()


def last_change(dataset: Dataset) -> datetime | None:
    """When the dataset last changed, for Last-Modified (None when it cannot be told)."""
    if not dataset.dated or dataset.since is None:
        return None
    if dataset.append_only:  # the newest row, through the primary key
        return db.session.scalar(sa.select(dataset.since).order_by(
            dataset.id_column.desc()).limit(1))
    # Every row counts, public or not: hiding an item changes it too.
    return db.session.scalar(sa.select(sa.func.max(dataset.since)))


def item_change(dataset: Dataset, row) -> datetime | None:
    if not dataset.dated or dataset.since is None:
        return None
    return getattr(row, dataset.since.key)


def serialised(dataset: Dataset, rows: list, asked: str | None) -> tuple[list[dict], str]:
    """The rows as dicts in the reader's language; with `all`, each also carries the
    language-dependent fields in every language under `translations`."""
    lang = reader_language(asked)
    prepared = dataset.rows(rows)
    with force_locale(lang):
        out = [dataset.serialise(row, lang) for row in prepared]
    fields = TRANSLATED.get(dataset.name, ())
    if asked == "all" and fields:
        for row in out:
            row["translations"] = {}
        for code in LANGUAGES:
            with force_locale(code):
                for row, source in zip(out, prepared, strict=True):
                    version = dataset.serialise(source, code)
                    row["translations"][code] = {name: version[name] for name in fields}
    return out, lang
