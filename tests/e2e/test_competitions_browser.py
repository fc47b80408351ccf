"""A competition in a real browser, run the way people run it: Council staff create and open
"Best Cultural Centre 2026" with its rubric; two organisations enter their centres (a draft,
a file, a statement, then submission); staff check eligibility in the moderation queue and
name a jury of three, one of whom belongs to the first organisation and so never gets its
entry; the deadline passes (the one thing done outside the pages: time travel) and staff
close the entries and start the judging; the judges declare they have no conflict and score;
staff publish, and a visitor reads the winners in Tajik, Russian and English. Everybody has
a browser of their own; texts come from the app's own catalogues."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.competitions import catalogue, scoring
from diaspora_platform.competitions.models import Competition, Edition
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.organisations import membership
from tests.competitions.conftest import PDF, close_now
from tests.e2e.test_accounts_browser import account_menu, flash
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import nav, new_person, signed_in  # noqa: F401
from tests.fixtures_browser import axe_check, follow, switch_language

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

YEAR = 2026
NAMES = {lang: catalogue.SIX[2][2][n] for n, lang in enumerate(("tg", "ru", "en"))}
CRITERIA = (("Impact", 40), ("Reach", 30), ("Sustainability", 30))
QUESTION = "What did your centre do for the community this year?"
REPORT = "Annual report (PDF)"
LANGS = ("tg", "ru", "en")

# The two entrants: organisation, its centre, the owner's language, the entry they write.
CENTRES = (
    {"org": "Ravzana", "country": "FR", "city": "Lyon", "place": "Маркази фарҳангии «Равзана»",
     "owner": ("zarina.karimova@example.org", "Зарина Каримова", "tg"),
     "title": "Хонаи фарҳанги тоҷик дар Лион",
     "statement": "Маркази мо ҳар ҳафта дарсҳои **забон** ва мусиқӣ мегузаронад.",
     "answer": "Дар соли 2026 мо китобхона кушодем ва 40 кӯдак ба дарсҳо омаданд."},
    {"org": "Paivand", "country": "RU", "city": "Казань", "place": "Культурный центр «Пайванд»",
     "owner": ("farrukh.rahimov@example.org", "Фаррух Рахимов", "ru"),
     "title": "Пайванд: мост между Казанью и Душанбе",
     "statement": "Центр объединяет **300 семей**: курсы языка, праздник Навруз, хор.",
     "answer": "Открыли второй филиал, провели фестиваль для 2000 гостей."},
)

# The jury: the third judge is a member of the first organisation (a conflict).
JUDGES = (("malika.yusupova@example.org", "Малика Юсупова", "tg"),
          ("john.hart@example.org", "John Hart", "en"),
          ("sherzod.aliev@example.org", "Шерзод Алиев", "ru"))

# Marks (Impact, Reach, Sustainability) each judge gives each centre (index in CENTRES).
# The conflicted judge scores only the second centre, and harshly: a judge who marks one
# entry cannot tell entries apart, so the method counts that mark as exactly average.
SCORES = {
    0: {0: (7, 6, 6), 1: (9, 8, 8)},
    1: {0: (6, 5, 7), 1: (8, 8, 9)},
    2: {1: (5, 5, 5)},
}


def expected_results() -> list[scoring.Ranked]:
    """The ranking worked out from SCORES by the published method, best first."""
    criteria = [scoring.Criterion(n, weight) for n, (_name, weight) in enumerate(CRITERIA)]
    sheets = [scoring.Sheet(judge, centre, dict(enumerate(marks)))
              for judge, by_centre in SCORES.items() for centre, marks in by_centre.items()]
    ranked = scoring.rank(criteria, sheets, {})
    assert not any(r.tied_on_normalised for r in ranked), "the scores must decide alone"
    return ranked


def when(delta: timedelta) -> str:
    """A datetime-local value, a safe distance from now whatever the reader's zone."""
    return (utcnow() + delta).strftime("%Y-%m-%dT%H:%M")


