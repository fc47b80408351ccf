"""Reading a list the way a person does: first page, then each "Next" link."""

from __future__ import annotations

import html
import re

NEXT = re.compile(r'<a class="page-link" rel="next" href="([^"]+)"')
PREV = re.compile(r'<a class="page-link" rel="prev" href="([^"]+)"')


def walk(client, url: str, headers=None, limit: int = 200) -> list[str]:
    """Every page's HTML, from `url` through the "Next" links."""
    pages = []
    while url and len(pages) < limit:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        pages.append(text)
        found = NEXT.search(text)
        url = html.unescape(found.group(1)) if found else None
    return pages


def link(text: str, rel: str = "next") -> str | None:
    found = (NEXT if rel == "next" else PREV).search(text)
    return html.unescape(found.group(1)) if found else None
