"""Demo content: the scientist competition taken by nomination only, with one nomination
consented by the person and endorsed by the embassy in Russia (so the entry, with its
endorsement, waits for the Council's eligibility check), and one waiting for consent."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import AnonymousUser, User
from diaspora_platform.competitions import editions
from diaspora_platform.competitions.models import Competition
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.nominations import endorsement, services
from diaspora_platform.nominations.models import Endorsement
from diaspora_platform.nominations.queries import offices_covering

STATEMENT = (
    "Доктор Шералӣ Бобоев 15 сол аст, ки дар Донишгоҳи давлатии Маскав физикаи "
    "плазмаро таълим медиҳад ва ҳар сол донишҷӯёни тоҷикро ба таҷрибаомӯзӣ мегирад. "
    "Ӯ бо Академияи миллии илмҳои Тоҷикистон се лоиҳаи муштарак анҷом додааст.")


def seed(users: list, orgs: list) -> None:
    staff = users[1]
    scientist = db.session.scalar(sa.select(Competition).where(
        Competition.key == "best-scientist"))
    org = next((o for o in orgs if o.status == ModerationStatus.APPROVED
                and o.country == "RU"), None)
    office = next(iter(offices_covering("RU")), None)
    if scientist is None or org is None or office is None:
        return
    now = utcnow()
    edition = editions.save_edition(staff, scientist, {
        "year": now.year, "opens_at": now - timedelta(days=3),
        "closes_at": now + timedelta(days=60), "judging_ends_at": now + timedelta(days=90),
        "eligibility": "Scientists of Tajik origin working abroad, nominated by a diaspora "
                       "organisation or an official body and endorsed by the embassy or "
                       "consulate of their country.",
        "criteria": "Scientific achievement: 50\nTies with Tajikistan: 30\nTeaching: 20",
        "questions": "", "required_attachments": "", "optional_attachments": 2,
        "max_entries": 1, "blind": False, "hide_jury": False, "judges_per_entry": None,
        "by_nomination": True, "self_entry": False, "endorsement_required": True})
    editions.transition(staff, edition, "open")
    owner = db.session.get(User, org.created_by_id)

    def nominate(name, email):
        return services.nominate_person(owner, edition, services.Proposal(
            client_token=secrets.token_urlsafe(24), name=name, email=email, country="RU",
            statement=STATEMENT, language="tg", on_behalf=f"org:{org.id}"))[0]

    endorsed = nominate("Шералӣ Бобоев", "sherali.boboev@example.org")
    services.answer_nomination(AnonymousUser(), endorsed, True)
    # The embassy's own staff have no demo account: its decision is recorded as theirs.
    endorsed.endorsement = Endorsement.ENDORSED
    endorsed.endorsement_note = ("Доктор Бобоев ба ҷомеаи тоҷикони Маскав маълум аст; "
                                 "сафорат пешбариро дастгирӣ мекунад.")
    endorsed.endorsed_at = utcnow()
    audit.record(staff, "nomination.endorsed", endorsed, office=office.id, source="seed-demo")
    endorsement.move_on(endorsed)
    nominate("Нигина Раҳмонова", "nigina.rahmonova@example.org")
    db.session.commit()
