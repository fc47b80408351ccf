"""Counts agree with their nouns, shared status words agree with what they describe, and
the catalogues keep to the glossary."""

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from flask_babel import force_locale
from wtforms import StringField
from wtforms.validators import Length

from diaspora_platform.assistance.models import Status
from diaspora_platform.competitions.models import ENTRY_STATE_TITLES
from diaspora_platform.forms import MAX, BaseForm
from diaspora_platform.fund.models import PledgeStatus
from diaspora_platform.projects.models import OfferStatus

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_glossary  # noqa: E402


def test_a_validator_message_agrees_with_its_limit_in_russian(app):
    class Short(BaseForm):
        one = StringField(validators=[Length(max=1, message=MAX)])
        few = StringField(validators=[Length(max=3, message=MAX)])
        many = StringField(validators=[Length(max=80, message=MAX)])

    with app.test_request_context(method="POST", data={"one": "xx", "few": "xxxxx",
                                                       "many": "x" * 90}), force_locale("ru"):
        form = Short(meta={"csrf": False})
        form.validate()
    assert form.one.errors == ["Используйте не более 1 символа."]
    assert form.few.errors == ["Используйте не более 3 символов."]
    assert form.many.errors == ["Используйте не более 80 символов."]


def test_a_refusal_with_a_count_is_in_the_right_plural(app, client, auth, make_user):
    user = make_user(locale="ru")
    auth.login(user.email)
    page = client.post("/account/password", data={
        "current": "kitob-daryo-sabz-2026", "password": "short", "confirm": "short"},
        headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Используйте не менее 12 символов." in page


def test_status_words_agree_with_the_thing_they_describe_in_russian(app):
    with app.test_request_context(), force_locale("ru"):
        assert OfferStatus.DECLINED.title == "Отклонено"      # предложение
        assert Status.DECLINED.title == "Отклонена"           # заявка
        assert OfferStatus.WITHDRAWN.title == "Отозвано"
        assert str(ENTRY_STATE_TITLES["hidden"]) == "Скрыта"  # заявка на конкурс
        assert PledgeStatus.RECEIVED.title == "Получено"      # обязательство
        assert Status.RECEIVED.title == "Получена"


def test_the_catalogues_follow_the_glossary():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_glossary.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_the_glossary_check_finds_a_term_translated_a_second_way():
    terms = check_glossary.read_glossary()
    catalogue = Catalog(locale="tg")
    catalogue.add("Link", "Пайванд")
    catalogue.add("Open the link", "Истинодро кушоед")
    catalogue.add("Ask for help", "Кумак пурсед")
    found = check_glossary.conflicts(terms, "tg", catalogue)
    assert len(found) == 2
    assert any("истинод" in line for line in found) and any("кумак" in line for line in found)


def test_the_glossary_names_each_key_term_in_three_languages():
    text = (ROOT / "translations" / "GLOSSARY.md").read_text(encoding="utf-8")
    for row in ("| fund | фонд | фонд |", "| compatriots abroad | ҳамватанони бурунмарзӣ |",
                "| website / site | сомона |", "| link / links | пайванд |",
                "| jury | ҳайати доварон |"):
        assert row in text