def accept_dialogs(page) -> list[str]:
    """From now on answer "OK" to the page's confirmations; returns the list of the
    questions asked from now on."""
    questions = getattr(page, "confirmations", None)
    if questions is None:
        questions = page.confirmations = []

        def answer(dialog):
            questions.append(dialog.message)
            dialog.accept()

        page.on("dialog", answer)
    questions.clear()
    # The confirmation comes from site.js, which runs at the end of the page: a click
    # before the page has loaded would skip it (seen under load).
    page.wait_for_load_state("load")
    return questions


# ------------------------------------------------------------------------------ staff

def open_manage_page(staff, t) -> None:
    follow(nav(staff, t, "tg", "Competitions"))
    staff.locator("main").get_by_role("link", name=t("tg", "Manage editions")).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(t("tg", "Manage editions"))


def open_managed_edition(staff, t) -> None:
    open_manage_page(staff, t)
    staff.get_by_role("link", name=f"{NAMES['tg']} {YEAR}", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"{NAMES['tg']} {YEAR}")


def create_and_open_edition(staff, t) -> None:
    open_manage_page(staff, t)
    expect(staff.locator(".empty-state")).to_be_visible()
    axe_check(staff)
    staff.get_by_role("link", name=NAMES["tg"], exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(
        t("tg", "New edition of %(name)s", name=NAMES["tg"]))
    form_url = staff.url
    for lang in ("tg", "ru", "en"):  # with E2E_SHOTS_DIR: the form page in each language
        staff.goto(re.sub(r"/(tg|ru|en)/", f"/{lang}/", form_url, count=1))
        shoot(staff, f"edition-form-{lang}")
    staff.goto(form_url)
    staff.get_by_label(t("tg", "Year"), exact=True).fill(str(YEAR))
    staff.get_by_label(t("tg", "Entries open"), exact=True).fill(when(-timedelta(days=2)))
    staff.get_by_label(t("tg", "Deadline for entries"), exact=True).fill(
        when(timedelta(days=30)))
    staff.get_by_label(t("tg", "Judging ends"), exact=True).fill(when(timedelta(days=60)))
    staff.get_by_label(t("tg", "Who may enter"), exact=True).fill(
        "Марказҳои фарҳангии дар феҳрист тасдиқшуда, ки зиёда аз як сол фаъоланд.")
    staff.get_by_label(t("tg", "Criteria with weights, one per line"), exact=True).fill(
        "\n".join(f"{name}: {weight}" for name, weight in CRITERIA))
    staff.get_by_label(t("tg", "Questions entrants answer, one per line (optional)"),
                       exact=True).fill(QUESTION)
    staff.get_by_label(t("tg", "Required attachments, one per line (optional)"),
                       exact=True).fill(REPORT)
    axe_check(staff)
    staff.locator("main").get_by_role("button", name=t("tg", "Save"), exact=True).click()

    expect(flash(staff, t("tg", "Edition saved."))).to_be_visible()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"{NAMES['tg']} {YEAR}")
    questions = accept_dialogs(staff)
    staff.locator("main").get_by_role("button", name=t("tg", "Open for entries")).click()
    expect(flash(staff, t("tg", "The edition is now “%(state)s”.",
                          state=t("tg", "Open for entries")))).to_be_visible()
    assert questions == [t("tg", "Move the edition to “%(state)s”?",
                           state=t("tg", "Open for entries"))]
    axe_check(staff)


def approve_entries(staff, t) -> None:
    follow(nav(staff, t, "tg", "Moderation"))
    staff.get_by_label(t("tg", "Kind"), exact=True).select_option(
        label=t("tg", "Competition entry"))
    follow(staff.locator("main").get_by_role("button", name=t("tg", "Filter")))
    for centre in CENTRES:
        item = staff.get_by_role("article").filter(
            has=staff.get_by_role("link", name=centre["title"], exact=True))
        expect(item).to_contain_text(t("tg", "Competition entry"))
        item.get_by_role("button", name=t("tg", "Approve"), exact=True).click()
        expect(flash(staff, t("tg", "Decision recorded: %(decision)s.",
                              decision=t("tg", "Approved")))).to_be_visible()
    expect(staff.get_by_text(t("tg", "Nothing is waiting for review. Well done."))).to_be_visible()


