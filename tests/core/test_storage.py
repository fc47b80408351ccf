"""Uploads behind one storage interface: the same behaviour on the local disk and in an
S3-compatible bucket (moto's server on this machine), read back only through the app's
permission checks, and nothing half-saved when the store cannot be reached."""

import io

import pytest
import sqlalchemy as sa

from diaspora_platform import storage, uploads
from diaspora_platform.directory.models import PlacePhoto
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from tests.fixtures_organisations import png_bytes
from tests.fixtures_storage import create_bucket, s3_settings


@pytest.fixture
def app(app_factory, storage_settings):
    """Every test here runs once with uploads on disk and once in the object store."""
    app = app_factory(**storage_settings)
    with app.app_context():
        yield app


def register_with_logo(client, auth, make_user, form_data, locale="en"):
    auth.login(make_user(locale=locale).email)
    data = form_data()
    data["logo"] = (io.BytesIO(png_bytes()), "logo.png")
    return client.post("/organisations/new", data=data, content_type="multipart/form-data")


def logo_url(org):
    return f"/organisations/{org.id}/logo?v={org.logo}"


def test_a_public_logo_is_served_from_the_store_with_a_long_cache(
        app, client, auth, make_user, form_data):
    register_with_logo(client, auth, make_user, form_data)
    org = db.session.scalar(sa.select(Organisation))
    assert uploads.read("logos", org.logo)[:4] == b"RIFF"  # in this backend's store
    org.status = "approved"
    db.session.commit()
    reader = app.test_client()
    page = reader.get(f"/en/organisations/{org.id}").get_data(as_text=True)
    assert f"v={org.logo}" in page  # pages link the logo by its stored name
    response = reader.get(logo_url(org))
    assert response.status_code == 200 and response.data[:4] == b"RIFF"
    assert response.mimetype == "image/webp"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    again = reader.get(logo_url(org), headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    # An address without the current name may be an old logo's: not cached for long.
    assert "public" not in reader.get(f"/organisations/{org.id}/logo").headers[
        "Cache-Control"]


def test_a_logo_in_review_is_only_served_to_its_owner(app, client, auth, make_user,
                                                        form_data):
    register_with_logo(client, auth, make_user, form_data)
    org = db.session.scalar(sa.select(Organisation))
    assert org.status == "pending"
    owner_view = client.get(logo_url(org))
    assert owner_view.status_code == 200
    assert owner_view.headers["Cache-Control"].startswith("private")
    assert app.test_client().get(logo_url(org)).status_code == 404


def test_private_downloads_stream_through_the_app_and_are_not_cached(
        app, client, auth, make_place):
    from tests.directory.test_photos import sign_in_owner, upload

    place = make_place(approved=False)
    sign_in_owner(auth, place)
    upload(client, place, (png_bytes(), "a.png"))
    photo = db.session.scalar(sa.select(PlacePhoto))
    url = f"/directory/photos/{photo.id}/full"
    mine = client.get(url)
    assert mine.status_code == 200 and mine.data == uploads.read("places", photo.filename)
    assert "public" not in mine.headers["Cache-Control"]
    assert app.test_client().get(url).status_code == 404


def test_a_replaced_logo_leaves_no_file_behind(app, client, auth, make_user, form_data):
    register_with_logo(client, auth, make_user, form_data)
    org = db.session.scalar(sa.select(Organisation))
    old = org.logo
    data = form_data()
    data["logo"] = (io.BytesIO(png_bytes((80, 80))), "new.png")
    client.post(f"/organisations/{org.id}/edit", data=data, content_type="multipart/form-data")
    db.session.refresh(org)
    assert org.logo != old and uploads.read("logos", org.logo)
    assert uploads.read("logos", old) is None


def test_files_stored_by_a_change_that_rolls_back_are_removed(app):
    with app.test_request_context():
        kept = uploads.save_image("logos", b"RIFF kept")
        db.session.commit()
        dropped = uploads.save_image("logos", b"RIFF dropped")
        db.session.rollback()
    assert uploads.read("logos", kept) == b"RIFF kept"
    assert uploads.read("logos", dropped) is None


@pytest.fixture
def broken_store(app, storage_settings, tmp_path):
    """The app's store made unreachable: a closed port, or a disk folder that is a file."""
    if storage_settings["STORAGE_BACKEND"] == "s3":
        app.extensions["storage"] = storage.build({**storage_settings,
                                                   "S3_ENDPOINT_URL": "http://127.0.0.1:9"})
    else:
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("")
        app.extensions["storage"] = storage.LocalStorage(blocked)


@pytest.mark.parametrize("locale, message", [
    ("en", "The file store cannot be reached just now"),
    ("ru", "Хранилище файлов сейчас недоступно"),
])
def test_store_unreachable_during_an_upload_says_so_and_saves_nothing(
        app, client, auth, make_user, form_data, broken_store, locale, message):
    response = register_with_logo(client, auth, make_user, form_data, locale)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert 'value="Ravzana"' in response.get_data(as_text=True)  # the form keeps the input
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_photos_are_all_or_nothing_when_the_store_fails(app, client, auth, make_place,
                                                        storage_settings, tmp_path):
    from tests.directory.test_photos import sign_in_owner, upload

    place = make_place()
    sign_in_owner(auth, place)
    real = storage.backend()
    written = []

    class FailsOnThird:  # the store goes away halfway through a batch
        def __getattr__(self, name):
            return getattr(real, name)

        def put(self, key, data, content_type):
            if len(written) == 2:
                raise storage.StorageUnavailable()
            real.put(key, data, content_type)
            written.append(key)

    app.extensions["storage"] = FailsOnThird()
    page = upload(client, place, (png_bytes(), "a.png"), (png_bytes(), "b.png"))
    assert "cannot be reached" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PlacePhoto.id))) == 0
    assert len(written) == 2 and all(real.get(key) is None for key in written)


