"""`flask uploads ...`: moving uploaded files between stores."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from diaspora_platform import storage, uploads


@click.group("uploads", help="Uploaded files (logos, photos, documents, attachments).")
def uploads_cli():
    pass


def copy_missing(source: storage.Stored, target: storage.Stored) -> dict[str, int]:
    """Copy every file of `source` that `target` lacks or holds differently (by size and
    MD5). Safe to run again after an interruption: what arrived intact is skipped."""
    counts = {"copied": 0, "skipped": 0, "failed": 0}
    for key in source.keys():
        data = source.get(key)
        if data is None:  # removed while we were copying
            continue
        have = source.stat(key)
        try:
            if target.stat(key) == have:
                counts["skipped"] += 1
                continue
            kind, _sep, name = key.partition("/")
            target.put(key, data, uploads.MEDIA_TYPES.get(name.rsplit(".", 1)[-1],
                                                          "application/octet-stream"))
            counts["copied"] += 1
        except storage.StorageUnavailable:
            counts["failed"] += 1
    return counts


@uploads_cli.command("migrate")
@click.option("--from-dir", type=click.Path(file_okay=False),
              help="Folder to copy from (default: UPLOAD_DIR).")
@with_appcontext
def migrate(from_dir):
    """Copy the files on this host's disk into the object store (STORAGE_BACKEND=s3).
    Run it again until nothing fails; files already there are skipped."""
    if current_app.config.get("STORAGE_BACKEND") != "s3":
        raise click.ClickException("Set STORAGE_BACKEND=s3 and the S3_* settings first: "
                                   "the files are copied into that bucket.")
    source = storage.LocalStorage(from_dir or current_app.config["UPLOAD_DIR"])
    counts = copy_missing(source, storage.backend())
    click.echo(f"{counts['copied']} copied, {counts['skipped']} already there, "
               f"{counts['failed']} failed.")
    if counts["failed"]:
        raise SystemExit(1)
