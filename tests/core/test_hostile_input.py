"""Hostile input never makes a 500: generated values (NUL, huge and unicode integers,
whitespace, very long text, broken UTF-8, blank selects) sent to every query parameter,
path integer and form field of every route, as a visitor and as a signed-in member."""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD

HOSTILE = ["\x00", "a\x00b", "99999999999999999999", "-99999999999999999999",
           "9223372036854775808", "²", "①", "١٢", "１２", "𝟙", " ", "\t\n", "",
           "x" * 5000, "1e5", "0x10", "-1", "NaN", "%", "\ufffd", "<script>", "'; --",
           "2026-13-45", "1" * 400]
BROKEN_UTF8 = ["%ff", "%c3%28", "%ed%a0%80", "%00", "a%fe%ffb"]
# Query parameters the site's pages read (besides those of the forms found on pages).
QUERY_NAMES = ["page", "q", "campaign", "org", "assignee", "status", "country", "language",
               "kind", "hours", "mine", "currency", "city", "sort", "next", "type", "year",
               "edition", "skill", "mode", "from", "to", "near", "lang", "category"]
FIELD = re.compile(r'<(input|select|textarea)\b[^>]*\bname="([^"]+)"', re.I)
FORM = re.compile(r'<form\b([^>]*)>(.*?)</form>', re.I | re.S)


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def discover(app, client) -> tuple[list[str], list[tuple[str, list[str]]], set[str]]:
    """Pages without parameters, every POST form on them, and every field name."""
    pages, forms, names = [], {}, set(QUERY_NAMES)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = re.sub(r"<int:[^>]+>", "1", rule.rule)
        url = re.sub(r"<[^>]+>", "x", url)
        pages.append(url)
        if "<" in rule.rule:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.mimetype:
            continue
        for attrs, body in FORM.findall(response.get_data(as_text=True)):
            fields = sorted({n for _tag, n in FIELD.findall(body)} - {"csrf_token"})
            names.update(fields)
            method = (_attribute(attrs, "method") or "get").lower()
            action = _attribute(attrs, "action") or url
            if method == "post" and action.startswith("/"):
                forms.setdefault(action.replace("&amp;", "&"), fields)
    for rule in app.url_map.iter_rules():  # POST-only routes with no form on a page
        if "POST" in rule.methods and "GET" not in rule.methods:
            url = re.sub(r"<int:[^>]+>", "1", re.sub(r"<(?!int:)[^>]+>", "x", rule.rule))
            forms.setdefault(url, sorted(names))
    return pages, sorted(forms.items()), names


@pytest.fixture
def world(app, make_user, make_place, make_org):
    member = make_user(email="fuzz@example.org")
    make_place(org=make_org(owner=member))
    return member


def test_no_hostile_value_makes_a_server_error(app, world, auth):
    anonymous, member = app.test_client(), app.test_client()
    member.post("/account/login", data={"email": world.email, "password": PASSWORD})
    assert member.get("/account/").status_code == 200
    pages, forms, names = discover(app, member)
    assert len(pages) > 100 and len(forms) > 50
    sent, failures, started = [0], [], time.perf_counter()
    names = sorted(names)

    def check(response, what):
        sent[0] += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {what}")

    value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))

    @settings(max_examples=700, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(kind=st.sampled_from(["query", "path", "form", "raw"]), value=value,
           page=st.sampled_from(pages), form=st.sampled_from(forms),
           signed_in=st.booleans(), broken=st.sampled_from(BROKEN_UTF8),
           field=st.sampled_from(names))
    def one_request(kind, value, page, form, signed_in, broken, field):
        client = member if signed_in else anonymous
        if kind == "query":  # the value in every parameter a page might read
            check(client.get(page, query_string={n: value for n in names}),
                  f"GET {page} ?…={value!r}")
        elif kind == "path":
            url = re.sub(r"/1(?=/|$)", "/" + quote(value[:300] or "0", safe=""), page, count=1)
            check(client.get(url), f"GET {url}")
        elif kind == "form":
            action, fields = form
            check(client.post(action, data={f: value for f in fields or [field]}),
                  f"POST {action} all fields={value!r}")
        else:  # bytes that are not UTF-8, in the query and in a form body
            check(client.get(f"{page}?{field}={broken}"),
                  f"GET {page}?{field}={broken}")
            check(client.post(form[0], data=f"{field}={broken}".encode(),
                              content_type="application/x-www-form-urlencoded"),
                  f"POST {form[0]} {field}={broken}")

    one_request()
    # Every page once with every parameter blank and huge (blank selects, overflows).
    for page in pages:
        for hostile in ("", "99999999999999999999"):
            check(member.get(page, query_string={n: hostile for n in names}),
                  f"GET {page} all={hostile!r}")
    for action, fields in forms:
        check(member.post(action, data={f: "" for f in fields}), f"POST {action} blank")
    print(f"\n{sent[0]} hostile requests in {time.perf_counter() - started:.1f} s")
    assert not failures, "\n".join(sorted(set(failures))[:60])
