"""Encryption at rest for help requests: Fernet (AES-128-CBC + HMAC-SHA256) through
MultiFernet, so a new key encrypts while older ones still decrypt until `flask helpdesk
rotate-keys` has re-encrypted every row. Keys come from configuration (HELPDESK_KEYS)."""

from __future__ import annotations

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

EXTENSION = "helpdesk_keyring"


class KeyMismatch(RuntimeError):
    """Stored data cannot be decrypted with any configured key."""


def keyring() -> MultiFernet:
    keys = tuple(current_app.config["HELPDESK_KEYS"])
    cached = current_app.extensions.get(EXTENSION)
    if cached is None or cached[0] != keys:
        cached = (keys, MultiFernet([Fernet(key) for key in keys]))
        current_app.extensions[EXTENSION] = cached
    return cached[1]


def seal(data: bytes) -> bytes:
    return keyring().encrypt(data)


def unseal(token: bytes) -> bytes:
    try:
        return keyring().decrypt(bytes(token))
    except InvalidToken as exc:
        raise KeyMismatch("A help request cannot be decrypted with HELPDESK_KEYS: the key "
                          "it was written with is missing.") from exc


def reseal(token: bytes) -> bytes:
    """The same plaintext encrypted with the newest key (for rotation)."""
    try:
        return keyring().rotate(bytes(token))
    except InvalidToken as exc:
        raise KeyMismatch("A help request cannot be re-encrypted: the key it was written "
                          "with is not in HELPDESK_KEYS.") from exc


class SealedBytes(sa.types.TypeDecorator):
    """Bytes stored encrypted (attachments): the column holds only the Fernet token."""

    impl = sa.LargeBinary
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else seal(self.to_bytes(value))

    def process_result_value(self, value, dialect):
        return None if value is None else self.from_bytes(unseal(value))

    @staticmethod
    def to_bytes(value) -> bytes:
        return bytes(value)

    @staticmethod
    def from_bytes(data: bytes):
        return data


class SealedText(SealedBytes):
    """Text stored encrypted (UTF-8 inside the token)."""

    cache_ok = True

    @staticmethod
    def to_bytes(value) -> bytes:
        return value.encode("utf-8")

    @staticmethod
    def from_bytes(data: bytes):
        return data.decode("utf-8")


def check_stored_requests(app) -> None:
    """Refuse to start when the newest stored request cannot be decrypted with
    HELPDESK_KEYS (a wrong key, or the key it was written with was dropped too early)."""
    from diaspora_platform.extensions import db

    with app.app_context():
        table = sa.table("help_requests", sa.column("id"), sa.column("story", sa.LargeBinary))
        try:
            token = db.session.execute(sa.select(table.c.story).order_by(
                table.c.id.desc()).limit(1)).scalar()
        except sa.exc.SQLAlchemyError:
            token = None  # no schema yet, or the database is away: nothing to check now
        finally:
            db.session.remove()
        if token is None:
            return
        try:
            keyring().decrypt(bytes(token))
        except InvalidToken as exc:
            raise RuntimeError("HELPDESK_KEYS cannot decrypt the stored help requests: the "
                               "key they were written with is not among them. Restore it "
                               "(see README, rotating the key).") from exc
