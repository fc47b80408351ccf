"""Harvest every open dataset through the API, page by page, and check each against the
web pages: the ids (or, where a page shows none, the number of rows) the API gives must be
those an anonymous visitor finds by walking the site's own lists.

In-process against the configured database (DATABASE_URL) by default, or over HTTP:

    .venv/bin/python scripts/harvest.py [--base-url http://127.0.0.1:8000] [--limit 100]

Exits 1 when a dataset differs from its pages."""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Per dataset: the web lists to walk (following rel="next"), and what marks an item on them.
WEB = {
    "organisations": (["/organisations/"], r'href="/organisations/(\d+)"'),
    "places": (["/directory/?closed=1"], r'href="/directory/(\d+)"'),
    "events": (["/events/", "/events/?when=past"], r'href="/events/(\d+)"'),
    "news": (["/news/"], r'href="/news/(\d+)"'),
    "resources": (["/resources/"], r'href="/resources/(\d+)"'),
    "projects": (["/projects/"], r'href="/projects/(\d+)"'),
    "experts": (["/experts/"], r'href="/experts/(\d+)"'),
    "campaigns": (["/fund/"], r'href="/fund/(\d+)"'),
    "ledger": (["/fund/ledger"], r'data-entry="(\d+)"'),
    "moderation-log": (["/moderation/log"], None),  # rows without ids: count them
    "competitions": (None, None),  # editions: walked from each competition's page
}
NEXT = re.compile(r'rel="next" href="([^"]+)"')
ROW = re.compile(r"<tr><td>")


class Reader:
    """GET a site path: over HTTP, or through the application's test client."""

    def __init__(self, base_url: str | None):
        self.base = base_url.rstrip("/") if base_url else None
        if self.base is None:
            from diaspora_platform import create_app

            self.app = create_app({"RATELIMIT_ENABLED": False, "PAGE_CACHE_ENABLED": False})
            self.client = self.app.test_client()

    def text(self, path: str) -> str:
        headers = {"Accept-Language": "en"}
        if self.base is None:
            response = self.client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code)
            return response.get_data(as_text=True)
        request = urllib.request.Request(self.base + path, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (own site)
            return answer.read().decode()

    def json(self, path: str) -> dict:
        import json

        return json.loads(self.text(path))


def local(url: str) -> str:
    parts = urlsplit(html.unescape(url))
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def api_ids(reader: Reader, dataset: str, limit: int) -> tuple[list, int]:
    found, pages, url = [], 0, f"/api/v1/{dataset}?limit={limit}"
    while url:
        body = reader.json(url)
        found += [row["id"] for row in body["data"]]
        pages += 1
        url = local(body["links"]["next"]) if body["links"]["next"] else None
    return found, pages


def web_items(reader: Reader, starts: list[str], pattern: str | None) -> list:
    found = []
    for url in starts:
        while url:
            page = reader.text(url)
            found += (re.findall(pattern, page) if pattern
                      else [None] * len(ROW.findall(page)))
            more = NEXT.search(page)
            url = local(more.group(1)) if more else None
    return found


def web_editions(reader: Reader) -> list:
    keys = set(re.findall(r'href="/competitions/([a-z-]+)"', reader.text("/competitions/")))
    editions = set()
    for key in keys:
        editions |= set(re.findall(rf'href="/competitions/({key}/\d+)"',
                                   reader.text(f"/competitions/{key}")))
    return sorted(editions)


def check(reader: Reader, dataset: str, limit: int) -> bool:
    began = time.perf_counter()
    ids, pages = api_ids(reader, dataset, limit)
    starts, pattern = WEB[dataset]
    web = web_editions(reader) if dataset == "competitions" else web_items(
        reader, starts, pattern)
    if dataset == "competitions":
        shown, same = len(web), len(ids) == len(web)
    elif pattern:
        shown, same = len(set(web)), sorted(ids) == sorted({int(i) for i in web})
    else:
        shown, same = len(web), len(ids) == len(web)
    print(f"  {dataset:<15} API {len(ids):>7} in {pages:>4} pages   web {shown:>7}   "
          f"{'same' if same else 'DIFFERENT'}   {time.perf_counter() - began:6.2f} s")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running site (default: in-process)")
    parser.add_argument("--limit", type=int, default=100, help="API page size")
    args = parser.parse_args()
    reader = Reader(args.base_url)
    print(f"harvest of {args.base_url or 'the configured database (in-process)'}")
    results = [check(reader, dataset, args.limit) for dataset in WEB]
    print("every dataset matches its pages" if all(results) else "some datasets differ")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