def add_jury(staff, t) -> None:
    open_managed_edition(staff, t)
    entries = staff.get_by_role("table").filter(has_text=t("tg", "Entrant"))
    for centre in CENTRES:
        expect(entries.get_by_role("row").filter(has_text=centre["title"])).to_contain_text(
            t("tg", "Eligible"))
    for email, name, _lang in JUDGES:
        staff.get_by_label(t("tg", "Email of a registered member"), exact=True).fill(email)
        with staff.expect_navigation():  # the new page, not the last judge's flash
            staff.locator("main").get_by_role("button", name=t("tg", "Add judge")).click()
        expect(flash(staff, t("tg", "Judge added."))).to_be_visible()
        expect(staff.get_by_role("row").filter(has_text=email)).to_contain_text(name)
    # The deadline has not passed: entries cannot be closed yet, and the page says why.
    expect(staff.locator("main").get_by_role("button", name=t("tg", "Close entries")))\
        .to_be_disabled()
    axe_check(staff)


def close_and_start_judging(staff, t) -> None:
    open_managed_edition(staff, t)
    accept_dialogs(staff)
    staff.locator("main").get_by_role("button", name=t("tg", "Close entries")).click()
    expect(flash(staff, t("tg", "The edition is now “%(state)s”.",
                          state=t("tg", "Closed for entries")))).to_be_visible()
    staff.locator("main").get_by_role(
        "button", name=t("tg", "Start judging (assigns entries to judges)")).click()
    expect(flash(staff, t("tg", "The edition is now “%(state)s”.",
                          state=t("tg", "Being judged")))).to_be_visible()
    # Every judge has both entries but the member of the first organisation, who has one.
    for (email, _name, _lang), assigned in zip(JUDGES, (2, 2, 1), strict=True):
        expect(staff.get_by_role("row").filter(has_text=email).get_by_role("cell").nth(1))\
            .to_have_text(f"0 / {assigned}")


def publish(staff, t, ranked: list[scoring.Ranked]) -> None:
    open_managed_edition(staff, t)
    preview = staff.locator("#ranking ~ form").get_by_role("row")
    expect(preview).to_have_count(1 + len(ranked))  # and the header row
    for position, result in enumerate(ranked, start=1):
        expect(preview.nth(position).get_by_role("cell").nth(1)).to_have_text(
            CENTRES[result.entry_id]["title"])
        expect(preview.nth(position).get_by_role("cell").nth(2)).to_have_text(
            f"{result.normalised:.2f}")
    axe_check(staff)
    accept_dialogs(staff)
    staff.locator("main").get_by_role("button", name=t("tg", "Publish the results")).click()
    expect(flash(staff, t("tg", "The edition is now “%(state)s”.",
                          state=t("tg", "Results published")))).to_be_visible()


# ---------------------------------------------------------------------------- entrants

def open_edition(person, t, lang: str) -> None:
    follow(nav(person, t, lang, "Competitions"))
    expect(person.get_by_role("heading", level=1)).to_have_text(t(lang, "Competitions"))
    person.get_by_role("link", name=f"{NAMES[lang]} {YEAR}", exact=True).click()
    expect(person.get_by_role("heading", level=1)).to_have_text(f"{NAMES[lang]} {YEAR}")


