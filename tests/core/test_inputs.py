"""The request guard and the one integer parser: what the fuzz test found, kept as
readable cases."""

import pytest

from diaspora_platform.inputs import INT64_MAX, parse_int


@pytest.mark.parametrize("raw,expected", [
    ("42", 42), (" 7 ", 7), ("²", None), ("①", None), ("١٢", None), ("１２", None),
    ("", None), (" ", None), ("1_000", None), ("+5", None), (str(INT64_MAX), INT64_MAX),
    (str(INT64_MAX + 1), None), ("99999999999999999999", None), ("-3", None), (None, None),
])
def test_parse_int_takes_ascii_digits_within_bigint_only(raw, expected):
    assert parse_int(raw) == expected


def test_a_nul_byte_in_the_query_is_a_translated_400(client):
    response = client.get("/organisations/?language=%00", headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    assert "символы" in response.get_data(as_text=True)


@pytest.mark.parametrize("body", [b"display_name=a%00b", b"display_name=%ff%fe"])
def test_nul_or_broken_utf8_in_a_form_is_refused_before_the_view(client, body):
    response = client.post("/account/login", data=body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "cannot read" in response.get_data(as_text=True)


def test_huge_integers_in_queries_are_ignored_and_in_paths_not_found(client):
    assert client.get("/fund/ledger?campaign=99999999999999999999").status_code == 200
    assert client.get("/fund/ledger?page=99999999999999999999").status_code == 200
    assert client.get("/fund/99999999999999999999").status_code == 404
    assert client.get("/fund/１２").status_code == 404
