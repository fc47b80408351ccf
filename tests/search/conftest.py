"""Every searchable kind of content, made through its domain's own fixtures, so that the
search suite can check each type in the registry; and the Whoosh backend on demand."""

import pytest

from diaspora_platform.extensions import db
from tests.community.conftest import make_news, make_org_news, make_resource  # noqa: F401
from tests.competitions.conftest import (  # noqa: F401
    competitions,
    make_edition,
    submitted_entry,
)
from tests.events.conftest import make_event  # noqa: F401
from tests.fund.conftest import make_campaign  # noqa: F401
from tests.projects.conftest import make_project  # noqa: F401


@pytest.fixture
def whoosh_app(app, app_factory):
    """The Whoosh backend, whichever database the suite runs on (its context on top)."""
    app = app_factory(SEARCH_BACKEND="whoosh")
    with app.app_context():
        yield app
        db.session.remove()
