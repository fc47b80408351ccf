"""Helpers for the API tests: a world of public and hidden things, and readers of it."""

from __future__ import annotations

import pytest

from tests import world


@pytest.fixture
def made(make_user):
    return world.build(make_user)


def ids(client, dataset: str, **params) -> list[int]:
    """Every id the API lists for `dataset`, following `next` links."""
    found, url = [], f"/api/v1/{dataset}"
    query = {"limit": 100, **params}
    while url:
        response = client.get(url, query_string=query)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        found += [row["id"] for row in body["data"]]
        url, query = body["links"]["next"], None
    return found


def item(client, dataset: str, item_id: int, **params):
    return client.get(f"/api/v1/{dataset}/{item_id}", query_string=params)
