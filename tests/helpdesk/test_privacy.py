"""Privacy by design: what the database, the log and the statistics hold of a request,
key rotation, the start-up refusal without a key, deletion after the retention period."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from diaspora_platform.config import Config, helpdesk_keys
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import RedactLinks, handling, queries, retention
from diaspora_platform.helpdesk.crypto import KeyMismatch
from diaspora_platform.helpdesk.models import HelpMessage, HelpRequest, HelpTally
from tests.helpdesk.conftest import STORY


def _raw(column: str, table: str = "help_requests") -> list[bytes]:
    return [bytes(v) for v in db.session.execute(sa.text(f"SELECT {column} FROM {table}"))
            .scalars() if v is not None]


def test_the_database_row_holds_no_plaintext(world, file_request):
    req = file_request(email="farrukh@example.org", messenger="@farrukh_n")[0]
    row = db.session.execute(sa.text(
        "SELECT name, phone, messenger, email, city, story FROM help_requests")).one()
    raw = b" ".join(bytes(value) for value in row)
    for plain in ("Фаррух", "Назаров", "79170000000", "farrukh", "Kazan", "Казани",
                  "зарплату"):
        assert plain.encode() not in raw
    db.session.expire_all()
    assert db.session.get(HelpRequest, req.id).story == STORY


def test_messages_are_stored_encrypted(world, file_request):
    req = file_request()[0]
    handling.answer_request(world.officer, req, "Позвоните в представительство.")
    raw = b"".join(_raw("body", "help_messages"))
    assert raw and "Позвоните".encode() not in raw


def test_keys_rotate_old_data_stays_readable_then_the_old_key_can_go(world, file_request,
                                                                     app):
    req = file_request()[0]
    old = app.config["HELPDESK_KEYS"][0]
    new = Fernet.generate_key().decode()
    app.config["HELPDESK_KEYS"] = (new, old)
    db.session.expire_all()
    assert db.session.get(HelpRequest, req.id).story == STORY  # the old key still reads
    assert retention.rotate_keys() >= 3
    app.config["HELPDESK_KEYS"] = (new,)
    db.session.expire_all()
    assert db.session.get(HelpRequest, req.id).story == STORY
    app.config["HELPDESK_KEYS"] = (old,)
    db.session.expire_all()
    with pytest.raises(KeyMismatch, match="HELPDESK_KEYS"):
        db.session.get(HelpRequest, req.id).story  # noqa: B018
    db.session.rollback()
    app.config["HELPDESK_KEYS"] = (new,)


def test_the_rotate_command_reports_what_it_did(world, file_request, runner):
    file_request()
    result = runner.invoke(args=["helpdesk", "rotate-keys"])
    assert result.exit_code == 0 and "Re-encrypted" in result.output


@pytest.mark.parametrize("value, problem", [(None, "must be set"), ("", "must be set"),
                                            ("not-a-key", "key 1 is not a valid key")])
def test_a_missing_or_malformed_key_refuses_to_start(value, problem):
    with pytest.raises(RuntimeError, match=problem):
        helpdesk_keys(value)


def test_production_without_a_key_refuses_to_start_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(Config, "SECRET_KEY", "x" * 40)  # read when the module loads
    for name, value in {"APP_ENV": "production", "BASE_URL": "https://diaspora.example",
                        "TRUSTED_HOSTS": "diaspora.example"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("HELPDESK_KEYS", raising=False)
    with pytest.raises(RuntimeError, match="HELPDESK_KEYS must be set"):
        Config()
    monkeypatch.setenv("HELPDESK_KEYS", Fernet.generate_key().decode())
    assert len(Config().HELPDESK_KEYS) == 1


def test_a_wrong_key_for_the_stored_requests_refuses_to_start(world, file_request,
                                                             app_factory):
    file_request()
    app_factory(HELPDESK_CHECK_KEYS_AT_START=True)  # the right key starts
    with pytest.raises(RuntimeError, match="cannot decrypt the stored help requests"):
        app_factory(HELPDESK_CHECK_KEYS_AT_START=True,
                    HELPDESK_KEYS=(Fernet.generate_key().decode(),))


def _close(req, days_ago: int, status="resolved"):
    req.status, req.closed_at = status, utcnow() - timedelta(days=days_ago)
    req.first_answer_at = req.created_at + timedelta(hours=5)
    db.session.commit()


def test_closed_requests_are_deleted_after_the_retention_period_leaving_counts(
        world, file_request, runner):
    old, recent = file_request()[0], file_request()[0]
    with_message = old.id
    db.session.add(HelpMessage(request_id=old.id, body="Спасибо"))
    _close(old, 400)
    _close(recent, 30)
    result = runner.invoke(args=["helpdesk", "purge"])
    assert result.exit_code == 0 and "Deleted 1" in result.output
    db.session.expire_all()
    assert db.session.get(HelpRequest, with_message) is None
    assert db.session.get(HelpRequest, recent.id) is not None
    assert db.session.scalar(sa.select(sa.func.count(HelpMessage.id))) == 0
    tally = db.session.scalars(sa.select(HelpTally)).one()
    assert (tally.country, tally.category, tally.outcome, tally.first_answer_hours) == (
        "RU", "unpaid_wages", "resolved", 5.0)


def test_the_retention_period_is_configurable(world, file_request, app):
    req = file_request()[0]
    _close(req, 100)
    app.config["HELPDESK_RETENTION_MONTHS"] = 3
    assert retention.purge_closed() == 1


def test_statistics_suppress_small_counts_and_keep_deleted_requests(world, file_request):
    for _ in range(4):
        file_request()
    assert queries.summary(queries.facts()).count == "<5"
    req = file_request()[0]
    _close(req, 400)
    retention.purge_closed()
    line = queries.breakdown(queries.facts(), "country")[0]
    assert (line.key, line.count, line.resolved_share) == ("RU", 5, 100)
    assert queries.breakdown(queries.facts(), "category")[0].median_hours == 5.0


def test_request_logs_never_keep_the_private_link():
    record = logging.LogRecord("werkzeug", logging.INFO, "", 0, '"%s" %s %s',
                               ("GET /help-request/AbC_12-x HTTP/1.1", "200", "-"), None)
    RedactLinks().filter(record)
    assert "AbC_12" not in record.getMessage() and "/help-request/…" in record.getMessage()