def start_entry(owner, t, lang: str, centre: dict, with_statement: bool) -> None:
    open_edition(owner, t, lang)
    expect(owner.get_by_text(t(lang, "Open for entries"), exact=True)).to_be_visible()
    axe_check(owner)
    owner.get_by_role("link", name=t(lang, "Enter this competition")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(
        t(lang, "Enter %(edition)s", edition=f"{NAMES[lang]} {YEAR}"))
    who = owner.get_by_label(t(lang, "Who enters"), exact=True)
    expect(who.locator("option")).to_have_text([centre["place"]])
    who.select_option(label=centre["place"])
    owner.get_by_label(t(lang, "Title of the entry"), exact=True).fill(centre["title"])
    if with_statement:
        owner.get_by_label(t(lang, "Statement"), exact=True).fill(centre["statement"])
    owner.get_by_label(QUESTION, exact=True).fill(centre["answer"])
    axe_check(owner)
    owner.locator("main").get_by_role("button", name=t(lang, "Save draft")).click()
    expect(flash(owner, t(lang, "Draft saved. Add files if needed, then submit before the "
                                "deadline."))).to_be_visible()
    expect(owner.get_by_role("heading", level=1)).to_have_text(centre["title"])


def missing_items(owner, t, lang: str):
    return owner.get_by_role("list", name=t(lang, "Still missing before you can submit:"))\
        .get_by_role("listitem")


def upload_report(owner, t, lang: str) -> None:
    files = owner.locator("#files")
    files.get_by_label(t(lang, "Which file"), exact=True).select_option(label=REPORT)
    files.get_by_label(t(lang, "File (PDF, PNG, JPEG or WebP, at most 5 MB)")).set_input_files(
        {"name": "hisobot-2026.pdf", "mimeType": "application/pdf", "buffer": PDF})
    files.get_by_role("button", name=t(lang, "Upload")).click()
    expect(flash(owner, t(lang, "File added."))).to_be_visible()
    expect(owner.locator("#files").get_by_role("link", name=REPORT, exact=True)).to_be_visible()


def submit(owner, t, lang: str) -> None:
    questions = accept_dialogs(owner)
    owner.get_by_role("button", name=t(lang, "Submit the entry")).click()
    expect(flash(owner, t(lang, "Submitted. A confirmation was sent to you by email.")))\
        .to_be_visible()
    assert questions == [t(lang, "Submit the entry? It can no longer be changed afterwards.")]
    expect(owner.locator("main")).to_contain_text(t(lang, "Submitted; eligibility being checked"))
    expect(owner.get_by_role("button", name=t(lang, "Submit the entry"))).to_have_count(0)


def enter_with_a_draft_first(owner, t, centre: dict) -> None:
    """The first owner saves the draft before writing the statement, and is told what is
    still missing before the entry can go in."""
    lang = "tg"
    start_entry(owner, t, lang, centre, with_statement=False)
    expect(owner.get_by_text(t(lang, "Still missing before you can submit:"))).to_be_visible()
    submit_button = owner.get_by_role("button", name=t(lang, "Submit the entry"))
    expect(submit_button).to_be_disabled()
    missing = [t(lang, "The statement"), t(lang, "The attachment: %(label)s", label=REPORT)]
    expect(missing_items(owner, t, lang)).to_have_text(missing)
    axe_check(owner)

    upload_report(owner, t, lang)
    owner.get_by_role("link", name=t(lang, "Edit the draft")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(t(lang, "Edit your entry"))
    expect(owner.get_by_label(QUESTION, exact=True)).to_have_value(centre["answer"])
    owner.get_by_label(t(lang, "Statement"), exact=True).fill(centre["statement"])
    owner.locator("main").get_by_role("button", name=t(lang, "Save draft")).click()
    expect(flash(owner, t(lang, "Draft saved."))).to_be_visible()
    expect(missing_items(owner, t, lang)).to_have_count(0)
    expect(owner.locator("main .description strong")).to_have_text("забон")  # Markdown
    submit(owner, t, lang)


def enter_at_once(owner, t, centre: dict) -> None:
    lang = "ru"
    start_entry(owner, t, lang, centre, with_statement=True)
    expect(missing_items(owner, t, lang)).to_have_text(
        [t(lang, "The attachment: %(label)s", label=REPORT)])
    upload_report(owner, t, lang)
    submit(owner, t, lang)


# ------------------------------------------------------------------------------ judges

def score_entries(judge, t, lang: str, name: str, marks: dict[int, tuple]) -> None:
    """Open each assigned entry, declare no conflict, score it; the first one is saved as
    a draft before it is submitted, as one does when called away."""
    follow(account_menu(judge, name).get_by_role("link", name=t(lang, "Judging")))
    judge.get_by_role("link", name=f"{NAMES[lang]} {YEAR}", exact=True).click()
    expect(judge.get_by_role("heading", level=1)).to_have_text(
        t(lang, "Your entries to judge: %(edition)s", edition=f"{NAMES[lang]} {YEAR}"))
    links = judge.locator("main table").get_by_role("link")
    expect(links).to_have_count(len(marks))
    axe_check(judge)
    for number in range(1, len(marks) + 1):
        judge.get_by_role("link", name=t(lang, "Entry %(num)d", num=number), exact=True).click()
        expect(judge.get_by_role("heading", level=1)).to_have_text(
            t(lang, "Before you read this entry"))
        entrant = next(n for n, c in enumerate(CENTRES)
                       if judge.get_by_text(t(lang, "Entrant: %(name)s", name=c["place"]))
                       .count())
        assert entrant in marks, f"{name} was given the entry of {CENTRES[entrant]['place']}"
        judge.get_by_role("button", name=t(lang, "I have no conflict of interest")).click()
        expect(judge.get_by_role("heading", level=1)).to_have_text(CENTRES[entrant]["title"])
        expect(judge.get_by_text(CENTRES[entrant]["answer"])).to_be_visible()
        sheet = judge.locator("main form.score-sheet")
        for (criterion, weight), mark in zip(CRITERIA, marks[entrant], strict=True):
            group = sheet.get_by_role("group", name=f"{criterion} ({weight}%)")
            group.get_by_label(t(lang, "Score"), exact=True).fill(str(mark))
            group.get_by_label(t(lang, "Comment for the entrant (optional)")).fill(
                f"{criterion}: {mark}/10")
        if number == 1:
            axe_check(judge)
            sheet.get_by_role("button", name=t(lang, "Save and come back later")).click()
            expect(flash(judge, t(lang, "Scores saved as a draft."))).to_be_visible()
            expect(sheet.get_by_role("group", name=f"{CRITERIA[0][0]} ({CRITERIA[0][1]}%)")
                   .get_by_label(t(lang, "Score"), exact=True)).to_have_value(
                str(marks[entrant][0]))
        questions = accept_dialogs(judge)
        sheet.get_by_role("button", name=t(lang, "Submit scores")).click()
        expect(flash(judge, t(lang, "Scores submitted. Thank you."))).to_be_visible()
        assert questions == [t(lang, "Submit your scores? They cannot be changed afterwards.")]
    expect(judge.get_by_text(t(lang, "Scores submitted"), exact=True)).to_have_count(len(marks))


# ----------------------------------------------------------------------------- visitors

def read_results(visitor, t, ranked: list[scoring.Ranked]) -> None:
    """The winners, best first, in each language through the header's switch."""
    visitor.goto("/")
    awards = ("First place", "Second place", "Third place")
    for lang in LANGS:
        switch_language(visitor, t, lang)
        open_edition(visitor, t, lang)
        expect(visitor.get_by_role("heading", name=t(lang, "Results"), exact=True))\
            .to_be_visible()
        rows = visitor.locator("main ol.results > li")
        expect(rows).to_have_count(len(ranked))
        for row, (position, result) in zip(
                (rows.nth(n) for n in range(len(ranked))), enumerate(ranked), strict=True):
            centre = CENTRES[result.entry_id]
            expect(row.get_by_role("link")).to_have_text(centre["title"])
            expect(row).to_contain_text(centre["place"])
            expect(row).to_contain_text(t(lang, awards[position]))
            expect(row).to_contain_text(t(lang, "Score %(score)s",
                                          score=f"{result.normalised:.2f}"))
        expect(visitor.locator("main")).to_contain_text(", ".join(name for _e, name, _l
                                                                  in JUDGES))
        axe_check(visitor)
    # The winning entry is public now, with its award.
    winner = CENTRES[ranked[0].entry_id]
    visitor.get_by_role("link", name=winner["title"], exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(winner["title"])
    expect(visitor.locator("main")).to_contain_text(t("en", "First place"))
    expect(visitor.locator("main .description")).to_contain_text("300 семей")
    expect(visitor.get_by_text(t("en", "Files"), exact=True)).to_have_count(0)
    axe_check(visitor)


def read_feedback(owner, t, ranked: list[scoring.Ranked], centre_index: int) -> None:
    """The entrant finds the entry among their own, with its award and the jury's marks."""
    result = next(r for r in ranked if r.entry_id == centre_index)
    centre = CENTRES[centre_index]
    follow(account_menu(owner, centre["owner"][1]).get_by_role("link",
                                                               name=t("ru", "My entries")))
    item = owner.get_by_role("listitem").filter(has_text=centre["title"])
    expect(item).to_contain_text(t("ru", "First place"))
    axe_check(owner)
    follow(item.get_by_role("link", name=centre["title"], exact=True))
    feedback = owner.get_by_role("region", name=t("ru", "The jury's assessment"))
    expect(feedback).to_contain_text(t("ru", "Final score %(score)s, rank %(rank)d.",
                                       score=f"{result.normalised:.2f}", rank=result.rank))
    expect(feedback).to_contain_text(f"{CRITERIA[0][0]}: 9/10")  # a judge's comment
    axe_check(owner)


# --------------------------------------------------------------------------- set-up

@pytest.fixture
def people(app, make_user, make_org, make_place):
    """The six competitions (the migration's rows), a staff member, two approved
    organisations with approved cultural centres, and three registered judges, the third a
    member of the first organisation."""
    db.session.execute(sa.insert(Competition), catalogue.rows())
    staff = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                      display_name="Рустам Назаров")
    owners = []
    for centre in CENTRES:
        email, name, lang = centre["owner"]
        owner = make_user(email=email, display_name=name, locale=lang)
        org = make_org(owner=owner, name=centre["org"], country=centre["country"],
                       city=centre["city"])
        make_place(org=org, kind="cultural_centre", variant=None, name=centre["place"],
                   country=centre["country"], city=centre["city"])
        owners.append((owner, org))
    judges = [make_user(email=email, display_name=name, locale=lang)
              for email, name, lang in JUDGES]
    first_owner, first_org = owners[0]
    joined = membership.request_to_join(judges[2], first_org, None)
    membership.accept_request(first_owner, joined, "member")
    found = {"staff": (staff.email, staff.totp_secret)}
    db.session.rollback()
    return found


def the_edition() -> Edition:
    db.session.rollback()
    return db.session.scalar(sa.select(Edition))


def test_best_cultural_centre_from_opening_to_published_results(
        page, live_server, people, new_person):  # noqa: F811
    t = live_server.t
    ranked = expected_results()
    assert [r.entry_id for r in ranked] == [1, 0]  # the second centre wins

    staff = signed_in(new_person, t, "tg", *people["staff"])
    create_and_open_edition(staff, t)

    owners = [signed_in(new_person, t, c["owner"][2], c["owner"][0]) for c in CENTRES]
    enter_with_a_draft_first(owners[0], t, CENTRES[0])
    enter_at_once(owners[1], t, CENTRES[1])

    approve_entries(staff, t)
    add_jury(staff, t)

    close_now(the_edition())  # the deadline passes
    close_and_start_judging(staff, t)

    for number, (email, name, lang) in enumerate(JUDGES):
        judge = signed_in(new_person, t, lang, email)
        score_entries(judge, t, lang, name, SCORES[number])

    publish(staff, t, ranked)
    read_results(page, t, ranked)

    read_feedback(owners[1], t, ranked, centre_index=1)
