"""The ledger export: streamed, the same content as a whole-document export, gzip for
clients that accept it, and 304 for a client that holds the current version."""

import gzip
import json

from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger, queries
from diaspora_platform.fund.models import EntryKind
from diaspora_platform.opendata import LICENCE


def _fill(make_campaign, make_pledge, n=40):
    campaign = make_campaign()
    make_pledge(campaign, amount="12")
    for i in range(n):
        ledger.append(EntryKind.MATCH_CREDITED, campaign.id, 5 + i, "TJS", sponsor="Somon")
    db.session.commit()
    return campaign


def test_export_equals_the_whole_document(client, make_campaign, make_pledge):
    _fill(make_campaign, make_pledge, n=900)  # more than one streamed piece
    response = client.get("/fund/ledger.json")
    expected = json.dumps({"licence": LICENCE, "entries": list(queries.ledger_rows())},
                          ensure_ascii=False, default=str)
    assert "Content-Length" not in response.headers  # sent as it is read
    assert response.get_data(as_text=True) == expected


def test_gzip_for_clients_that_accept_it(client, make_campaign, make_pledge):
    _fill(make_campaign, make_pledge)
    plain = client.get("/fund/ledger.csv").data
    packed = client.get("/fund/ledger.csv", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain and len(packed.data) < len(plain)


def test_repeat_request_answers_not_modified_until_the_ledger_changes(
        client, make_campaign, make_pledge, make_user):
    campaign = _fill(make_campaign, make_pledge)
    first = client.get("/fund/ledger.json")
    etag = first.headers["ETag"]
    again = client.get("/fund/ledger.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    make_pledge(campaign, amount="30")
    changed = client.get("/fund/ledger.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_renamed_pledger_changes_the_version(client, make_campaign, make_pledge, make_user):
    user = make_user(display_name="Old Name")
    campaign = make_campaign()
    make_pledge(campaign, user=user, amount="10")
    etag = client.get("/fund/ledger.json").headers["ETag"]
    user.display_name = "New Name"
    db.session.commit()
    response = client.get("/fund/ledger.json", headers={"If-None-Match": etag})
    assert response.status_code == 200 and "New Name" in response.get_data(as_text=True)
