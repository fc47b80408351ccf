"""The Action Plan monitoring report: figures for the period, the one before and the
change, per measure; persons' small counts suppressed; CSV and XLSX with the page's
figures; bad periods answered with a translated message."""

import csv
import html
import io
import json
import re
from datetime import date, timedelta

import openpyxl

from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger
from diaspora_platform.fund.models import Campaign, EntryKind
from diaspora_platform.monitoring import plan
from diaspora_platform.monitoring.indicators import BY_KEY, INDICATORS
from tests.monitoring.conftest import BEFORE, EN, H1_2025, IN_PERIOD


def figures(page: str, indicator: str) -> dict[str, list[str]]:
    """{group: [figure in the period, figure before]} of one indicator's table."""
    block = page.split(f'data-indicator="{indicator}"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-group="([^"]*)">(.*?)</tr>', block, re.S)
    return {html.unescape(group): [html.unescape(v) for v in
                                   re.findall(r'data-figure="([^"]*)"', cells)]
            for group, cells in rows}


def _organisations(make_org, dated, country, *moments):
    for moment in moments:
        org = make_org(country=country, approved=False)
        dated(org, created_at=moment, status=ModerationStatus.APPROVED, reviewed_at=moment)


def test_report_gives_the_period_the_one_before_and_the_change_with_links(
        staff_client, make_org, dated):
    _organisations(make_org, dated, "RU", IN_PERIOD, IN_PERIOD, IN_PERIOD, BEFORE)
    _organisations(make_org, dated, "DE", BEFORE, BEFORE)
    page = staff_client.get("/admin/monitoring/", query_string=H1_2025,
                            headers=EN).get_data(as_text=True)
    assert figures(page, "organisations_registered") == {
        "Russia": ["3", "1"], "Germany": ["0", "2"], "total": ["3", "3"]}
    russia = page.split('data-group="Russia"')[1].split("</tr>")[0]
    assert "/organisations/?country=RU" in russia and "+2" in russia
    assert "(+200.0%)" in russia
    assert "January 1, 2025 – June 30, 2025" in page
    assert plan.measures()[4].text("en") in page  # help to open centres and schools


def test_fund_figures_come_from_the_ledger_by_campaign_and_currency(staff_client, app):
    campaign = Campaign(title_tg="Мактаб", title_ru="Школа", title_en="School",
                        description_tg="-", description_ru="-", description_en="-",
                        currency="TJS", currencies="TJS,USD", target_minor=10_000_00,
                        starts_on=date.today(), ends_on=date.today() + timedelta(days=30),
                        status="open")
    db.session.add(campaign)
    db.session.flush()
    ledger.append(EntryKind.MATCH_CREDITED, campaign.id, 1234_50, "TJS")
    ledger.append(EntryKind.MATCH_CREDITED, campaign.id, 10_00, "USD")
    db.session.commit()
    page = staff_client.get("/admin/monitoring/", headers=EN).get_data(as_text=True)
    assert figures(page, "fund_matched") == {"School (TJS)": ["1234.50", "0.00"],
                                             "School (USD)": ["10.00", "0.00"]}
    assert "TJS\xa01,234.50" in page
    assert figures(page, "campaigns_opened") == {"": ["1", "0"]}


def test_small_counts_of_people_are_suppressed_on_the_page_and_in_the_downloads(
        staff_client, make_user, dated):
    for country, n in (("DE", 2), ("RU", 6)):
        for _ in range(n):
            member = make_user(country=country, visibility={"country": "public"})
            dated(member, created_at=IN_PERIOD)
    page = staff_client.get("/admin/monitoring/", query_string=H1_2025,
                            headers=EN).get_data(as_text=True)
    assert figures(page, "members_joined") == {"Germany": ["<5", "0"], "Russia": ["6", "0"],
                                               "total": ["", "0"]}  # 8 - 6 would tell 2
    text = staff_client.get("/admin/monitoring/report.csv", query_string=H1_2025,
                            headers=EN).get_data(as_text=True)
    members = [row for row in csv.DictReader(io.StringIO(text[1:]))
               if row["indicator"] == "members_joined"]
    assert [(r["group"], r["value"]) for r in members] == [
        ("Russia", "6"), ("Germany", "<5"), ("Total", "")]


