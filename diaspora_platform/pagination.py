"""Keyset pagination: every list page seeks by its sort key plus the id, so page 500 costs
what page 1 costs (an OFFSET reads and throws away every row before the page).

A page is addressed by an opaque cursor, `?after=` (the rows that follow) or `?before=`
(the rows that precede): the URL-safe base64 of the boundary row's key values in JSON. A
cursor that does not decode, or does not fit the list's key, means the first page: a
hand-edited or stale link never fails. Old `?page=N` links are answered with the first page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask import request, url_for

from diaspora_platform.extensions import db

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_CURSOR = 512  # characters; a longer one is not a cursor this site wrote


@dataclass(frozen=True)
class Key:
    """One sort column of a list, ascending unless `desc`."""

    column: sa.ColumnElement
    desc: bool = False


def key(*columns) -> tuple[Key, ...]:
    """`key(Model.name, Model.id)` or `key(desc(Model.created_at), desc(Model.id))`."""
    return tuple(c if isinstance(c, Key) else Key(c) for c in columns)


def desc(column) -> Key:
    return Key(column, desc=True)


def _plain(value):
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _typed(value):
    if isinstance(value, dict) and len(value) == 1:
        (tag, text), = value.items()
        if tag in ("dt", "d") and isinstance(text, str):
            parsed = datetime.fromisoformat(text)
            return parsed if tag == "dt" else parsed.date()
        raise ValueError("unknown tag")
    if value is None or isinstance(value, (bool, int, str, float)):
        return value
    raise ValueError("unsupported value")


def encode_cursor(values: Sequence) -> str:
    text = json.dumps([_plain(v) for v in values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, width: int) -> list | None:
    """The key values in `cursor`, or None when it is absent or not a valid cursor."""
    if not cursor or len(cursor) > MAX_CURSOR:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode())
        if not isinstance(values, list) or len(values) != width or values[-1] is None:
            return None
        return [_typed(v) for v in values]
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
        return None


def _python_type(k: Key):
    kind = k.column.type
    kind = getattr(kind, "impl_instance", None) or getattr(kind, "impl", kind)
    try:
        return kind.python_type
    except (NotImplementedError, AttributeError):
        return None


def _fits(keys: Sequence[Key], values: list | None) -> list | None:
    """`values` if each has its key column's type (a string never meets an integer)."""
    if values is None:
        return None
    for k, value in zip(keys, values, strict=True):
        expected = _python_type(k)
        if value is None or expected is None:
            continue
        if expected is float and isinstance(value, int):
            continue
        if not isinstance(value, expected) or (expected is date and isinstance(value, datetime)):
            return None
    return values


def _seek(keys: Sequence[Key], values: Sequence, forward: bool):
    """Rows strictly after (forward) or before the row whose key is `values`."""
    clauses = []
    for i, (k, value) in enumerate(zip(keys, values, strict=True)):
        later = (k.column < value) if k.desc == forward else (k.column > value)
        clauses.append(sa.and_(*[p.column == v for p, v in zip(keys[:i], values[:i],
                                                                  strict=False)], later))
    return sa.or_(*clauses)


def _order(keys: Sequence[Key], forward: bool):
    return [k.column.desc() if k.desc == forward else k.column.asc() for k in keys]


@dataclass
class Page:
    """One page of a list, and the cursors of its neighbours."""

    items: list
    next_cursor: str | None = None
    prev_cursor: str | None = None
    per_page: int = DEFAULT_PER_PAGE
    extra: dict = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_prev(self) -> bool:
        return self.prev_cursor is not None

    def next_url(self, endpoint: str, **args) -> str | None:
        """Link to the next page (also for a JSON API's `next`), other arguments kept."""
        return url_for(endpoint, after=self.next_cursor, **args) if self.has_next else None

    def prev_url(self, endpoint: str, **args) -> str | None:
        return url_for(endpoint, before=self.prev_cursor, **args) if self.has_prev else None


def _values(row, getters) -> list:
    return [get(row) for get in getters]


def paginate(stmt: sa.Select, keys: Sequence[Key], getters, *, after: str | None = None,
             before: str | None = None, per_page: int = DEFAULT_PER_PAGE,
             scalars: bool = True) -> Page:
    """One page of `stmt` ordered by `keys`; `getters` read each key's value from a row
    (e.g. `lambda o: o.name_key`). Reads `per_page + 1` rows, never counts the table."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    width = len(keys)
    boundary = _fits(keys, decode_cursor(after, width))
    forward = True
    if boundary is None:
        boundary = _fits(keys, decode_cursor(before, width))
        forward = boundary is None
    seek = stmt if boundary is None else stmt.where(_seek(keys, boundary, forward))
    seek = seek.order_by(None).order_by(*_order(keys, forward)).limit(per_page + 1)
    result = db.session.execute(seek)
    rows = list(result.scalars().unique() if scalars else result.unique())
    more = len(rows) > per_page
    rows = rows[:per_page]
    if not forward:
        rows.reverse()
    page = Page(rows, per_page=per_page)
    if rows:
        first, last = _values(rows[0], getters), _values(rows[-1], getters)
        # Going forward, a previous page exists when we came from a cursor; going back,
        # the next page always exists (we came from it) and a previous one when rows remain.
        if (more if forward else True):
            page.next_cursor = encode_cursor(last)
        if (boundary is not None) if forward else more:
            page.prev_cursor = encode_cursor(first)
    elif boundary is not None and not forward:
        # Nothing before that row any more (rows were removed): show the first page.
        return paginate(stmt, keys, getters, per_page=per_page, scalars=scalars)
    return page


def cursor_args() -> dict:
    """The `after` / `before` cursors of the current request (the page size is the list's)."""
    return {"after": request.args.get("after"), "before": request.args.get("before")}


def getters(*names: str):
    """Getters reading attributes `names` from an ORM row (`getters("name_key", "id")`)."""
    return [lambda row, n=n: getattr(row, n) for n in names]


def kept_args() -> dict:
    """The request's other arguments (filters, sort), for the neighbours' links."""
    return {k: v for k, v in request.args.items() if k not in ("page", "after", "before")}
