"""Demo content of the community area (called by `flask seed-demo`): Council news in
three languages (one pinned, advice for labour migrants), organisation news, resources,
follows and digest subscriptions."""

from __future__ import annotations

import io
from datetime import timedelta

from werkzeug.datastructures import FileStorage

from diaspora_platform.community.demo_content import (
    COUNCIL_NEWS,
    DESCRIPTIONS,
    ORG_NEWS,
    RESOURCES,
)
from diaspora_platform.community.follows import services as follows
from diaspora_platform.community.news import services as news
from diaspora_platform.community.resources import services as resources
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications.preferences import set_preferences


def sample_pdf(title: str) -> bytes:
    """A small valid one-page PDF (ASCII title), built with correct cross-references."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _texts(versions: dict) -> dict:
    return {f"{part}_{lang}": versions[lang][index] for lang in versions
            for index, part in enumerate(("title", "body"))}


def _seed_news(staff, orgs_by_name) -> None:
    now = utcnow()
    for category, pinned, days, country, checked, versions in COUNCIL_NEWS:
        item = news.publish_council_news(staff, {
            **_texts(versions), "category": category, "pinned": pinned, "country": country,
            "checked_on": (now - timedelta(days=checked)).date() if checked else None})
        item.published_at = now - timedelta(days=days)
    for name, status, versions in ORG_NEWS:
        org = orgs_by_name[name]
        owner = db.session.get(type(staff), org.created_by_id)
        item = news.submit_organisation_news(owner, org, _texts(versions))
        if status == S.APPROVED:  # through moderation, so followers are told
            moderation.decide(staff, item, "approve")
    db.session.commit()


def _seed_resources(staff, orgs_by_name) -> None:
    for org_name, kind, titles, material, audience, level, url, with_file in RESOURCES:
        org = orgs_by_name.get(org_name) if org_name else None
        user = staff if org is None else db.session.get(type(staff), org.created_by_id)
        upload = (FileStorage(io.BytesIO(sample_pdf(f"Demo resource: {kind}")),
                              filename=f"{kind}.pdf") if with_file else None)
        lang = next(iter(titles))
        item = resources.share_resource(user, {
            "kind": kind, "language": lang, "material_language": material,
            "audience": audience, "level": level, "url": url,
            **{f"title_{code}": text for code, text in titles.items()},
            **{f"description_{code}": DESCRIPTIONS[code] for code in titles},
            "title": titles[lang], "description": DESCRIPTIONS[lang]}, upload, org)
        if org is not None and with_file:  # one reviewed, one still waiting
            moderation.decide(staff, item, "approve")


def _seed_follows(users, orgs_by_name) -> None:
    members = users[2:]
    ravzana = orgs_by_name.get("Ravzana")
    for user in members[:4]:
        if ravzana is not None:
            follows.follow(user, organisation=ravzana)
        set_preferences(user, {"digest": True})
    follows.follow(members[0], country="RU")
    follows.follow(members[2], country="FR")


def seed(users: list, orgs: list) -> None:
    """Add this domain's demo content; users and orgs are the ones seed-demo created."""
    staff = users[1]
    orgs_by_name = {org.name: org for org in orgs if org.status == S.APPROVED}
    _seed_follows(users, orgs_by_name)  # first, so followers are told of the news
    _seed_news(staff, orgs_by_name)
    _seed_resources(staff, orgs_by_name)
