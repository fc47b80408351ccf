"""The public ledger: append-only, hash-chained, verifiable from its own export; names as
the pledger chose; totals equal to the ledger; tampering detected."""

import json

import sqlalchemy as sa

from diaspora_platform.accounts import services as accounts
from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger, queries
from diaspora_platform.fund.models import LedgerEntry
from tests.conftest import PASSWORD
from tests.fund.conftest import chain_ok, confirm, pledge_data


def _seeded(make_user, make_campaign, make_pledge, staff):
    campaign = make_campaign(match=("Somon Energy", 1, "500"))
    named = make_pledge(campaign, user=make_user(display_name="Zarina Karimova"), amount="300")
    hidden = make_pledge(campaign, user=make_user(display_name="Secret Person"),
                         amount="40", currency="USD", show_as="anonymous")
    confirm(staff, named)
    return campaign, named, hidden


def test_ledger_page_shows_names_as_chosen(client, make_user, make_campaign, make_pledge,
                                          staff):
    _seeded(make_user, make_campaign, make_pledge, staff)
    page = client.get("/fund/ledger").get_data(as_text=True)
    assert "Zarina Karimova" in page and "anonymous" in page
    assert "Secret Person" not in page
    assert "Somon Energy" in page


def test_ledger_filters_by_campaign_and_currency(client, make_user, make_campaign,
                                                 make_pledge, staff):
    campaign, _named, _hidden = _seeded(make_user, make_campaign, make_pledge, staff)
    other = make_campaign(title_en="Another")
    make_pledge(other, amount="77")
    page = client.get(f"/fund/ledger?campaign={campaign.id}&currency=USD").get_data(
        as_text=True)
    table = page.split("<tbody>")[1].replace("\xa0", "")
    assert "USD40.00" in table and "TJS77.00" not in table and "TJS300.00" not in table
    rows = json.loads(client.get(f"/fund/ledger.json?campaign={other.id}").data)["entries"]
    assert [r["amount_minor"] for r in rows] == [7700]


def test_json_export_is_enough_to_verify_the_chain(client, make_user, make_campaign,
                                                   make_pledge, staff):
    _seeded(make_user, make_campaign, make_pledge, staff)
    rows = json.loads(client.get("/fund/ledger.json").data)["entries"]
    assert len(rows) == 4  # two recorded, one received, one match
    assert ledger.verify_rows(rows).ok
    rows[1]["amount_minor"] += 1
    assert not ledger.verify_rows(rows).ok


def test_csv_export_has_every_entry(client, make_user, make_campaign, make_pledge, staff):
    _seeded(make_user, make_campaign, make_pledge, staff)
    response = client.get("/fund/ledger.csv")
    lines = response.get_data(as_text=True).strip().splitlines()
    assert response.mimetype == "text/csv" and len(lines) == 5
    assert lines[0].startswith("id,created_at,campaign_id,kind")


def test_totals_come_from_the_ledger(make_user, make_campaign, make_pledge, staff):
    campaign, _named, _hidden = _seeded(make_user, make_campaign, make_pledge, staff)
    figures = queries.figures([campaign])[0]
    tjs, usd = figures.totals.get("TJS"), figures.totals.get("USD")
    assert (tjs.received, tjs.pending, tjs.matched) == (30000, 0, 30000)
    assert (usd.received, usd.pending) == (0, 4000)
    assert figures.match_remaining == 20000 and figures.contributors == 2
    last = db.session.scalar(sa.select(LedgerEntry).where(LedgerEntry.currency == "TJS")
                             .order_by(LedgerEntry.id.desc()).limit(1))
    assert last.balance_minor == tjs.held and last.pending_minor == tjs.pending


def test_campaign_page_shows_received_matched_and_pending(client, make_user, make_campaign,
                                                          make_pledge, staff):
    campaign, _named, _hidden = _seeded(make_user, make_campaign, make_pledge, staff)
    page = client.get(f"/fund/{campaign.id}").get_data(as_text=True)
    assert "TJS300.00" in page.replace("\xa0", "")  # received, and matched
    assert "TJS200.00" in page.replace("\xa0", "")  # match still available
    data = client.get(f"/fund/{campaign.id}/totals.json").get_json()
    assert data["by_currency"]["USD"]["pending_minor"] == 4000
    assert data["contributors"] == 2


def test_verify_command_passes_then_detects_a_changed_row(runner, make_user, make_campaign,
                                                          make_pledge, staff):
    _seeded(make_user, make_campaign, make_pledge, staff)
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 0 and "4 entries verified" in result.output
    db.session.execute(sa.text("UPDATE fund_ledger SET amount_minor = 1 WHERE id = 2"))
    db.session.commit()
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 1 and "TAMPERED at entry 2" in result.output


def test_verify_detects_a_removed_row_and_rebalanced_sums(make_user, make_campaign,
                                                          make_pledge, staff):
    _seeded(make_user, make_campaign, make_pledge, staff)
    db.session.execute(sa.text("DELETE FROM fund_ledger WHERE id = 2"))
    db.session.commit()
    report = ledger.verify_chain()
    assert report.broken_at == 3 and "gap" in report.reason


def test_the_orm_refuses_to_change_an_entry(make_user, make_campaign, make_pledge, staff):
    import pytest

    _seeded(make_user, make_campaign, make_pledge, staff)
    entry = db.session.get(LedgerEntry, 1)
    entry.amount_minor = 5
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_deleting_an_account_keeps_the_pledge_as_anonymous(client, make_user, make_campaign,
                                                           make_pledge, staff):
    campaign = make_campaign()
    member = make_user(display_name="Farrukh Odinaev")
    pledge = make_pledge(campaign, user=member, message="From New York")
    confirm(staff, pledge)
    exported = accounts.export_user_data(member)["fund_pledges"]
    assert exported[0]["reference"] == pledge.reference
    accounts.delete_account(member, PASSWORD)
    page = client.get("/fund/ledger").get_data(as_text=True)
    assert "Farrukh" not in page and "From New York" not in page
    assert "anonymous" in page
    assert chain_ok()


def test_verify_page_explains_the_check(client):
    page = client.get("/fund/ledger/verify").get_data(as_text=True)
    assert "sha256" in page and "flask fund verify" in page


def test_a_draft_campaign_is_hidden_from_the_public(client, make_campaign):
    draft = make_campaign(status="draft")
    assert client.get(f"/fund/{draft.id}").status_code == 404
    assert "A school in Khatlon" not in client.get("/fund/").get_data(as_text=True)


def test_pages_render_in_three_languages(client, make_user, make_campaign, make_pledge,
                                         staff):
    campaign, named, _hidden = _seeded(make_user, make_campaign, make_pledge, staff)
    for lang in ("tg", "ru", "en"):
        for url in ("/fund/", f"/fund/{campaign.id}", "/fund/ledger"):
            response = client.get(url, headers={"Accept-Language": lang})
            assert response.status_code == 200, (url, lang)
    assert pledge_data()  # the helper stays importable for the browser test