def test_the_xlsx_opens_and_its_figures_equal_the_pages(staff_client, make_org, make_user,
                                                        dated):
    _organisations(make_org, dated, "RU", IN_PERIOD, BEFORE, BEFORE)
    _organisations(make_org, dated, "FR", IN_PERIOD)
    for _ in range(3):
        dated(make_user(country="RU", visibility={"country": "public"}), created_at=BEFORE)
    page = staff_client.get("/admin/monitoring/", query_string=H1_2025,
                            headers=EN).get_data(as_text=True)
    response = staff_client.get("/admin/monitoring/report.xlsx", query_string=H1_2025,
                                headers=EN)
    assert response.headers["Content-Disposition"].endswith(
        "monitoring-2025-01-01-2025-06-30.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Period", "2025-01-01 – 2025-06-30", "Previous period",
                       "2024-07-01 – 2024-12-31", None, None, None, None, None)
    checked = 0
    for _m, key, _title, group, _currency, _unit, now, before, _change in rows[3:]:
        shown = figures(page, key)
        group = "total" if group == "Total" else "" if group == "All" else group
        as_page = ["" if v is None else str(v) for v in (now, before)]
        assert shown[group] == as_page, (key, group)
        checked += 1
    assert checked == sum(len(figures(page, i.key)) for i in INDICATORS)
    assert figures(page, "organisations_verified")["Russia"] == ["1", "2"]
    assert figures(page, "members_joined")["Russia"] == ["0", "<5"]


def test_every_measure_is_in_three_languages_and_each_indicator_serves_one_measure():
    served = [key for measure in plan.measures() for key in measure.indicators]
    assert sorted(served) == sorted(BY_KEY) and len(served) == len(set(served))
    data = json.loads(plan.PLAN_FILE.read_text(encoding="utf-8"))
    assert [m["number"] for m in data["measures"]] == list(range(1, 9))
    for measure in data["measures"]:
        assert set(measure["text"]) == {"tg", "ru", "en"}
    assert "ҷ" in plan.measures()[2].text("tg") and "Конференц" not in plan.source("tg")


def test_bad_periods_get_a_translated_message_and_a_400(staff_client, staff, dated):
    dated(staff, locale="ru")  # signed-in readers get the language they chose
    cases = ({"start": "2025-06-30", "end": "2025-01-01"},
             {"start": "2000-01-01", "end": "2029-12-31"},
             {"start": "not-a-date", "end": "2025-01-01"},
             {"half": "2025-9"})
    for args in cases:
        for path in ("/admin/monitoring/", "/admin/monitoring/report.xlsx"):
            response = staff_client.get(path, query_string=args)
            page = response.get_data(as_text=True)
            assert response.status_code == 400, (path, args)
            assert 'role="alert" id="period-error"' in page and 'aria-invalid="true"' in page \
                or args.get("half")
    page = staff_client.get("/admin/monitoring/", query_string=cases[0]).get_data(as_text=True)
    assert "Последний день не может быть раньше первого." in page


def test_only_staff_with_the_second_factor_see_the_report(client, auth, make_user):
    for path in ("/admin/monitoring/", "/admin/monitoring/report.csv",
                 "/admin/monitoring/report.xlsx"):
        assert client.get(path).status_code == 302
    auth.login_as(make_user())
    assert client.get("/admin/monitoring/").status_code == 403
    auth.logout()
    auth.login_as(make_user(role="staff"), second_factor=False)
    assert client.get("/admin/monitoring/report.csv").status_code != 200
    auth.logout()
    auth.login_as(make_user(role="staff"))
    assert client.get("/admin/monitoring/report.csv").status_code == 200
    assert utcnow()  # the default period is the current half-year
