"""Where uploaded files live: one interface over the local disk (the default) and an
S3-compatible object store (STORAGE_BACKEND=s3). Keys are "<kind>/<random name>".

Every file is read back through the app (after the caller's permission check), so a
private object is never reachable by its address in the bucket."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from flask import Response, current_app, request, send_file

from diaspora_platform.errors import DomainError
from diaspora_platform.i18n import _

log = logging.getLogger(__name__)

# Stored names are random and never reused, so a public image can be cached for a year.
PUBLIC_CACHE = "public, max-age=31536000, immutable"
CHUNK = 64 * 1024


class StorageUnavailable(DomainError):
    """The file store could not be reached: nothing was saved."""

    def __init__(self) -> None:
        super().__init__(_("The file store cannot be reached just now, so nothing was "
                           "saved. Please try again in a few minutes."))


class Stored(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes | None: ...
    def stat(self, key: str) -> tuple[int, str] | None: ...  # (size, MD5 hex)
    def delete(self, key: str) -> None: ...
    def keys(self) -> Iterator[str]: ...
    def response(self, key: str, mimetype: str) -> Response | None: ...


def _safe_key(key: str) -> str:
    kind, _sep, name = key.partition("/")
    if not kind or not name or "/" in name or name.startswith(".") or kind.startswith("."):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class LocalStorage:
    """Files under one folder on this host's disk."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / _safe_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written beside the target and renamed: a reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except OSError as exc:
            log.error("storage: cannot write %s: %s", key, exc)
            raise StorageUnavailable() from exc

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def stat(self, key: str) -> tuple[int, str] | None:
        data = self.get(key)
        return None if data is None else (len(data), hashlib.md5(data).hexdigest())

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for kind in sorted(p for p in self.root.iterdir() if p.is_dir()):
            for item in sorted(kind.iterdir()):
                if item.is_file() and not item.name.startswith("."):
                    yield f"{kind.name}/{item.name}"

    def response(self, key: str, mimetype: str) -> Response | None:
        path = self.path(key)
        if not path.is_file():
            return None
        return send_file(path, mimetype=mimetype, conditional=True, etag=True)


class S3Storage:
    """Objects in one bucket of an S3-compatible store (AWS, MinIO, Ceph, …)."""

    def __init__(self, config) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = config["S3_BUCKET"]
        self.client = boto3.client(
            "s3", endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region_name=config.get("S3_REGION") or None,
            aws_access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None,
            # An upload waits a few seconds at most for a store that is down.
            config=Config(connect_timeout=3, read_timeout=15,
                          retries={"max_attempts": 2, "mode": "standard"},
                          s3={"addressing_style": "path"}))

    @staticmethod
    def _missing(exc) -> bool:
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
        return code in ("404", "NoSuchKey", "NotFound")

    def _errors(self):
        from botocore.exceptions import BotoCoreError, ClientError

        return BotoCoreError, ClientError

    def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=_safe_key(key), Body=data,
                                   ContentType=content_type)
        except self._errors() as exc:
            log.error("storage: cannot write %s: %s", key, exc)
            raise StorageUnavailable() from exc

    def _object(self, key: str):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=_safe_key(key))
        except self._errors() as exc:
            if self._missing(exc):
                return None
            log.error("storage: cannot read %s: %s", key, exc)
            raise StorageUnavailable() from exc

    def get(self, key: str) -> bytes | None:
        obj = self._object(key)
        return None if obj is None else obj["Body"].read()

    def stat(self, key: str) -> tuple[int, str] | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=_safe_key(key))
        except self._errors() as exc:
            if self._missing(exc):
                return None
            raise StorageUnavailable() from exc
        # A single-part upload's ETag is the MD5 of its content.
        return head["ContentLength"], head["ETag"].strip('"')

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=_safe_key(key))
        except self._errors() as exc:
            raise StorageUnavailable() from exc

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"]

    def response(self, key: str, mimetype: str) -> Response | None:
        obj = self._object(key)
        if obj is None:
            return None
        etag = obj["ETag"].strip('"')
        if etag in request.if_none_match:
            obj["Body"].close()
            response = Response(status=304)
        else:
            response = Response(obj["Body"].iter_chunks(CHUNK), mimetype=mimetype,
                                direct_passthrough=True)
            response.content_length = obj["ContentLength"]
        response.set_etag(etag)
        return response


def build(config) -> Stored:
    if config.get("STORAGE_BACKEND", "local") == "s3":
        return S3Storage(config)
    return LocalStorage(config["UPLOAD_DIR"])


def backend() -> Stored:
    """The app's file store (built on first use from its configuration)."""
    store = current_app.extensions.get("storage")
    if store is None:
        store = current_app.extensions["storage"] = build(current_app.config)
    return store


def serve(key: str, mimetype: str, *, public: bool = False, max_age: int = 3600,
          download_name: str | None = None) -> Response | None:
    """The stored file as a response, or None when it is missing. Call it only after the
    reader's permission check. Public images are cached for a year (their names never
    change content); everything else stays private to the reader's browser."""
    response = backend().response(key, mimetype)
    if response is None:
        return None
    response.headers["X-Content-Type-Options"] = "nosniff"
    if public:
        response.headers["Cache-Control"] = PUBLIC_CACHE
    elif max_age:
        response.headers["Cache-Control"] = f"private, max-age={max_age}"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    if download_name:
        response.headers.set("Content-Disposition", "attachment", filename=download_name)
    else:
        response.headers["Content-Disposition"] = "inline"
    return response
