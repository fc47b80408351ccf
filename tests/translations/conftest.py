"""Helpers for community translation tests: news from tests/community, a proposer."""

import pytest

from tests.community.conftest import (  # noqa: F401
    make_news,
    make_org_news,
    make_resource,
    staff,
)


@pytest.fixture
def proposer(make_user):
    return make_user(email="translator@example.org", display_name="Farzona Translator")
