"""Telling each party, in their own language: the person gets their consent link by mail
in the language the nominator chose for them; the nominator and the office's accounts get
notices (and mail in their account's language)."""

from __future__ import annotations

from flask_babel import force_locale

from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.links import external_url
from diaspora_platform.mail import send_mail
from diaspora_platform.nominations.models import Nomination
from diaspora_platform.notifications.services import notify
from diaspora_platform.official.accounts import office_accounts
from diaspora_platform.official.models import OfficialBody
from diaspora_platform.organisations.models import Organisation

CONSENT_SUBJECT = _l("You are nominated for a competition of the Tajik diasporas")


def nominator_name(nomination: Nomination, lang: str) -> str:
    if nomination.organisation_id:
        org = db.session.get(Organisation, nomination.organisation_id)
        return org.display_name(lang) if org else ""
    office = db.session.get(OfficialBody, nomination.nominating_office_id or 0)
    return office.name_in(lang) if office else ""


def ask_consent(nomination: Nomination, secret: str) -> None:
    lang = nomination.language
    with force_locale(lang):
        link = external_url("nominations.consent", secret=secret, _language=lang)
    send_mail(nomination.nominee_email, lang, CONSENT_SUBJECT, "nomination_consent",
              name=nomination.nominee_name, link=link,
              edition=nomination.edition.title(lang),
              nominator=nominator_name(nomination, lang),
              expires=nomination.consent_expires_at)


def _params(nomination: Nomination) -> dict:
    return {"name": nomination.nominee_name, "edition_id": nomination.edition_id,
            "stage": nomination.stage.value}


def tell_nominator(nomination: Nomination) -> None:
    notify(db.session.get(User, nomination.nominator_id or 0), "nomination.stage",
           link="/nominations/mine", **_params(nomination))


def tell_office(nomination: Nomination, office_id: int | None, kind: str,
                link: str = "/nominations/office/") -> None:
    """The accounts of an office hear of a nomination (`kind`: a registered notice)."""
    office = db.session.get(OfficialBody, office_id or 0)
    if office is None:
        return
    for account in office_accounts(office):
        notify(account.user, kind, link=link, **_params(nomination))


def ask_office(nomination: Nomination) -> None:
    """The office's accounts hear that a consented nomination waits for their decision."""
    if nomination.edition.endorsement_required:
        tell_office(nomination, nomination.office_id, "nomination.to_endorse",
                    link=f"/nominations/office/{nomination.id}")
