"""The page-cache tests reuse the domains' makers to build the content they cache."""

import os
import uuid

import pytest
import redis

from tests.community.conftest import make_news  # noqa: F401
from tests.events.conftest import make_event  # noqa: F401
from tests.fund.conftest import make_campaign, make_pledge  # noqa: F401
from tests.projects.conftest import make_expert, make_project  # noqa: F401

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(params=["memory", "redis"])
def app(app_factory, request):
    """An app with the page cache on: in process memory, and in Redis under a key prefix
    of its own (removed afterwards)."""
    settings = {"PAGE_CACHE_ENABLED": True}
    prefix = None
    if request.param == "redis":
        prefix = f"test-{uuid.uuid4().hex}:"
        settings.update(PAGE_CACHE_REDIS_URL=REDIS_URL, PAGE_CACHE_PREFIX=prefix)
    app = app_factory(**settings)
    with app.app_context():
        yield app
    if prefix:
        connection = redis.Redis.from_url(REDIS_URL)
        keys = list(connection.scan_iter(prefix + "*"))
        if keys:
            connection.delete(*keys)
