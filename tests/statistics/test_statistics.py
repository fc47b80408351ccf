"""The statistics page: totals, charts, the UN DESA comparison, the CSV exports."""

import csv
import io
from datetime import timedelta

from diaspora_platform.database import utcnow
from diaspora_platform.statistics.views import _csv_safe
from tests.statistics.test_map import EN


def read_csv(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # spreadsheet programs then read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_statistics_page_shows_totals_charts_and_the_undesa_comparison(
        client, make_org, make_place, make_members):
    org = make_org(country="RU", name="Vatan")
    make_place(org, kind="cultural_centre", variant=None, city="Moskva")
    make_place(org, kind="library", variant=None, city="Moskva")
    make_members(6, country="RU")
    page = client.get("/statistics", headers=EN).get_data(as_text=True)
    assert "Registrations per month" in page and '<rect class="chart-bar"' in page
    assert "Cultural centre" in page and "Library" in page
    assert "Source of the estimates: UN DESA, International Migrant Stock 2024" in page
    comparison = page[page.index('class="table table-sm comparison-table"'):]
    russia = comparison[comparison.index("Russia"):].split("</tr>")[0]
    cells = [c.split("<")[0] for c in russia.split('<td class="text-end">')[1:]]
    assert cells == ["415,676", "6", "1", "2"]


def test_statistics_page_has_empty_states(client):
    page = client.get("/statistics", headers=EN).get_data(as_text=True)
    assert "Nobody joined in the last 24 months." in page
    assert "No centre, school, course or library is listed yet." in page
    assert "415,676" in page  # the estimates are shown even with nothing registered


def test_registration_chart_counts_members_by_month(client, make_user):
    make_user(created_at=utcnow() - timedelta(days=65))
    make_user()
    make_user()
    make_user(confirmed=False)
    page = client.get("/statistics", headers=EN).get_data(as_text=True)
    month = utcnow().strftime("%B %Y")
    assert f"<title>{month}: 2</title>" in page


def test_csv_export_by_country(client, make_org, make_place, make_members):
    org = make_org(country="DE")
    make_place(org, kind="school")
    make_place(org, kind="course", variant="music")
    make_members(2, country="DE")
    make_members(7, country="RU")
    response = client.get("/statistics.csv", headers=EN)
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=statistics-countries-")
    rows = {row["country_code"]: row for row in read_csv(response)}
    assert list(rows["DE"]) == ["country_code", "country", "organisations", "places",
                                "places_cultural_centre", "places_school", "places_course",
                                "places_library", "members_public_country",
                                "undesa_emigrants_2024"]
    assert rows["DE"] | {} == {
        "country_code": "DE", "country": "Germany", "organisations": "1", "places": "2",
        "places_cultural_centre": "0", "places_school": "1", "places_course": "1",
        "places_library": "0", "members_public_country": "<5", "undesa_emigrants_2024": ""}
    assert rows["RU"]["members_public_country"] == "7"
    assert rows["RU"]["undesa_emigrants_2024"] == "415676"
    assert set(rows) == {"DE", "RU", "UA", "KZ", "TR", "UZ"}


def test_csv_country_names_follow_the_readers_language(client, make_org):
    make_org(country="DE")
    rows = read_csv(client.get("/statistics.csv", headers={"Accept-Language": "ru"}))
    assert {row["country_code"]: row["country"] for row in rows}["DE"] == "Германия"


def test_csv_export_of_registrations_per_month(client, make_user):
    make_user(created_at=utcnow() - timedelta(days=62))
    make_user()
    response = client.get("/statistics.csv?table=registrations")
    rows = read_csv(response)
    assert list(rows[0]) == ["month", "registrations"]
    assert len(rows) in (3, 4)  # two or three months ago, up to this month, gaps filled
    assert rows[0]["registrations"] == "1" and rows[-1]["registrations"] == "1"
    assert rows[-1]["month"] == utcnow().strftime("%Y-%m")
    assert "filename=statistics-registrations-" in response.headers["Content-Disposition"]


def test_unknown_csv_table_is_a_bad_request(client):
    assert client.get("/statistics.csv?table=users").status_code == 400


def test_csv_cells_cannot_start_a_formula():
    assert _csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_safe("<5") == "<5" and _csv_safe(12) == 12


def test_statistics_pages_render_in_every_language(client, make_org, make_members):
    make_org(country="RU")
    make_members(5, country="RU")
    for lang in ("tg", "ru", "en"):
        for url in ("/statistics", "/map", "/map?measure=members", "/map?measure=places"):
            response = client.get(url, headers={"Accept-Language": lang})
            assert response.status_code == 200, (lang, url)
            assert f'<html lang="{lang}"' in response.get_data(as_text=True)
