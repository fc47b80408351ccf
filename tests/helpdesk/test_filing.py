"""Filing a help request without an account: routing, contacts, limits, double submit."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import services
from diaspora_platform.helpdesk.models import HelpRequest
from tests.helpdesk.conftest import filing


def test_a_request_with_a_phone_only_is_routed_to_the_staffed_office_and_the_person_told(
        world, file_request, sent):
    req, secret, created = file_request()
    assert created and req.office_id == world.moscow.id and req.status == "received"
    assert req.phone == "+79170000000" and req.email is None
    channel, to, text = sent[-1]
    assert (channel, to) == ("sms", "+79170000000")
    assert f"/help-request/{secret}" in text and "Казан" not in text


def test_a_country_without_a_staffed_office_goes_to_the_council(world, file_request):
    req, _secret, _created = file_request(country="DE", city="Berlin")
    assert req.office_id is None


def test_sending_the_same_form_twice_files_one_request_with_one_link(world, file_request):
    data = filing()
    first = services.file_request(None, data)
    second = services.file_request(None, data)
    assert first[0].id == second[0].id and first[1] == second[1]
    assert not second[2]
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 1


@pytest.mark.parametrize("written, stored", [
    ("+992 93-000 00 00", "+992930000000"), ("00 7 917 000-00-00", "+79170000000"),
    ("(+7) 917 000 0000", "+79170000000")])
def test_phone_numbers_are_accepted_in_any_common_writing(world, file_request, written,
                                                          stored):
    assert file_request(phone=written)[0].phone == stored


def test_a_phone_without_country_code_is_refused_with_how_to_write_it(world, file_request):
    with pytest.raises(DomainError, match="country code"):
        file_request(phone="8 917 000 00 00")


def test_a_request_without_a_way_to_reach_the_person_is_refused(world, file_request):
    with pytest.raises(DomainError, match="phone number or a messenger"):
        file_request(phone="", messenger="")


def test_a_messenger_handle_is_enough(world, file_request, sent):
    req = file_request(phone="", messenger="@farrukh_n")[0]
    assert req.messenger == "@farrukh_n" and sent[-1][:2] == ("messenger", "@farrukh_n")


def test_a_story_too_long_is_refused_saying_how_long_it_is(world, file_request):
    with pytest.raises(DomainError, match="100,000|100000") as info:
        file_request(story="x" * 100_000)
    assert str(services.STORY_MAX) in info.value.message.replace(",", "")


def test_asking_for_someone_else_needs_their_consent_which_is_recorded(world, file_request):
    with pytest.raises(DomainError, match="agrees"):
        file_request(filed_as="relative")
    req = file_request(filed_as="relative", consent=True)[0]
    assert req.consent_at is not None


def test_only_an_organisation_editor_files_on_its_behalf(world, file_request):
    with pytest.raises(DomainError):
        services.file_request(world.member, filing(
            filed_as="organisation", organisation_id=world.partner.id, consent=True))
    req = services.file_request(world.partner_owner, filing(
        filed_as="organisation", organisation_id=world.partner.id, consent=True))[0]
    assert req.organisation_id == world.partner.id


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    out.seek(0)
    return out


def test_a_photo_is_kept_re_encoded_and_a_file_that_is_not_a_document_is_refused(
        world, file_request):
    req = file_request(files=[_png()])[0]
    assert req.attachments[0].media_type == "image/webp"
    assert req.attachments[0].data[:4] == b"RIFF"
    with pytest.raises(DomainError, match="PDF"):
        file_request(files=[io.BytesIO(b"MZ\x90\x00 not a document")])


def test_the_person_answers_through_the_link_and_a_waiting_request_moves_on(
        world, file_request):
    req, secret, _created = file_request()
    req.status = "waiting"
    db.session.commit()
    services.person_writes(services.by_secret(secret), "Вот номер договора: 17.")
    assert req.status == "in_progress" and req.messages[-1].from_person
    assert services.by_secret("wrong-secret") is None
