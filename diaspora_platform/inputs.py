"""Untrusted input at the edge: one request guard and one integer parser.

The guard refuses, before any view runs, a request whose path, query, form or JSON holds a
NUL character (PostgreSQL cannot store one and raised a 500) or bytes that are not UTF-8.
Every integer the site reads (URL parts, query parameters, form fields) goes through
`parse_int`: ASCII digits only (Python's int() and str.isdigit() also take '²', '①' or
'١٢'), and never beyond what the database's BIGINT holds."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField as _WTFIntegerField

INT64_MAX = 2**63 - 1
_DIGITS = frozenset("0123456789")


def parse_int(value, lo: int = 0, hi: int = INT64_MAX, default=None):
    """`value` as an int in [lo, hi] if it is plain ASCII digits (optionally signed when
    lo < 0, surrounding spaces ignored); otherwise `default`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if lo <= value <= hi else default
    if not isinstance(value, str):
        return default
    text = value.strip()
    sign = -1 if text.startswith("-") and lo < 0 else 1
    digits = text[1:] if sign < 0 else text
    if not digits or len(digits) > 19 or not set(digits) <= _DIGITS:
        return default
    number = sign * int(digits)
    return number if lo <= number <= hi else default


def int_arg(value: str) -> int:
    """For `request.args.get(name, default, type=int_arg)`: a ValueError makes Werkzeug
    return the default."""
    number = parse_int(value)
    if number is None:
        raise ValueError(value)
    return number


def strict_int(value) -> int:
    """For `SelectField(coerce=strict_int)`: a bad value is a form error, not a 500."""
    number = parse_int(value, lo=-INT64_MAX)
    if number is None:
        raise ValueError(value)
    return number


class IntegerField(_WTFIntegerField):
    """WTForms' IntegerField reading ASCII digits only, within BIGINT."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = parse_int(valuelist[0], lo=-INT64_MAX)
        if self.data is None and valuelist[0].strip():
            raise ValueError(self.gettext("Not a valid integer value."))


class BoundedIntConverter(IntegerConverter):
    """`<int:id>` that matches ASCII digits only and answers 404 beyond BIGINT."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits=0, min=None, max=INT64_MAX, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def _clean_text(text: str) -> bool:
    return "\x00" not in text and "\ufffd" not in text


def _clean_bytes(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clean_escaped(raw: str | bytes) -> bool:
    """A query string or urlencoded body, once its %-escapes are undone, is clean."""
    return _clean_bytes(unquote_to_bytes(raw.replace(b"+", b" ") if isinstance(raw, bytes)
                                         else raw.replace("+", " ")))


def _clean_json(value) -> bool:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return all(_clean_json(k) and _clean_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_clean_json(v) for v in value)
    return True


def request_is_clean() -> bool:
    environ = request.environ
    # WSGI strings carry the raw bytes as latin-1; the path is already unescaped.
    path = environ.get("PATH_INFO", "").encode("latin-1", "replace")
    if not _clean_bytes(path) or not _clean_escaped(environ.get("QUERY_STRING", "")):
        return False
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    if request.mimetype == "application/x-www-form-urlencoded":
        if not _clean_escaped(request.get_data(cache=True)):
            return False
    fields = [*request.form.items(multi=True)]
    names = [f.filename or "" for f in request.files.values()]
    if not all(_clean_text(k) and _clean_text(v) for k, v in fields) or \
            not all(_clean_text(n) for n in names):
        return False
    if request.is_json:
        return _clean_json(request.get_json(silent=True))
    return True


class InvalidInput(BadRequest):
    """NUL characters or bytes that are not UTF-8 in what was sent."""


def guard_request():
    if not request_is_clean():
        raise InvalidInput()


def _refused(error: InvalidInput):
    from diaspora_platform.errors import render_error
    from diaspora_platform.i18n import _

    return render_error(400, _("What you sent contains characters the site cannot read "
                               "(such as a null character or broken text). Remove them "
                               "and try again."))


def init_app(app: Flask) -> None:
    """Install the converter (before blueprints add their routes) and the guard (first of
    all before-request functions, so no other hook reads the input first)."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request_funcs.setdefault(None, []).insert(0, guard_request)
    app.register_error_handler(InvalidInput, _refused)