def test_keys_cannot_leave_their_folder(app):
    for bad in ("../secret", "logos/../../x", "logos/", "/etc/passwd", "logos/.hidden"):
        with pytest.raises(ValueError):
            storage.backend().get(bad)


def test_uploads_migrate_copies_disk_files_into_the_bucket_and_resumes(
        app_factory, s3_endpoint, tmp_path):
    settings = s3_settings(s3_endpoint)
    create_bucket(settings)
    app = app_factory(**settings)
    disk = storage.LocalStorage(app.config["UPLOAD_DIR"])
    files = {"logos/a.webp": b"RIFF logo", "places/b.webp": b"RIFF photo",
             "entries/c.pdf": b"%PDF-1.4 entry"}
    for key, data in files.items():
        disk.put(key, data, "application/octet-stream")
    runner = app.test_cli_runner()
    with app.app_context():
        bucket = storage.backend()
        bucket.put("logos/a.webp", b"RIFF logo", "image/webp")  # arrived before a cut
        bucket.put("places/b.webp", b"RIFF pho", "image/webp")  # cut off mid-way
        result = runner.invoke(args=["uploads", "migrate"])
        assert result.exit_code == 0, result.output
        assert "2 copied, 1 already there, 0 failed" in result.output
        assert {key: bucket.get(key) for key in files} == files
        assert sorted(bucket.keys()) == sorted(files)
        again = runner.invoke(args=["uploads", "migrate"])
        assert "0 copied, 3 already there" in again.output


def test_uploads_migrate_needs_the_bucket_configured(app):
    result = app.test_cli_runner().invoke(args=["uploads", "migrate"])
    if app.config["STORAGE_BACKEND"] == "local":
        assert result.exit_code != 0 and "STORAGE_BACKEND=s3" in result.output
    else:
        assert result.exit_code == 0 and "0 copied" in result.output
