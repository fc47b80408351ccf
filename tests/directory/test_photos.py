"""Place photos: checked by content, re-encoded with thumbnails, at most five."""

import io

from PIL import Image

from diaspora_platform import uploads
from diaspora_platform.accounts.models import User
from diaspora_platform.directory import queries
from diaspora_platform.extensions import db
from tests.fixtures_organisations import png_bytes

EN = {"Accept-Language": "en"}


def upload(client, place, *files):
    data = {"photos": [(io.BytesIO(content), name) for content, name in files]}
    return client.post(f"/directory/{place.id}/photos", data=data, headers=EN,
                       content_type="multipart/form-data", follow_redirects=True)


def sign_in_owner(auth, place):
    auth.login(db.session.get(User, place.organisation.created_by_id).email)


def test_photos_are_re_encoded_with_a_thumbnail(client, auth, make_place):
    place = make_place()
    sign_in_owner(auth, place)
    page = upload(client, place, (png_bytes((2400, 1200)), "hall.png"),
                  (png_bytes((300, 300), "JPEG"), "kids.jpg")).get_data(as_text=True)
    assert "2 photo(s) added" in page
    photos = queries.photos(place)
    assert [p.position for p in photos] == [0, 1]
    with Image.open(io.BytesIO(uploads.read("places", photos[0].filename))) as full:
        assert full.format == "WEBP" and max(full.size) == 1600
    with Image.open(io.BytesIO(uploads.read("places", photos[0].thumbnail))) as thumb:
        assert max(thumb.size) == 480
    response = client.application.test_client().get(f"/directory/photos/{photos[0].id}/thumb")
    assert response.status_code == 200 and response.mimetype == "image/webp"


def test_at_most_five_photos_and_fakes_are_refused_with_nothing_stored(client, auth,
                                                                       make_place):
    place = make_place()
    sign_in_owner(auth, place)
    upload(client, place, *[(png_bytes(), f"{n}.png") for n in range(4)])
    page = upload(client, place, (png_bytes(), "5.png"),
                  (png_bytes(), "6.png")).get_data(as_text=True)
    assert "at most 5 photos" in page and len(queries.photos(place)) == 4
    page = upload(client, place, (b"GIF89a not really", "fake.png")).get_data(as_text=True)
    assert "not an image we can read" in page and len(queries.photos(place)) == 4


def test_removing_a_photo_deletes_its_files_and_twice_is_harmless(client, auth, make_place):
    place = make_place()
    sign_in_owner(auth, place)
    upload(client, place, (png_bytes(), "a.png"))
    photo = queries.photos(place)[0]
    files = (photo.filename, photo.thumbnail)
    url = f"/directory/{place.id}/photos/{photo.id}/remove"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert queries.photos(place) == [] and not any(uploads.read("places", n) for n in files)


def test_photos_of_a_place_in_review_are_not_public(app, client, auth, make_place):
    place = make_place(approved=False)
    sign_in_owner(auth, place)
    upload(client, place, (png_bytes(), "a.png"))
    photo = queries.photos(place)[0]
    assert client.get(f"/directory/photos/{photo.id}/full").status_code == 200
    assert app.test_client().get(f"/directory/photos/{photo.id}/full").status_code == 404
