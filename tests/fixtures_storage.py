"""An S3-compatible object store on this machine (moto's server), and apps that keep their
uploads on the local disk or in a bucket of that store."""

import secrets

import pytest

ACCESS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing",
          "S3_REGION": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_settings(endpoint: str, bucket: str | None = None) -> dict:
    return {"STORAGE_BACKEND": "s3", "S3_ENDPOINT_URL": endpoint,
            "S3_BUCKET": bucket or f"uploads-{secrets.token_hex(6)}", **ACCESS}


def create_bucket(settings: dict) -> None:
    import boto3

    boto3.client("s3", endpoint_url=settings["S3_ENDPOINT_URL"],
                 region_name=settings["S3_REGION"],
                 aws_access_key_id=settings["S3_ACCESS_KEY_ID"],
                 aws_secret_access_key=settings["S3_SECRET_ACCESS_KEY"],
                 ).create_bucket(Bucket=settings["S3_BUCKET"])


@pytest.fixture(params=["local", "s3"])
def storage_settings(request) -> dict:
    """Settings of one storage backend, its bucket ready; tests using it run on both."""
    if request.param == "local":
        return {"STORAGE_BACKEND": "local"}
    settings = s3_settings(request.getfixturevalue("s3_endpoint"))
    create_bucket(settings)
    return settings


@pytest.fixture
def store_app(app_factory, storage_settings):
    app = app_factory(**storage_settings)
    with app.app_context():
        yield app
